import type { Socket } from 'socket.io-client';
import request from 'supertest';

import type { RunningApplication } from '../../server/application';
import { connectAgentSocket, nextEvent, signedInToken, startTestApplication } from '../support/test-application';
import { activeRulesWith, bearer, keywordRule, publishThroughApi, submitAndRoute, ticketOf } from './rule-set-api';

const streetLightRule = keywordRule('lampadaire', ['lampadaire'], [{ type: 'route', queue: 'voirie' }]);

describe('pilot mode: suggestions confirmed or corrected by the reception, agreement rate per queue', () => {
  let application: RunningApplication;
  let supervisor: string;
  let reception: string;
  let receptionSocket: Socket;
  const api = () => request(application.url);

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    supervisor = await signedInToken(application, 'supervisor');
    reception = await signedInToken(application, 'agent', ['accueil']);
    receptionSocket = await connectAgentSocket(application, reception);
    await publishThroughApi(application, supervisor, await activeRulesWith(application, supervisor, streetLightRule));
  }, 120_000);
  afterAll(async () => {
    receptionSocket?.close();
    await application?.stop();
  });

  it('lets only supervisors switch a queue, and never the reception queue itself', async () => {
    await api().put('/api/triage/queues/voirie/mode').set(bearer(reception)).send({ mode: 'suggest' }).expect(403);
    const refused = await api().put('/api/triage/queues/accueil/mode').set(bearer(supervisor)).send({ mode: 'suggest' }).expect(400);
    expect(refused.body.error).toMatch(/file d'accueil/);
    await api().put('/api/triage/queues/piscine/mode').set(bearer(supervisor)).send({ mode: 'suggest' }).expect(404);
  });

  it('holds suggestions in accueil, resolves each in one action, and measures agreement over the last N', async () => {
    const switched = await api().put('/api/triage/queues/voirie/mode').set(bearer(supervisor)).send({ mode: 'suggest' }).expect(200);
    expect(switched.body).toEqual({ queue: 'voirie', mode: 'suggest', previousMode: 'auto' });

    const ticketIds: string[] = [];
    for (const street of ['rue des Lilas', 'avenue Foch', 'rue Pasteur', 'place du Marché']) {
      ticketIds.push((await submitAndRoute(application, `Le lampadaire ${street} ne s'allume plus depuis lundi.`)).ticketId);
    }
    const waiting = await ticketOf(application, reception, ticketIds[0]);
    expect(waiting).toMatchObject({ queue: 'accueil', suggestedQueue: 'voirie', suggestionOutcome: null });
    expect(waiting.trace).toMatchObject({ decidedQueue: 'voirie', pilot: { waitingIn: 'accueil', suggestedQueue: 'voirie' } });
    const pending = await api().get('/api/triage/suggestions').set(bearer(reception)).expect(200);
    expect(pending.body.tickets.map((ticket: { id: string }) => ticket.id)).toEqual(ticketIds);

    const moved = nextEvent<{ id: string; from: string; to: string }>(receptionSocket, 'ticket.moved');
    const decisions = ['voirie', 'voirie', 'police-municipale', 'voirie'];
    for (const [index, queue] of decisions.entries()) {
      const resolved = await api().post(`/api/triage/tickets/${ticketIds[index]}`).set(bearer(reception)).send({ queue }).expect(200);
      expect(resolved.body).toMatchObject({
        agreed: queue === 'voirie',
        ticket: { queue, suggestedQueue: 'voirie', suggestionOutcome: { queue, agreed: queue === 'voirie' } },
      });
    }
    expect(await moved).toEqual({ id: ticketIds[0], reference: expect.any(String), from: 'accueil', to: 'voirie' });
    const again = await api().post(`/api/triage/tickets/${ticketIds[0]}`).set(bearer(supervisor)).send({ queue: 'voirie' }).expect(409);
    expect(again.body.error).toMatch(/déjà été confirmée ou corrigée/);
    expect((await api().get('/api/triage/suggestions').set(bearer(reception)).expect(200)).body.tickets).toEqual([]);

    await api().get('/api/triage/agreement').set(bearer(reception)).expect(403);
    const overall = await api().get('/api/triage/agreement').set(bearer(supervisor)).expect(200);
    expect(overall.body.queues.find((queue: { queue: string }) => queue.queue === 'voirie')).toEqual({
      queue: 'voirie',
      mode: 'suggest',
      window: 50,
      considered: 4,
      agreed: 3,
      rate: 0.75,
    });
    const recent = await api().get('/api/triage/agreement?window=3').set(bearer(supervisor)).expect(200);
    const voirie = recent.body.queues.find((queue: { queue: string }) => queue.queue === 'voirie');
    expect(voirie).toMatchObject({ considered: 3, agreed: 2 });
    expect(voirie.rate).toBeCloseTo(2 / 3);
    expect(recent.body.queues.find((queue: { queue: string }) => queue.queue === 'urbanisme')).toMatchObject({ considered: 0, rate: null });

    await api().put('/api/triage/queues/voirie/mode').set(bearer(supervisor)).send({ mode: 'auto' }).expect(200);
    const direct = await ticketOf(
      application,
      supervisor,
      (await submitAndRoute(application, 'Le lampadaire du parking est tombé en panne.')).ticketId,
    );
    expect(direct).toMatchObject({ queue: 'voirie', suggestedQueue: null });
    await api().post(`/api/triage/tickets/${direct.id}`).set(bearer(supervisor)).send({ queue: 'voirie' }).expect(409);
  });
});
