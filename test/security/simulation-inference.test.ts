import request from 'supertest';

import { AuditEventModel } from '../../models/audit/audit-event-model';
import type { Rule, RuleSet } from '../../routing-rules/rule-schema';
import type { RunningApplication } from '../../server/application';
import { activeRulesWith, bearer, keywordRule, submitAndRoute } from '../routing/rule-set-api';
import { signedInToken, startTestApplication } from '../support/test-application';

const simulationsPerHour = 3;

describe('simulation cannot be used to read messages piece by piece', () => {
  let application: RunningApplication;
  let supervisor: string;

  beforeAll(async () => {
    ({ application } = await startTestApplication({ smtpIntakeEnabled: false, ruleSimulationsPerHour: simulationsPerHour }));
    supervisor = await signedInToken(application, 'supervisor');
    await submitAndRoute(application, 'Bonjour, je suis née le 14/02/1987 à Lyon et je voudrais une copie de mon acte de naissance.');
    await submitAndRoute(application, 'Le lampadaire de la rue des Lilas ne fonctionne plus depuis lundi.');
  });
  afterAll(async () => application?.stop());

  async function draftWith(token: string, ...rules: Rule[]): Promise<number> {
    const ruleSet: RuleSet = await activeRulesWith(application, supervisor, ...rules);
    const draft = await request(application.url).post('/api/rule-sets/versions').set(bearer(token)).send({ ruleSet }).expect(201);
    return draft.body.version.version;
  }
  const simulate = (token: string, version: number) =>
    request(application.url).post(`/api/rule-sets/versions/${version}/simulate`).set(bearer(token)).send({});

  const birthYearProbe: Rule = {
    id: 'sonde-naissance',
    name: 'Sonde',
    priority: 5000,
    enabled: true,
    when: { kind: 'entity', entityType: 'date', op: 'matches', pattern: '1987' },
    then: [{ type: 'route', queue: 'social' }],
    stop: true,
  };
  const stopOnlyProbe: Rule = {
    id: 'sonde-arret',
    name: 'Arrêt',
    priority: 5000,
    enabled: true,
    when: { kind: 'regex', field: 'text', pattern: '\\d{2}/02/19\\d\\d' },
    then: [{ type: 'addTags', tags: ['x'] }],
    stop: true,
  };

  it('refuses, in French, a draft whose only purpose is to probe stored requests, and audits nothing as read', async () => {
    const auditsBefore = await AuditEventModel.countDocuments({ action: 'rule-set.simulated' });
    for (const [probe, reason] of [
      [birthYearProbe, /ne porte que sur la valeur de données personnelles/],
      [stopOnlyProbe, /n'oriente rien et ne fait qu'arrêter l'évaluation/],
    ] as const) {
      const refused = await simulate(supervisor, await draftWith(supervisor, probe)).expect(422);
      expect(refused.body.error).toMatch(/ne peut pas être simulé sur les demandes enregistrées/);
      expect(refused.body.problems).toEqual([
        expect.objectContaining({ code: 'probing-rule', ruleId: probe.id, message: expect.stringMatching(reason) }),
      ]);
      expect(JSON.stringify(refused.body)).not.toMatch(/requestId|moved/);
    }
    expect(await AuditEventModel.countDocuments({ action: 'rule-set.simulated' })).toBe(auditsBefore);
  });

  it('audits a simulation over stored requests as a read of personal data: who, which draft, how many requests', async () => {
    const version = await draftWith(supervisor, keywordRule('lampadaires', ['lampadaire'], [{ type: 'route', queue: 'voirie' }]));
    const simulation = await simulate(supervisor, version).expect(201);
    const me = await request(application.url).get('/api/auth/me').set(bearer(supervisor)).expect(200);
    const audit = await AuditEventModel.findOne({ action: 'rule-set.simulated', objectId: String(version) }).lean();
    expect(audit).toMatchObject({
      actorId: expect.anything(),
      actorRole: 'supervisor',
      objectType: 'RuleSet',
      details: { simulationId: simulation.body.simulation.id, requestCount: 2, draftRevision: 1 },
    });
    expect(audit!.actorId!.toString()).toBe(me.body.user.id);
  });

  it('keeps simulations to those who may read the tickets, and limits how many one person runs in an hour', async () => {
    const admin = await signedInToken(application, 'admin');
    await simulate(admin, 1).expect(403);
    const agent = await signedInToken(application, 'agent', ['voirie']);
    await simulate(agent, 1).expect(403);

    const other = await signedInToken(application, 'supervisor');
    const version = await draftWith(other, keywordRule('trottoirs', ['trottoir'], [{ type: 'route', queue: 'voirie' }]));
    for (let run = 0; run < simulationsPerHour; run += 1) await simulate(other, version).expect(201);
    const limited = await simulate(other, version).expect(429);
    expect(limited.body.error).toMatch(/Trop de simulations en une heure \(3 au plus\)/);
    await simulate(await signedInToken(application, 'supervisor'), version).expect(201);
  });
});
