import nodemailer from 'nodemailer';
import type { Socket } from 'socket.io-client';
import request from 'supertest';

import type { RunningApplication } from '../../server/application';
import { connectAgentSocket, nextEvent, signedInToken, startTestApplication } from '../support/test-application';

interface PushedTicket {
  id: string;
  reference: string;
  queue: string;
  request: { channel: string; subject: string; text: string };
}

describe('a request travels from intake to the live screen of its queue', () => {
  let application: RunningApplication;
  let etatCivilAgent: Socket;
  let voirieAgent: Socket;

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    etatCivilAgent = await connectAgentSocket(application, await signedInToken(application, 'agent', ['etat-civil']));
    voirieAgent = await connectAgentSocket(application, await signedInToken(application, 'agent', ['voirie']));
  });

  afterAll(async () => {
    etatCivilAgent.close();
    voirieAgent.close();
    await application.stop();
  });

  it('routes a web form request and pushes it to the agents of its queue only', async () => {
    const pushedToVoirie: PushedTicket[] = [];
    voirieAgent.on('ticket.created', (ticket: PushedTicket) => pushedToVoirie.push(ticket));
    const pushed = nextEvent<PushedTicket>(etatCivilAgent, 'ticket.created');

    const response = await request(application.url)
      .post('/api/requests')
      .send({
        subject: 'Acte de naissance',
        text: "Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance. Je suis née à la maternité de la ville. Merci d'avance.",
        requester: { name: 'Claire Martin', email: 'claire.martin@example.org' },
      })
      .expect(201);

    expect(response.body).toMatchObject({ status: 'received', id: expect.any(String) });
    const ticket = await pushed;
    expect(ticket.queue).toBe('etat-civil');
    expect(ticket.reference).toMatch(/^AIG-\d{4}-\d{6}$/);
    expect(ticket.request.text).toContain('acte de naissance');
    await application.worker.idle();
    expect(pushedToVoirie).toHaveLength(0);
  });

  it('routes an email received over SMTP and pushes it live', async () => {
    const pushed = nextEvent<PushedTicket>(voirieAgent, 'ticket.created');
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: application.smtpPort!, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: '"Paul Durand" <paul.durand@example.org>',
      to: 'contact@mairie.example',
      subject: 'Nid de poule dangereux',
      text: 'Bonjour,\nUn énorme nid de poule sur la chaussée de la rue des Lilas, devant le numéro 12. Les voitures font des écarts, c’est dangereux.\nCordialement,\nPaul Durand',
    });
    transport.close();

    const ticket = await pushed;
    expect(ticket.queue).toBe('voirie');
    expect(ticket.request.channel).toBe('email');
    expect(ticket.request.subject).toBe('Nid de poule dangereux');
  });
});
