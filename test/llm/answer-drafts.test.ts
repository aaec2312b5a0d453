import request from 'supertest';

import { AuditEventModel } from '../../models/audit/audit-event-model';
import { LlmCallModel } from '../../models/classifier/llm-call-model';
import { scripted } from '../support/fake-openai-server';
import { signedInToken } from '../support/test-application';
import { llmApplicationForTests, submitAndGetTicket } from './llm-fallback-test-kit';

const requester = { name: 'Jeanne Dubois', email: 'jeanne.dubois@example.org', phone: '06 12 34 56 78' };
const birthFiche = {
  id: 'F1427',
  title: "Acte de naissance : demande de copie intégrale ou d'extrait",
  url: 'https://www.service-public.fr/particuliers/vosdroits/F1427',
};
const citingDraft = `Bonjour,\nVous pouvez demander la copie intégrale à la mairie de votre lieu de naissance, sur place, par courrier ou en ligne ; c'est gratuit. Voir la fiche « ${birthFiche.title} » : ${birthFiche.url}`;

describe('POST /api/tickets/:id/sources/:ficheId/draft with the LLM enabled', () => {
  // Confidence threshold 0: classification never asks the LLM, so every scripted reply is a draft's.
  const llm = llmApplicationForTests({ llmConfidenceThreshold: 0 });
  let token: string;
  let ticketId: string;
  let sources: { id: string; suggestedAnswer: string }[];

  beforeAll(async () => {
    token = await signedInToken(llm.application, 'agent', ['etat-civil']);
    const ticket = await submitAndGetTicket(llm.application, {
      subject: 'Acte de naissance',
      text: `Bonjour, je suis ${requester.name}, née dans votre commune. Je voudrais une copie intégrale de mon acte de naissance. Vous pouvez me joindre au ${requester.phone} ou à ${requester.email}.`,
      requester,
    });
    ticketId = ticket._id.toString();
    const listed = await request(llm.application.url)
      .get(`/api/tickets/${ticketId}/sources`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(listed.body.drafting).toBe(true);
    sources = listed.body.sources;
    expect(sources[0]?.id).toBe(birthFiche.id);
  });

  const draft = (ficheId: string, bearer = token) =>
    request(llm.application.url).post(`/api/tickets/${ticketId}/sources/${ficheId}/draft`).set('Authorization', `Bearer ${bearer}`);

  it('sends the masked question and the fiche section, and gives the agent the draft citing the fiche; the call is recorded and audited', async () => {
    const { fake } = llm;
    fake.enqueue(scripted.content(citingDraft, 300));
    const before = fake.received.length;
    const response = await draft(birthFiche.id).expect(200);
    expect(response.body).toMatchObject({ source: birthFiche, draft: citingDraft, origin: 'llm' });
    expect(response.body.notice).toContain(birthFiche.title);

    const sent = fake.received.slice(before);
    expect(sent).toHaveLength(1);
    for (const personal of [requester.name, 'Jeanne', 'Dubois', requester.email, requester.phone, '0612345678'])
      expect(sent[0]!.rawBody).not.toContain(personal);
    const user = sent[0]!.body.messages.find((message) => message.role === 'user')!.content;
    expect(user).toContain('copie intégrale de mon acte de naissance');
    expect(user).toContain('[EMAIL_1]');
    expect(user).toContain(`Titre : ${birthFiche.title}`);
    expect(user).toContain(`Lien : ${birthFiche.url}`);
    expect(sent[0]!.body.response_format).toBeUndefined();

    const call = await LlmCallModel.findOne({ promptVersion: 'draft-answer.v1' }).sort({ at: -1 }).lean();
    expect(call).toMatchObject({ outcome: 'answered', totalTokens: 300, model: 'modele-de-test' });
    const audit = await AuditEventModel.findOne({ action: 'ticket.answer-drafted', objectId: ticketId }).sort({ at: -1 }).lean();
    expect(audit?.details).toEqual({ fiche: birthFiche.id, origin: 'llm', fallback: null, llmCallId: call!._id.toString() });
    expect(JSON.stringify(audit)).not.toContain('Dubois');
  });

  it.each([
    [
      'does not cite the fiche',
      [scripted.content('Bonjour, adressez-vous à la mairie de naissance.')],
      'invalid-answer',
      'ne citait pas la fiche',
    ],
    ['echoes a placeholder', [scripted.content(`${citingDraft}\nCordialement, [PERSONNE_1]`)], 'invalid-answer', 'ne citait pas la fiche'],
    ['is unavailable', [scripted.status(503), scripted.status(503)], 'server-error', 'n’a pas pu rédiger'],
  ])('gives the extractive reply when the LLM %s', async (_, replies, outcome, notice) => {
    const { fake } = llm;
    fake.enqueue(...replies);
    const response = await draft(birthFiche.id).expect(200);
    expect(response.body).toMatchObject({ origin: 'extractive', draft: sources[0]!.suggestedAnswer });
    expect(response.body.notice).toContain(notice);
    expect(fake.pendingReplies).toBe(0);
    const call = await LlmCallModel.findOne({ promptVersion: 'draft-answer.v1' }).sort({ at: -1 }).lean();
    expect(call?.outcome).toBe(outcome);
    const audit = await AuditEventModel.findOne({ action: 'ticket.answer-drafted', objectId: ticketId }).sort({ at: -1 }).lean();
    expect(audit?.details).toMatchObject({ origin: 'extractive', fallback: outcome });
  });

  it('refuses a fiche that is not among the ticket’s sources, whatever its id, and a ticket the agent does not see, without asking the LLM', async () => {
    const before = llm.fake.received.length;
    for (const ficheId of ['F1839', 'acte']) {
      expect((await draft(ficheId).expect(404)).body.error).toBe('Cette fiche ne fait pas partie des sources de la demande.');
    }
    const voirie = await signedInToken(llm.application, 'agent', ['voirie']);
    expect((await draft(birthFiche.id, voirie).expect(404)).body.error).toBe('Ticket introuvable.');
    await request(llm.application.url).post(`/api/tickets/${ticketId}/sources/${birthFiche.id}/draft`).expect(401);
    expect(llm.fake.received.length).toBe(before);
  });
});
