import type { Socket } from 'socket.io-client';
import request from 'supertest';

import type { RunningApplication } from '../../server/application';
import { connectAgentSocket, nextEvent, signedInToken, startTestApplication } from '../support/test-application';
import { activeRulesWith, bearer, keywordRule, submitAndRoute, ticketOf } from './rule-set-api';

const christmasMarketRule = keywordRule(
  'marche-de-noel',
  ['marché de Noël'],
  [
    { type: 'route', queue: 'cimetiere' },
    { type: 'addTags', tags: ['marche-noel'] },
  ],
);

interface RuleTraceEntry {
  ruleId: string;
  matched: boolean;
  conditionTrace: Array<{ condition: string; matched: boolean }>;
  actionsApplied: Array<{ type: string }>;
}

describe('a newcomer drafts a rule, simulates it, publishes it, sees a request follow it, reads why, and rolls back', () => {
  let application: RunningApplication;
  let supervisor: string;
  let supervisorId: string;
  let agent: string;
  let supervisorSocket: Socket;
  let agentSocket: Socket;
  const api = () => request(application.url);

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    supervisor = await signedInToken(application, 'supervisor');
    supervisorId = (await api().get('/api/auth/me').set(bearer(supervisor)).expect(200)).body.user.id;
    agent = await signedInToken(application, 'agent', ['accueil', 'cimetiere']);
    supervisorSocket = await connectAgentSocket(application, supervisor);
    agentSocket = await connectAgentSocket(application, agent);
  }, 120_000);
  afterAll(async () => {
    supervisorSocket?.close();
    agentSocket?.close();
    await application?.stop();
  });

  it('keeps the rules behind the supervisor role', async () => {
    await api().get('/api/rule-sets/active').expect(401);
    await api().get('/api/rule-sets/active').set(bearer(agent)).expect(403);
    await api().post('/api/rule-sets/versions').set(bearer(agent)).send({}).expect(403);
  });

  it('goes from draft to published to rolled back, every step audited', async () => {
    const stored = await submitAndRoute(application, "Bonjour, à quelle date ouvre le marché de Noël cette année ? Merci d'avance.");
    const storedQueue = (await ticketOf(application, supervisor, stored.ticketId)).queue as string;
    expect(storedQueue).not.toBe('cimetiere');

    const active = await api().get('/api/rule-sets/active').set(bearer(supervisor)).expect(200);
    expect(active.body.version).toMatchObject({ version: 1, status: 'published', restoredFromVersion: null });
    const installedRuleIds = active.body.version.ruleSet.rules.map((rule: { id: string }) => rule.id);
    expect(installedRuleIds).toContain('reference-permis');

    const ruleSet = await activeRulesWith(application, supervisor, christmasMarketRule);
    const draft = await api().post('/api/rule-sets/versions').set(bearer(supervisor)).send({ ruleSet }).expect(201);
    expect(draft.body).toMatchObject({ problems: [], publishable: true });
    expect(draft.body.version).toMatchObject({ version: 2, status: 'draft', basedOnVersion: 1, authorId: supervisorId });
    expect(draft.body.version.diff.added).toEqual([{ ruleId: 'marche-de-noel', ruleName: christmasMarketRule.name }]);

    const unsimulated = await api().post('/api/rule-sets/versions/2/publish').set(bearer(supervisor)).send({}).expect(409);
    expect(unsimulated.body.error).toMatch(/Simulez d'abord le brouillon 2/);

    const firstSimulation = await api().post('/api/rule-sets/versions/2/simulate').set(bearer(supervisor)).send({}).expect(201);
    const { before, after, moved } = firstSimulation.body.simulation;
    expect(moved).toContainEqual({
      requestId: stored.requestId,
      reference: expect.stringMatching(/^AIG-\d{4}-\d{6}$/),
      ticketId: stored.ticketId,
      from: storedQueue,
      to: 'cimetiere',
      ruleId: 'marche-de-noel',
      ruleName: christmasMarketRule.name,
    });
    expect(after.cimetiere).toBe((before.cimetiere ?? 0) + 1);
    expect(after[storedQueue] ?? 0).toBe(before[storedQueue] - 1);

    const renamed = {
      ...ruleSet,
      rules: ruleSet.rules.map((rule) => (rule.id === 'marche-de-noel' ? { ...rule, name: 'Marché de Noël' } : rule)),
    };
    const edited = await api().put('/api/rule-sets/versions/2').set(bearer(supervisor)).send({ ruleSet: renamed }).expect(200);
    expect(edited.body.version.revision).toBe(2);
    const stale = await api()
      .post('/api/rule-sets/versions/2/publish')
      .set(bearer(supervisor))
      .send({ simulationId: firstSimulation.body.simulation.id })
      .expect(409);
    expect(stale.body.error).toMatch(/modifié depuis cette simulation/);

    const simulation = await api().post('/api/rule-sets/versions/2/simulate').set(bearer(supervisor)).send({ limit: 10 }).expect(201);
    const announced = nextEvent<{ version: number; rulesAdded: number; publishedBy: string }>(supervisorSocket, 'rules.published');
    const seenByAgent: string[] = [];
    agentSocket.onAny((event: string) => seenByAgent.push(event));
    const published = await api()
      .post('/api/rule-sets/versions/2/publish')
      .set(bearer(supervisor))
      .send({ simulationId: simulation.body.simulation.id })
      .expect(200);
    expect(published.body.version).toMatchObject({ version: 2, status: 'published', publishedBy: supervisorId });
    expect(published.body.simulation.moved.map((move: { requestId: string }) => move.requestId)).toContain(stored.requestId);
    expect(await announced).toMatchObject({ version: 2, rulesAdded: 1, publishedBy: supervisorId });

    const followed = await submitAndRoute(application, 'Le marché de Noël aura-t-il lieu place de la mairie ?');
    const routed = await ticketOf(application, agent, followed.ticketId);
    expect(routed).toMatchObject({ queue: 'cimetiere', ruleSetVersion: 2 });
    expect(routed.tags).toContain('marche-noel');
    expect(routed.trace).toMatchObject({
      ruleSetVersion: 2,
      routedBy: { ruleId: 'marche-de-noel', ruleName: 'Marché de Noël' },
      fellBack: false,
    });
    const why: RuleTraceEntry[] = routed.trace.routing;
    const decisive = why.find((entry) => entry.ruleId === 'marche-de-noel');
    expect(decisive).toMatchObject({ matched: true, actionsApplied: [{ type: 'route' }, { type: 'addTags' }] });
    expect(decisive!.conditionTrace).toEqual([{ condition: expect.stringContaining('marché de Noël'), matched: true }]);
    expect(why.some((entry) => !entry.matched)).toBe(true);
    expect(why.findIndex((entry) => entry.ruleId === 'marche-de-noel')).toBe(why.length - 1);
    expect(seenByAgent).not.toContain('rules.published');

    const versions = await api().get('/api/rule-sets/versions').set(bearer(supervisor)).expect(200);
    expect(versions.body.versions.map((version: { version: number; status: string }) => [version.version, version.status])).toEqual([
      [2, 'published'],
      [1, 'archived'],
    ]);

    const rolledBack = await api()
      .post('/api/rule-sets/versions/1/rollback')
      .set(bearer(supervisor))
      .send({ reason: 'Règle publiée par erreur' })
      .expect(200);
    expect(rolledBack.body.version).toMatchObject({ version: 3, status: 'published', restoredFromVersion: 1 });
    expect(rolledBack.body.diff.removed).toEqual([{ ruleId: 'marche-de-noel', ruleName: 'Marché de Noël' }]);
    expect(rolledBack.body.simulation.moved).toContainEqual(expect.objectContaining({ requestId: followed.requestId, from: 'cimetiere' }));
    await api().post('/api/rule-sets/versions/3/rollback').set(bearer(supervisor)).send({}).expect(409);

    const afterRollback = await submitAndRoute(application, 'Le marché de Noël ouvrira-t-il le dimanche ?');
    const restored = await ticketOf(application, supervisor, afterRollback.ticketId);
    expect(restored.ruleSetVersion).toBe(3);
    expect(restored.queue).not.toBe('cimetiere');

    const audit = await api().get('/api/rule-sets/audit').set(bearer(supervisor)).expect(200);
    const trail = [...audit.body.events]
      .reverse()
      .map((event: { action: string; version: number; actorId: string | null }) => [event.action, event.version, event.actorId]);
    expect(trail).toEqual([
      ['rule-set.installed', 1, null],
      ['rule-set.draft-created', 2, supervisorId],
      ['rule-set.simulated', 2, supervisorId],
      ['rule-set.draft-updated', 2, supervisorId],
      ['rule-set.simulated', 2, supervisorId],
      ['rule-set.published', 2, supervisorId],
      ['rule-set.rolled-back', 3, supervisorId],
    ]);
    const publication = audit.body.events.find((event: { action: string }) => event.action === 'rule-set.published');
    expect(publication.details).toMatchObject({ previousVersion: 1, diff: { added: [{ ruleId: 'marche-de-noel' }] } });
  });
});
