import request from 'supertest';

import type { RuleSet } from '../../routing-rules/rule-schema';
import type { RunningApplication } from '../../server/application';
import { bearer, publishThroughApi } from '../routing/rule-set-api';

/** Two unmistakable requests for two services in one message: a birth certificate copy and a broken street light. */
export const twoRequestsText =
  'Bonjour,\n' +
  'Je souhaiterais recevoir une copie intégrale de mon acte de naissance, je suis née à la maternité de la ville en 1985.\n' +
  "Par ailleurs, le lampadaire devant le numéro 12 de la rue des Lilas ne s'allume plus depuis une semaine, la rue est toute noire le soir.\n" +
  'Merci beaucoup,\nClaire Martin';

/** The supervisors' opt-in, through the API: the shipped split rule (off by default) switched on and published. */
export async function enableShippedSplitRule(application: RunningApplication, supervisorToken: string): Promise<void> {
  const active = await request(application.url).get('/api/rule-sets/active').set(bearer(supervisorToken)).expect(200);
  const shipped = active.body.version.ruleSet as RuleSet;
  expect(shipped.rules.find((rule) => rule.id === 'un-ticket-par-service')).toMatchObject({ enabled: false, then: [{ type: 'split' }] });
  await publishThroughApi(application, supervisorToken, {
    ...shipped,
    rules: shipped.rules.map((rule) => (rule.id === 'un-ticket-par-service' ? { ...rule, enabled: true } : rule)),
  });
}
