import type { ParsedMail } from 'mailparser';
import type { Socket } from 'socket.io-client';
import request from 'supertest';

import { ImportedMailModel } from '../../models/mail/imported-mail-model';
import { RequestModel } from '../../models/request/request-model';
import { TicketModel, type TicketDocument } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { startDovecot, startSmtpSink, type DovecotServer, type SmtpSink } from '../support/mail-servers';
import { rawMail } from '../support/raw-mail';
import { connectAgentSocket, nextEvent, signedInToken, startTestApplication } from '../support/test-application';
import { eventually, mailConfig } from './mail-test-setup';

interface PushedUpdate {
  id: string;
  status: string;
  followUp?: { messageId: string; reopened: boolean };
}

describe('mail conversations with a citizen: replies, agent answers, closing and satisfaction, templates', () => {
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let application: RunningApplication;
  let supervisor: string;
  let agent: string;
  let agentSocket: Socket;
  let ticket: TicketDocument;
  let closing: ParsedMail;
  const original = '<trottoir-1@example.org>';
  const citizen = '"Rose Lambert" <rose.lambert@example.org>';

  const ticketOf = (messageId: string) =>
    eventually(async () => {
      const stored = await RequestModel.findOne({ messageId });
      return stored ? TicketModel.findOne({ requestId: stored._id }) : null;
    }, `a ticket for ${messageId}`);
  const importOf = (messageId: string) => eventually(() => ImportedMailModel.findOne({ messageId }), `the import of ${messageId}`);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    [dovecot, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
    ({ application } = await startTestApplication(mailConfig(dovecot, sink)));
    supervisor = await signedInToken(application, 'supervisor');
    agent = await signedInToken(application, 'agent', ['voirie']);
    agentSocket = await connectAgentSocket(application, agent);
    await dovecot.deliver(
      await rawMail({
        from: citizen,
        messageId: original,
        subject: 'Trottoir défoncé',
        text: 'Bonjour, le trottoir de la rue des Écoles est défoncé devant le numéro 8, une poussette ne peut plus passer. Merci de le réparer.',
      }),
    );
    ticket = await ticketOf(original);
  }, 60_000);

  afterAll(async () => {
    agentSocket?.close();
    await application?.stop();
    await Promise.all([dovecot?.stop(), sink?.stop()]);
  });

  it('threads a reply to the acknowledgement into its ticket, re-opens it once resolved, and pushes it live', async () => {
    expect(ticket.queue).toBe('voirie');
    const acknowledgement = await sink.waitFor((mail) => mail.inReplyTo === original);
    await request(application.url)
      .post(`/api/tickets/${ticket._id.toString()}/status`)
      .set(as(agent))
      .send({ status: 'resolved' })
      .expect(200);
    closing = await sink.waitFor((mail) => mail.subject === `[${ticket.reference}] Votre demande est traitée : Trottoir défoncé`);
    expect(closing.inReplyTo).toBe(original);
    expect(closing.headers.get('auto-submitted')).toBe('auto-generated');
    expect(closing.text?.match(/https:\/\/mairie\.example\/satisfaction\/\S+\?note=[1-5]/g)).toHaveLength(5);

    const pushed = nextEvent<PushedUpdate>(agentSocket, 'ticket.updated', 15_000);
    await dovecot.deliver(
      await rawMail({
        from: citizen,
        messageId: '<trottoir-2@example.org>',
        inReplyTo: acknowledgement.messageId,
        references: [original, acknowledgement.messageId!],
        subject: `Re: ${acknowledgement.subject}`,
        text: "Merci, mais le trottoir n'est toujours pas réparé ce matin.\n\n> Nous avons bien reçu votre message",
      }),
    );
    const update = await pushed;
    expect(update).toMatchObject({ id: ticket._id.toString(), status: 'open', followUp: { reopened: true } });
    expect(await importOf('<trottoir-2@example.org>')).toMatchObject({ outcome: 'follow-up' });
    expect(await RequestModel.countDocuments({ messageId: '<trottoir-2@example.org>' })).toBe(0);
    expect(await TicketModel.countDocuments({})).toBe(1);

    const { body: conversation } = await request(application.url)
      .get(`/api/tickets/${ticket._id.toString()}/messages`)
      .set(as(agent))
      .expect(200);
    expect(conversation.messages.map((message: { kind: string }) => message.kind)).toEqual(['acknowledgement', 'closing', 'follow-up']);
    expect(conversation.messages[2]).toMatchObject({
      direction: 'inbound',
      from: 'rose.lambert@example.org',
      text: expect.stringContaining('toujours pas réparé'),
    });
    const { body: detail } = await request(application.url).get(`/api/tickets/${ticket._id.toString()}`).set(as(agent)).expect(200);
    expect(detail.history.map((event: { type: string }) => event.type)).toEqual(
      expect.arrayContaining(['follow-up', 'reopened', 'mail-queued']),
    );
    expect((await dovecot.list()).every((message) => message.flags.includes('\\Seen'))).toBe(true);
  });

  it('threads on the reference typed in the subject only when the requester writes it', async () => {
    await dovecot.deliver(
      await rawMail({
        from: citizen,
        messageId: '<trottoir-3@example.org>',
        subject: `Complément ${ticket.reference}`,
        text: "J'ajoute que la bordure est aussi cassée.",
      }),
    );
    expect(await importOf('<trottoir-3@example.org>')).toMatchObject({ outcome: 'follow-up' });

    await dovecot.deliver(
      await rawMail({
        from: 'inconnu@example.net',
        messageId: '<etranger-1@example.net>',
        subject: `Complément ${ticket.reference}`,
        text: 'Le banc du square est cassé depuis une semaine.',
      }),
    );
    expect(await importOf('<etranger-1@example.net>')).toMatchObject({ outcome: 'request' });
    const strangerTicket = await ticketOf('<etranger-1@example.net>');
    expect(strangerTicket._id.toString()).not.toBe(ticket._id.toString());
  });

  it("sends an agent's reply by SMTP, threaded under the conversation, and keeps it in the history", async () => {
    const text = 'Bonjour, une équipe interviendra jeudi matin pour reprendre le trottoir.';
    await request(application.url).post(`/api/tickets/${ticket._id.toString()}/replies`).set(as(agent)).send({ text: '  ' }).expect(400);
    const otherAgent = await signedInToken(application, 'agent', ['etat-civil']);
    await request(application.url).post(`/api/tickets/${ticket._id.toString()}/replies`).set(as(otherAgent)).send({ text }).expect(404);
    const { body } = await request(application.url)
      .post(`/api/tickets/${ticket._id.toString()}/replies`)
      .set(as(agent))
      .send({ text })
      .expect(202);
    expect(body.message).toMatchObject({ kind: 'agent-reply', direction: 'outbound', delivery: { status: 'pending' } });

    const reply = await sink.waitFor((mail) => Boolean(mail.text?.includes(text)));
    expect(reply.subject).toBe(`[${ticket.reference}] Re : Trottoir défoncé`);
    expect(reply.inReplyTo).toBe('<trottoir-3@example.org>');
    expect([reply.references].flat()).toEqual(expect.arrayContaining([original, '<trottoir-2@example.org>', '<trottoir-3@example.org>']));
    expect(reply.headers.has('auto-submitted')).toBe(false);

    const sent = await eventually(async () => {
      const { body: conversation } = await request(application.url)
        .get(`/api/tickets/${ticket._id.toString()}/messages`)
        .set(as(agent))
        .expect(200);
      return conversation.messages.find(
        (message: { id: string; delivery: { status: string } }) => message.id === body.message.id && message.delivery.status === 'sent',
      );
    }, 'the reply marked as sent');
    expect(sent.authorId).toEqual(expect.any(String));
    const { body: detail } = await request(application.url).get(`/api/tickets/${ticket._id.toString()}`).set(as(agent)).expect(200);
    expect(detail.history).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'mail-queued', to: 'agent-reply', actorId: sent.authorId })]),
    );
  });

  it("records the citizen's rating once, through the signed link of the closing message", async () => {
    const link = /(https:\/\/mairie\.example\/satisfaction\/(\S+))\?note=4/.exec(closing.text!)!;
    const path = `/satisfaction/${link[2]}`;
    const form = await request(application.url).get(`${path}?note=4`).expect(200);
    expect(form.text).toContain('value="4" checked');
    expect(form.text).toContain('<html lang="fr">');

    await request(application.url)
      .post(path)
      .type('form')
      .send({ note: '4' })
      .expect(200)
      .expect(/bien été enregistrée/);
    await request(application.url)
      .post(path)
      .type('form')
      .send({ note: '1' })
      .expect(409)
      .expect(/ne peut servir qu’une fois/);
    await request(application.url)
      .get(`${path.slice(0, -3)}AAA`)
      .expect(404)
      .expect(/invalide ou a expiré/);
    expect((await TicketModel.findById(ticket._id))?.satisfaction?.rating).toBe(4);

    const { body } = await request(application.url).get('/api/satisfaction').set(as(supervisor)).expect(200);
    expect(body.queues).toEqual([{ queue: 'voirie', ratings: 1, average: 4, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 } }]);
  });

  it('writes acknowledgements with the template the supervisors edited, and refuses a template with an unknown variable', async () => {
    const url = '/api/mail-templates/accuse-reception';
    await request(application.url).put(url).set(as(agent)).send({ subject: 'x', body: 'y' }).expect(403);
    const refused = await request(application.url)
      .put(url)
      .set(as(supervisor))
      .send({ subject: '[{{reference}}] Bien reçu', body: 'Bonjour {{prenom}}' })
      .expect(400);
    expect(refused.body.error).toContain('{{prenom}}');
    // The routing rules pick one of the two acknowledgements by the hour of receipt: both are edited.
    for (const id of ['accuse-reception', 'hors-horaires']) {
      const saved = await request(application.url)
        .put(`/api/mail-templates/${id}`)
        .set(as(supervisor))
        .send({
          subject: 'Bien reçu : {{objet}}',
          body: 'Bonjour {{nom}},\nvotre dossier {{reference}} est entre les mains du service {{file}}.',
        })
        .expect(200);
      expect(saved.body.template).toMatchObject({ id, customised: true });
    }

    await dovecot.deliver(
      await rawMail({
        from: 'marc.roux@example.org',
        messageId: '<modele-1@example.org>',
        subject: 'Arbre tombé',
        text: 'Un arbre est tombé sur la chaussée avenue de la Gare, la route est bloquée.',
      }),
    );
    const custom = await sink.waitFor((mail) => mail.inReplyTo === '<modele-1@example.org>');
    const customTicket = await ticketOf('<modele-1@example.org>');
    expect(custom.subject).toBe(`[${customTicket.reference}] Bien reçu : Arbre tombé`);
    expect(custom.text).toContain(`votre dossier ${customTicket.reference} est entre les mains du service`);

    const reset = await request(application.url).delete(url).set(as(supervisor)).expect(200);
    expect(reset.body.template).toMatchObject({ customised: false, subject: '[{{reference}}] Accusé de réception : {{objet}}' });
  });
});
