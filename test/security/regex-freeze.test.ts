import request from 'supertest';

import type { Rule } from '../../routing-rules/rule-schema';
import type { RunningApplication } from '../../server/application';
import { activeRulesWith, bearer, publishThroughApi, submitAndRoute, ticketOf } from '../routing/rule-set-api';
import { signedInToken, startTestApplication } from '../support/test-application';

const regexRule = (id: string, pattern: string, queue: string, priority: number): Rule => ({
  id,
  name: `Motif ${id}`,
  priority,
  enabled: true,
  when: { kind: 'regex', field: 'text', pattern },
  then: [{ type: 'route', queue }],
  stop: true,
});

/** The patterns the probe published: exponential under a backtracking engine, each extra character doubling the time. */
const alternation = regexRule('alternance', '^(a|a)*$', 'voirie', 2000);
const spaces = regexRule('espaces', '\\s*\\s*\\s*\\s*\\s*x', 'urbanisme', 1990);

describe('a published rule cannot freeze the service (ReDoS)', () => {
  let application: RunningApplication;
  let supervisor: string;

  beforeAll(async () => {
    ({ application } = await startTestApplication({ smtpIntakeEnabled: false }));
    supervisor = await signedInToken(application, 'supervisor');
  });
  afterAll(async () => application?.stop());

  it('publishes the probe’s patterns, and anonymous attack texts of 10,000 characters are routed at once', async () => {
    await publishThroughApi(application, supervisor, await activeRulesWith(application, supervisor, alternation, spaces));

    // Under the JavaScript engine each of these would run for longer than the universe has existed.
    const spacesAttack = await submitAndRoute(application, `${' '.repeat(9_990)}!`);
    expect(await ticketOf(application, supervisor, spacesAttack.ticketId)).toMatchObject({ queue: 'accueil' });
    const alternationAttack = await submitAndRoute(application, `${'a'.repeat(9_990)}!`);
    const ticket = await ticketOf(application, supervisor, alternationAttack.ticketId);
    expect(ticket.trace.routing.find((entry: { ruleId: string }) => entry.ruleId === 'alternance')).toMatchObject({ matched: false });
    const matching = await submitAndRoute(application, 'a'.repeat(9_999));
    expect(await ticketOf(application, supervisor, matching.ticketId)).toMatchObject({ queue: 'voirie' });
  });

  it('simulates a draft holding those patterns over the stored attack texts', async () => {
    const ruleSet = await activeRulesWith(application, supervisor, {
      ...alternation,
      id: 'alternance-2',
      then: [{ type: 'route', queue: 'social' }],
      priority: 2100,
    });
    const draft = await request(application.url).post('/api/rule-sets/versions').set(bearer(supervisor)).send({ ruleSet }).expect(201);
    const simulation = await request(application.url)
      .post(`/api/rule-sets/versions/${draft.body.version.version}/simulate`)
      .set(bearer(supervisor))
      .send({})
      .expect(201);
    expect(simulation.body.simulation.after.social).toBe(1);
  });

  it('refuses, in French, what the linear-time engine cannot run', async () => {
    const validate = (pattern: string) =>
      request(application.url)
        .post('/api/rule-sets/validate')
        .set(bearer(supervisor))
        .send({ ruleSet: { fallbackQueue: 'accueil', rules: [regexRule('r', pattern, 'voirie', 1)] } })
        .expect(200);
    const backreference = await validate('(\\w+) \\1');
    expect(backreference.body.publishable).toBe(false);
    expect(backreference.body.problems[0].message).toMatch(/références arrière/);
    const huge = await validate('[\\s\\S]{1000}[\\s\\S]{1000}x');
    expect(huge.body.publishable).toBe(false);
    expect(huge.body.problems[0].message).toMatch(/invalide ou non prise en charge|trop complexe/);
    expect((await validate('^(a|a)*$')).body.publishable).toBe(true);
  });
});

describe('the time budget of one request’s rule evaluation', () => {
  let application: RunningApplication;

  // A budget no evaluation can keep: every request ends up past it, whatever the machine.
  beforeAll(async () => {
    ({ application } = await startTestApplication({ smtpIntakeEnabled: false, ruleEvaluationBudgetMs: 0.000_001 }));
  });
  afterAll(async () => application?.stop());

  it('sends the request to the fallback queue, with a trace entry saying why, when it is exceeded', async () => {
    const supervisor = await signedInToken(application, 'supervisor');
    const { ticketId } = await submitAndRoute(application, 'Des encombrants sont déposés devant le 12 rue des Lilas depuis une semaine.');
    const ticket = await ticketOf(application, supervisor, ticketId);
    expect(ticket).toMatchObject({ queue: 'accueil', tags: [] });
    expect(ticket.trace.fellBack).toBe(true);
    expect(ticket.trace.routing.at(-1).conditionTrace[0].condition).toMatch(
      /^évaluation interrompue : .* budget de 0.000001 ms ; la demande va en file de repli \(accueil\)/,
    );
  });
});
