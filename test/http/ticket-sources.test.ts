import request from 'supertest';

import { AuditEventModel } from '../../models/audit/audit-event-model';
import { LlmCallModel } from '../../models/classifier/llm-call-model';
import type { RunningApplication } from '../../server/application';
import { connectAgentSocket, nextEvent, signedInToken, startTestApplication } from '../support/test-application';

describe('GET /api/tickets/:id/sources', () => {
  let application: RunningApplication;
  let etatCivilToken: string;
  let voirieToken: string;
  let ticketId: string;

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    etatCivilToken = await signedInToken(application, 'agent', ['etat-civil']);
    voirieToken = await signedInToken(application, 'agent', ['voirie']);
    const agent = await connectAgentSocket(application, etatCivilToken);
    const created = nextEvent<{ id: string; queue: string }>(agent, 'ticket.created');
    await request(application.url)
      .post('/api/requests')
      .send({
        text: 'Bonjour, je souhaiterais obtenir une copie intégrale de mon acte de naissance, je suis née dans votre commune.',
        requester: { name: 'Claire Martin', email: 'claire@example.org' },
      })
      .expect(201);
    const ticket = await created;
    expect(ticket.queue).toBe('etat-civil');
    ticketId = ticket.id;
    agent.close();
  });
  afterAll(async () => application.stop());

  it('gives the agent who serves the queue the most relevant fiches, their answering section, link, date and a reply quoting them', async () => {
    const response = await request(application.url)
      .get(`/api/tickets/${ticketId}/sources`)
      .set('Authorization', `Bearer ${etatCivilToken}`)
      .expect(200);
    const sources = response.body.sources as {
      id: string;
      title: string;
      url: string;
      date: string;
      section: string;
      excerpt: string;
      suggestedAnswer: string;
    }[];
    expect(sources.length).toBeGreaterThanOrEqual(2);
    expect(sources.length).toBeLessThanOrEqual(3);
    expect(sources[0]).toMatchObject({
      id: 'F1427',
      title: "Acte de naissance : demande de copie intégrale ou d'extrait",
      url: 'https://www.service-public.fr/particuliers/vosdroits/F1427',
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(sources[0].excerpt.length).toBeGreaterThan(20);
    expect(sources[0].suggestedAnswer).toContain(sources[0].excerpt);
    expect(sources[0].suggestedAnswer).toContain('https://www.service-public.fr/particuliers/vosdroits/F1427');
    expect(sources[0].suggestedAnswer).not.toContain('Claire');
  });

  it('with the LLM off, offers no drafted reply: asking for one gives the extractive reply, audited', async () => {
    const listed = await request(application.url)
      .get(`/api/tickets/${ticketId}/sources`)
      .set('Authorization', `Bearer ${etatCivilToken}`)
      .expect(200);
    expect(listed.body.drafting).toBe(false);
    const drafted = await request(application.url)
      .post(`/api/tickets/${ticketId}/sources/F1427/draft`)
      .set('Authorization', `Bearer ${etatCivilToken}`)
      .expect(200);
    expect(drafted.body).toMatchObject({ origin: 'extractive', draft: listed.body.sources[0].suggestedAnswer, source: { id: 'F1427' } });
    expect(drafted.body.notice).toContain('n’est pas activée');
    const audit = await AuditEventModel.findOne({ action: 'ticket.answer-drafted', objectId: ticketId }).lean();
    expect(audit?.details).toEqual({ fiche: 'F1427', origin: 'extractive', fallback: 'disabled', llmCallId: null });
    expect(await LlmCallModel.countDocuments({ promptVersion: 'draft-answer.v1' })).toBe(0);
  });

  it('answers 404 to an agent who does not serve the queue, as for the ticket itself', async () => {
    const refused = await request(application.url)
      .get(`/api/tickets/${ticketId}/sources`)
      .set('Authorization', `Bearer ${voirieToken}`)
      .expect(404);
    expect(refused.body.error).toBe('Ticket introuvable.');
  });

  it('answers 404 for a ticket that does not exist and 401 without a session', async () => {
    await request(application.url)
      .get('/api/tickets/66aa00000000000000000000/sources')
      .set('Authorization', `Bearer ${etatCivilToken}`)
      .expect(404);
    await request(application.url).get(`/api/tickets/${ticketId}/sources`).expect(401);
  });
});
