import type { Socket } from 'socket.io-client';
import request from 'supertest';

import type { RunningApplication } from '../../server/application';
import { connectAgentSocket, nextEvent, signedInToken, startTestApplication } from '../support/test-application';

interface PushedTicket {
  id: string;
  reference: string;
  queue: string;
  status: string;
  assigneeId: string | null;
  tags: string[];
}

const birthCertificate = (name: string) => ({
  text: `Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance pour mon dossier de mariage. ${name}`,
  requester: { name, email: 'demandeur@example.org' },
});

describe('agents take and merge tickets of the queues they serve', () => {
  let application: RunningApplication;
  let firstAgent: string;
  let colleague: string;
  let voirieAgent: string;
  let admin: string;
  let colleagueSocket: Socket;
  let first: PushedTicket;
  let second: PushedTicket;

  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const me = async (token: string) =>
    (await request(application.url).get('/api/auth/me').set(as(token)).expect(200)).body.user.id as string;

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    [firstAgent, colleague, voirieAgent, admin] = await Promise.all([
      signedInToken(application, 'agent', ['etat-civil']),
      signedInToken(application, 'agent', ['etat-civil']),
      signedInToken(application, 'agent', ['voirie']),
      signedInToken(application, 'admin'),
    ]);
    colleagueSocket = await connectAgentSocket(application, colleague);
    for (const name of ['Claire Martin', 'Claire Martin (relance)']) {
      const pushed = nextEvent<PushedTicket>(colleagueSocket, 'ticket.created');
      await request(application.url).post('/api/requests').send(birthCertificate(name)).expect(201);
      const ticket = await pushed;
      if (!first) first = ticket;
      else second = ticket;
    }
    expect([first.queue, second.queue]).toEqual(['etat-civil', 'etat-civil']);
  });

  afterAll(async () => {
    colleagueSocket.close();
    await application.stop();
  });

  it('counts the waiting tickets of the user’s own queues only', async () => {
    const { body } = await request(application.url).get('/api/queues/counts').set(as(firstAgent)).expect(200);
    expect(Object.keys(body.counts)).toEqual(['etat-civil']);
    expect(body.counts['etat-civil']).toEqual({ new: 2, open: 0, pending: 0 });
  });

  it('lets an agent take a ticket, opens it, records it, and shows colleagues the change live', async () => {
    const pushed = nextEvent<PushedTicket>(colleagueSocket, 'ticket.updated');
    const { body } = await request(application.url).post(`/api/tickets/${first.id}/take`).set(as(firstAgent)).expect(200);
    const firstAgentId = await me(firstAgent);
    expect(body.ticket).toMatchObject({ assigneeId: firstAgentId, status: 'open' });
    expect(await pushed).toMatchObject({ id: first.id, assigneeId: firstAgentId, status: 'open' });

    const detail = await request(application.url).get(`/api/tickets/${first.id}`).set(as(colleague)).expect(200);
    expect(detail.body.history.map((event: { type: string }) => event.type)).toEqual(['created', 'assigned', 'status-changed']);

    const takenBack = await request(application.url).post(`/api/tickets/${first.id}/take`).set(as(colleague)).expect(200);
    expect(takenBack.body.ticket).toMatchObject({ assigneeId: await me(colleague), status: 'open' });
  });

  it('refuses the take to an agent of another queue (as if the ticket did not exist) and to an admin', async () => {
    const refused = await request(application.url).post(`/api/tickets/${first.id}/take`).set(as(voirieAgent)).expect(404);
    expect(refused.body.error).toBe('Ticket introuvable.');
    await request(application.url).post(`/api/tickets/${first.id}/take`).set(as(admin)).expect(403);
    await request(application.url).post(`/api/tickets/${first.id}/take`).expect(401);
  });

  it('merges a duplicate into the ticket kept: closed, tagged, and both histories point at each other', async () => {
    const updates: PushedTicket[] = [];
    colleagueSocket.on('ticket.updated', (ticket: PushedTicket) => updates.push(ticket));
    const { body } = await request(application.url)
      .post(`/api/tickets/${second.id}/merge`)
      .set(as(firstAgent))
      .send({ into: first.reference.toLowerCase() })
      .expect(200);
    expect(body.ticket).toMatchObject({ id: second.id, status: 'closed', tags: expect.arrayContaining(['fusionnee']) });
    expect(body.into).toEqual({ id: first.id, reference: first.reference });

    const duplicate = await request(application.url).get(`/api/tickets/${second.id}`).set(as(firstAgent)).expect(200);
    expect(duplicate.body.history).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'merged', to: first.reference })]));
    const kept = await request(application.url).get(`/api/tickets/${first.id}`).set(as(firstAgent)).expect(200);
    expect(kept.body.history).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'merged', from: second.reference })]));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(updates.map((ticket) => ticket.id).sort()).toEqual([first.id, second.id].sort());
  });

  it('explains in French why a merge is refused', async () => {
    const auth = as(firstAgent);
    const url = application.url;
    expect(
      (await request(url).post(`/api/tickets/${first.id}/merge`).set(auth).send({ into: first.reference }).expect(400)).body.error,
    ).toBe('Une demande ne peut pas être fusionnée avec elle-même.');
    expect(
      (await request(url).post(`/api/tickets/${second.id}/merge`).set(auth).send({ into: first.reference }).expect(409)).body.error,
    ).toMatch(/déjà close/);
    expect(
      (await request(url).post(`/api/tickets/${first.id}/merge`).set(auth).send({ into: 'AIG-1999-000001' }).expect(404)).body.error,
    ).toMatch(/introuvable dans vos files/);
    expect(
      (await request(url).post(`/api/tickets/${first.id}/merge`).set(auth).send({ into: 'n’importe quoi' }).expect(400)).body.error,
    ).toMatch(/AIG-AAAA-NNNNNN/);
    await request(url).post(`/api/tickets/${first.id}/merge`).set(as(voirieAgent)).send({ into: second.reference }).expect(404);
  });
});
