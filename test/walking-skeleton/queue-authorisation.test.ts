import type { Socket } from 'socket.io-client';
import request from 'supertest';

import type { RunningApplication } from '../../server/application';
import { connectAgentSocket, nextEvent, signedInToken, startTestApplication } from '../support/test-application';

describe('an agent sees only the queues they serve', () => {
  let application: RunningApplication;
  let voirieToken: string;
  let etatCivilToken: string;
  let etatCivilTicketId: string;

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    voirieToken = await signedInToken(application, 'agent', ['voirie']);
    etatCivilToken = await signedInToken(application, 'agent', ['etat-civil']);
    const etatCivilAgent = await connectAgentSocket(application, etatCivilToken);
    const pushed = nextEvent<{ id: string; queue: string }>(etatCivilAgent, 'ticket.created');
    await request(application.url)
      .post('/api/requests')
      .send({
        text: "Je voudrais un extrait d'acte de naissance avec filiation pour mon dossier de passeport.",
        requester: { name: 'Inès Roux' },
      })
      .expect(201);
    const ticket = await pushed;
    expect(ticket.queue).toBe('etat-civil');
    etatCivilTicketId = ticket.id;
    etatCivilAgent.close();
  });
  afterAll(async () => application.stop());

  it('lets the etat-civil agent list and read the ticket', async () => {
    const list = await request(application.url)
      .get('/api/tickets?queue=etat-civil')
      .set('Authorization', `Bearer ${etatCivilToken}`)
      .expect(200);
    expect(list.body.tickets.map((ticket: { id: string }) => ticket.id)).toContain(etatCivilTicketId);
    const one = await request(application.url)
      .get(`/api/tickets/${etatCivilTicketId}`)
      .set('Authorization', `Bearer ${etatCivilToken}`)
      .expect(200);
    expect(one.body.ticket.request.text).toContain('acte de naissance');
    expect(one.body.history[0].type).toBe('created');
  });

  it('refuses the voirie agent the etat-civil list, the ticket and its changes', async () => {
    const auth = { Authorization: `Bearer ${voirieToken}` };
    await request(application.url).get('/api/tickets?queue=etat-civil').set(auth).expect(403);
    const ownList = await request(application.url).get('/api/tickets').set(auth).expect(200);
    expect(ownList.body.tickets.map((ticket: { id: string }) => ticket.id)).not.toContain(etatCivilTicketId);
    await request(application.url).get(`/api/tickets/${etatCivilTicketId}`).set(auth).expect(404);
    await request(application.url).post(`/api/tickets/${etatCivilTicketId}/status`).set(auth).send({ status: 'closed' }).expect(404);
    await request(application.url)
      .post(`/api/tickets/${etatCivilTicketId}/reroute`)
      .set(auth)
      .send({ queue: 'voirie', reason: 'je le prends' })
      .expect(404);
  });

  it('never pushes etat-civil events to a voirie socket, and moves the ticket live on reroute', async () => {
    const voirieAgent: Socket = await connectAgentSocket(application, voirieToken);
    const etatCivilAgent: Socket = await connectAgentSocket(application, etatCivilToken);
    const seenByVoirie: string[] = [];
    voirieAgent.onAny((event: string) => seenByVoirie.push(event));

    const statusPushed = nextEvent<{ id: string; status: string }>(etatCivilAgent, 'ticket.updated');
    await request(application.url)
      .post(`/api/tickets/${etatCivilTicketId}/status`)
      .set('Authorization', `Bearer ${etatCivilToken}`)
      .send({ status: 'open' })
      .expect(200);
    expect(await statusPushed).toMatchObject({ id: etatCivilTicketId, status: 'open' });
    expect(seenByVoirie).toEqual([]);

    const arrivesInVoirie = nextEvent<{ id: string; queue: string }>(voirieAgent, 'ticket.updated');
    const leavesEtatCivil = nextEvent<{ id: string; to: string; text?: string }>(etatCivilAgent, 'ticket.moved');
    await request(application.url)
      .post(`/api/tickets/${etatCivilTicketId}/reroute`)
      .set('Authorization', `Bearer ${etatCivilToken}`)
      .send({ queue: 'voirie', reason: 'Erreur de tri pour le test' })
      .expect(200);
    expect(await arrivesInVoirie).toMatchObject({ id: etatCivilTicketId, queue: 'voirie' });
    expect(await leavesEtatCivil).toEqual({ id: etatCivilTicketId, reference: expect.any(String), from: 'etat-civil', to: 'voirie' });
    await request(application.url).get(`/api/tickets/${etatCivilTicketId}`).set('Authorization', `Bearer ${etatCivilToken}`).expect(404);

    voirieAgent.close();
    etatCivilAgent.close();
  });

  it('refuses a socket without a valid token', async () => {
    await expect(connectAgentSocket(application, 'not-a-real-token-not-a-real-token')).rejects.toThrow(/Authentification requise/);
  });
});
