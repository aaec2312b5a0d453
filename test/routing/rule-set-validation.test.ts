import request from 'supertest';

import { archiveOtherPublishedVersions, createRuleSetVersion } from '../../models/rules/rule-set-version-repository';
import { diffRuleSets } from '../../routing-rules/diff-rule-sets';
import type { RunningApplication } from '../../server/application';
import { syncActiveRuleSet } from '../../server/routing/load-active-rule-set';
import { signedInToken, startTestApplication } from '../support/test-application';
import { activeRulesWith, bearer, keywordRule } from './rule-set-api';

describe('rule sets that cannot be published are refused in French', () => {
  let application: RunningApplication;
  let supervisor: string;
  const api = () => request(application.url);

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    supervisor = await signedInToken(application, 'supervisor');
  }, 120_000);
  afterAll(async () => application?.stop());

  it('refuses to store a draft that breaks the schema, saying where and why', async () => {
    const ruleSet = await activeRulesWith(
      application,
      supervisor,
      keywordRule('teleportation', ['fusée'], [{ type: 'teleport', queue: 'voirie' } as never]),
      {
        ...keywordRule('regex-dangereuse', ['x'], [{ type: 'route', queue: 'voirie' }]),
        when: { kind: 'regex', field: 'text', pattern: '(a+)\\1' },
      },
    );
    const refused = await api().post('/api/rule-sets/versions').set(bearer(supervisor)).send({ ruleSet }).expect(422);
    expect(refused.body.error).toBe("Le jeu de règles est invalide et n'a pas été enregistré.");
    const messages: string[] = refused.body.problems.map((problem: { message: string }) => problem.message);
    expect(messages.some((message) => /type d'action « teleport » inconnu/.test(message))).toBe(true);
    expect(refused.body.problems.map((problem: { ruleId?: string }) => problem.ruleId)).toEqual(
      expect.arrayContaining(['teleportation', 'regex-dangereuse']),
    );
    const versions = await api().get('/api/rule-sets/versions').set(bearer(supervisor)).expect(200);
    expect(versions.body.versions).toHaveLength(1);
  });

  it('validates without storing, and flags unknown queues and contradictions', async () => {
    const ruleSet = await activeRulesWith(
      application,
      supervisor,
      keywordRule('piscine', ['piscine'], [{ type: 'route', queue: 'piscine' }]),
      {
        ...keywordRule('contradiction', ['x'], [{ type: 'route', queue: 'voirie' }]),
        when: {
          kind: 'all',
          conditions: [
            { kind: 'queue', op: 'equals', value: 'voirie' },
            { kind: 'queue', op: 'equals', value: 'social' },
          ],
        },
      },
    );
    const validation = await api().post('/api/rule-sets/validate').set(bearer(supervisor)).send({ ruleSet }).expect(200);
    expect(validation.body.publishable).toBe(false);
    const byRule = Object.fromEntries(
      validation.body.problems.map((problem: { ruleId: string; code: string; message: string }) => [problem.ruleId, problem]),
    );
    expect(byRule.piscine).toMatchObject({
      code: 'unknown-queue',
      severity: 'error',
      message: expect.stringContaining("la file « piscine » n'existe pas"),
    });
    expect(byRule.contradiction).toMatchObject({ code: 'contradiction', message: expect.stringContaining("ne peut jamais s'appliquer") });
  });

  it('stores a draft with errors but refuses to publish it, even simulated', async () => {
    const ruleSet = await activeRulesWith(
      application,
      supervisor,
      keywordRule('piscine', ['piscine'], [{ type: 'route', queue: 'piscine' }]),
    );
    const draft = await api().post('/api/rule-sets/versions').set(bearer(supervisor)).send({ ruleSet }).expect(201);
    expect(draft.body.publishable).toBe(false);
    const version = draft.body.version.version;
    const simulation = await api().post(`/api/rule-sets/versions/${version}/simulate`).set(bearer(supervisor)).send({}).expect(201);
    const refused = await api()
      .post(`/api/rule-sets/versions/${version}/publish`)
      .set(bearer(supervisor))
      .send({ simulationId: simulation.body.simulation.id })
      .expect(422);
    expect(refused.body.error).toMatch(/ne peut pas être publié/);
    expect(refused.body.problems[0].message).toMatch(/la file « piscine » n'existe pas/);
    const active = await api().get('/api/rule-sets/active').set(bearer(supervisor)).expect(200);
    expect(active.body.version.version).toBe(1);
    await api()
      .post('/api/rule-sets/versions/1/publish')
      .set(bearer(supervisor))
      .send({ simulationId: simulation.body.simulation.id })
      .expect(409);
  });

  it('simulates an uploaded JSONL sample and reports bad lines by number', async () => {
    const ruleSet = await activeRulesWith(
      application,
      supervisor,
      keywordRule('marche-de-noel', ['marché de Noël'], [{ type: 'route', queue: 'cimetiere' }]),
    );
    const draft = await api().post('/api/rule-sets/versions').set(bearer(supervisor)).send({ ruleSet }).expect(201);
    const version = draft.body.version.version;
    const line = (requestId: string, text: string, queue: string) =>
      JSON.stringify({
        requestId,
        input: {
          classification: {
            queue,
            intent: 'renseignement-general',
            confidence: 0.9,
            decidedBy: 'lexical',
            language: 'fr',
            opinions: [],
            entities: [],
          },
          channel: 'form',
          text,
          sender: {},
          receivedAt: '2026-03-10T09:00:00Z',
        },
      });
    const jsonl = [line('a', 'Où est le marché de Noël ?', 'accueil'), '', line('b', 'Horaires de la mairie ?', 'accueil')].join('\n');
    const simulation = await api()
      .post(`/api/rule-sets/versions/${version}/simulate`)
      .set(bearer(supervisor))
      .set('Content-Type', 'application/x-ndjson')
      .send(jsonl)
      .expect(201);
    expect(simulation.body.simulation).toMatchObject({
      source: 'jsonl',
      requestCount: 2,
      before: { accueil: 2 },
      after: { accueil: 1, cimetiere: 1 },
      moved: [{ requestId: 'a', from: 'accueil', to: 'cimetiere', ruleId: 'marche-de-noel' }],
    });
    const broken = await api()
      .post(`/api/rule-sets/versions/${version}/simulate`)
      .set(bearer(supervisor))
      .set('Content-Type', 'application/x-ndjson')
      .send(`${line('a', 'x', 'accueil')}\n{"requestId": "b"}`)
      .expect(400);
    expect(broken.body.error).toMatch(/^Ligne 2 invalide : input : champ obligatoire/);
  });

  it('picks up a version another instance of the service published', async () => {
    const { active } = application.routing;
    expect(await syncActiveRuleSet(active)).toBeNull();
    const ruleSet = await activeRulesWith(
      application,
      supervisor,
      keywordRule('ailleurs', ['ailleurs'], [{ type: 'route', queue: 'voirie' }]),
    );
    const elsewhere = await createRuleSetVersion({ status: 'published', ruleSet, diff: diffRuleSets(null, ruleSet) });
    await archiveOtherPublishedVersions(elsewhere.version);
    expect(await syncActiveRuleSet(active)).toBe(elsewhere.version);
    expect(active.version).toBe(elsewhere.version);
    expect(active.compiled.rules.map((rule) => rule.id)).toContain('ailleurs');
  });
});
