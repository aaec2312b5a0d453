import request from 'supertest';

import { defaultTaxonomy, queueIds, queueOfIntent } from '../../classifiers/taxonomy/taxonomy';
import { ClassifierCorrectionModel } from '../../models/classifier/classifier-correction-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { intentGuesses } from '../../server/presenters/intent-guesses';
import { bestStoredIntentIn, type StoredOpinion } from '../support/classification-trace';
import { signedInToken, startTestApplication } from '../support/test-application';
import { bearer, submitAndRoute, ticketOf } from './rule-set-api';

const birthCertificate = 'Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance. Merci.';
const streetLight = (street: string) => `Le lampadaire ${street} ne s'allume plus depuis lundi, la rue est dans le noir.`;

describe('agents confirm or change the intent when they reroute or triage', () => {
  let application: RunningApplication;
  let supervisor: string;
  let agent: string;
  let reception: string;
  const api = () => request(application.url);
  const correctionsOf = (ticketId: string) => ClassifierCorrectionModel.find({ ticketId }).lean();

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    supervisor = await signedInToken(application, 'supervisor');
    agent = await signedInToken(application, 'agent', [...queueIds]);
    reception = await signedInToken(application, 'agent', ['accueil']);
  }, 120_000);
  afterAll(async () => {
    await application?.stop();
  });

  it("offers, for every queue, the classification's best-scored intent within it, in the ticket and in the list", async () => {
    const { ticketId } = await submitAndRoute(application, birthCertificate);
    const ticket = await ticketOf(application, agent, ticketId);
    expect(ticket).toMatchObject({ queue: 'etat-civil', intent: 'copie-acte-naissance' });
    expect(Object.keys(ticket.intentGuesses)).toEqual(queueIds);
    for (const queue of queueIds) expect([queue, ticket.intentGuesses[queue]]).toEqual([queue, bestStoredIntentIn(ticket.trace, queue)]);

    const listed = await api().get('/api/tickets?queue=etat-civil').set(bearer(agent)).expect(200);
    expect(listed.body.tickets.find((row: { id: string }) => row.id === ticketId).intentGuesses).toEqual(ticket.intentGuesses);
  });

  it('guesses from the local opinions where an LLM answer names a single intent, and from the taxonomy without a trace', () => {
    const local: StoredOpinion = {
      classifier: 'transformer+lexical',
      intentScores: [
        { label: 'signalement-chaussee', score: 0.4 },
        { label: 'permis-construire', score: 0.3 },
        { label: 'eclairage-public', score: 0.2 },
        { label: 'declaration-prealable', score: 0.1 },
      ],
    };
    const llm: StoredOpinion = { classifier: 'llm', intentScores: [{ label: 'eclairage-public', score: 0.9 }] };
    // The ticket's intent is the deciding opinion's: the LLM's answer, or the local classifiers' best.
    const cases = [
      {
        name: 'deciding LLM first',
        intent: 'eclairage-public',
        trace: { classification: { decidedBy: 'llm', opinions: [local, llm] } },
        voirie: 'eclairage-public',
        urbanisme: 'permis-construire',
      },
      {
        name: 'local decision',
        intent: 'signalement-chaussee',
        trace: { classification: { decidedBy: 'transformer+lexical', opinions: [local] } },
        voirie: 'signalement-chaussee',
        urbanisme: 'permis-construire',
      },
      {
        name: 'LLM failed',
        intent: 'signalement-chaussee',
        trace: { classification: { decidedBy: 'llm-failed', opinions: [local] } },
        voirie: 'signalement-chaussee',
        urbanisme: 'permis-construire',
      },
      {
        name: 'no trace',
        intent: 'signalement-chaussee',
        trace: null,
        voirie: 'signalement-chaussee',
        urbanisme: defaultTaxonomy.queues.find((queue) => queue.id === 'urbanisme')!.intents[0].id,
      },
    ];
    for (const { name, intent, trace, voirie, urbanisme } of cases) {
      const guesses = intentGuesses(defaultTaxonomy, { intent, trace });
      expect([name, guesses.voirie, guesses.urbanisme]).toEqual([name, voirie, urbanisme]);
    }
  });

  it("reroutes with the agent's intent, stored in the correction, and refuses an intent of another queue in French", async () => {
    const { ticketId } = await submitAndRoute(application, birthCertificate);
    const reroute = (body: object) =>
      api()
        .post(`/api/tickets/${ticketId}/reroute`)
        .set(bearer(agent))
        .send({ reason: 'Concerne l’éclairage public.', ...body });

    const foreign = await reroute({ queue: 'voirie', intent: 'copie-acte-naissance' }).expect(400);
    expect(foreign.body.error).toContain(
      "Le motif « Copie d'acte de naissance » n'appartient pas à la file « Voirie et espaces publics » : choisissez un motif de cette file.",
    );
    expect(foreign.body.details).toEqual([expect.objectContaining({ field: 'intent' })]);
    const unknown = await reroute({ queue: 'voirie', intent: 'licorne' }).expect(400);
    expect(unknown.body.error).toContain("Le motif « licorne » n'existe pas.");
    expect((await TicketModel.findById(ticketId))!.queue).toBe('etat-civil');
    expect(await correctionsOf(ticketId)).toEqual([]);

    await reroute({ queue: 'voirie', intent: 'eclairage-public' }).expect(200);
    expect(await correctionsOf(ticketId)).toEqual([
      expect.objectContaining({
        source: 'reroute',
        fromQueue: 'etat-civil',
        queue: 'voirie',
        intent: 'eclairage-public',
        previousIntent: 'copie-acte-naissance',
      }),
    ]);
  });

  it('leaves the intent to retraining when an API client gives none, as before', async () => {
    const { ticketId } = await submitAndRoute(application, birthCertificate);
    await api()
      .post(`/api/tickets/${ticketId}/reroute`)
      .set(bearer(agent))
      .send({ queue: 'social', reason: 'Concerne une aide sociale.' })
      .expect(200);
    const [stored] = await correctionsOf(ticketId);
    expect(stored).toMatchObject({ source: 'reroute', queue: 'social', previousIntent: 'copie-acte-naissance' });
    expect(stored).not.toHaveProperty('intent');
  });

  it('triages a suggestion with the chosen intent: stored when the queue or the intent changes, refused when it is not in the queue', async () => {
    await api().put('/api/triage/queues/voirie/mode').set(bearer(supervisor)).send({ mode: 'suggest' }).expect(200);
    const ticketIds: string[] = [];
    for (const street of ['rue des Lilas', 'avenue Foch', 'rue Pasteur'])
      ticketIds.push((await submitAndRoute(application, streetLight(street))).ticketId);
    const [corrected, confirmedOtherIntent, confirmed] = ticketIds;

    const pending = await api().get('/api/triage/suggestions').set(bearer(reception)).expect(200);
    const suggestion = pending.body.tickets.find((ticket: { id: string }) => ticket.id === corrected);
    expect(suggestion).toMatchObject({
      suggestedQueue: 'voirie',
      intent: 'eclairage-public',
      intentGuesses: { voirie: 'eclairage-public' },
    });
    expect(queueOfIntent(defaultTaxonomy, suggestion.intentGuesses.urbanisme)).toBe('urbanisme');

    const decide = (ticketId: string, body: object) => api().post(`/api/triage/tickets/${ticketId}`).set(bearer(reception)).send(body);
    const refused = await decide(corrected, { queue: 'urbanisme', intent: 'eclairage-public' }).expect(400);
    expect(refused.body.error).toContain("Le motif « Éclairage public » n'appartient pas à la file « Urbanisme »");
    const stillWaiting = await TicketModel.findById(corrected).lean();
    expect([stillWaiting?.queue, stillWaiting?.suggestionOutcome ?? null]).toEqual(['accueil', null]);

    await decide(corrected, { queue: 'urbanisme', intent: 'question-plu' }).expect(200);
    await decide(confirmedOtherIntent, { queue: 'voirie', intent: 'signalement-chaussee' }).expect(200);
    await decide(confirmed, { queue: 'voirie', intent: 'eclairage-public' }).expect(200);

    expect(await correctionsOf(corrected)).toEqual([
      expect.objectContaining({
        source: 'pilot',
        fromQueue: 'voirie',
        queue: 'urbanisme',
        intent: 'question-plu',
        previousIntent: 'eclairage-public',
      }),
    ]);
    expect(await correctionsOf(confirmedOtherIntent)).toEqual([
      expect.objectContaining({
        source: 'pilot',
        fromQueue: 'voirie',
        queue: 'voirie',
        intent: 'signalement-chaussee',
        previousIntent: 'eclairage-public',
      }),
    ]);
    expect(await correctionsOf(confirmed)).toEqual([]);
    const agreement = await api().get('/api/triage/agreement').set(bearer(supervisor)).expect(200);
    expect(agreement.body.queues.find((queue: { queue: string }) => queue.queue === 'voirie')).toMatchObject({ considered: 3, agreed: 2 });
  });
});
