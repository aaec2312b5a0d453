import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import request from 'supertest';

import { createUser } from '../../models/accounts/user-repository';
import { ReplyDraftModel } from '../../models/replies/reply-draft-model';
import { TicketMessageModel } from '../../models/ticket/ticket-message-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { hashPassword } from '../../server/auth/password-hashing';
import { statusToken } from '../../server/citizen/status-link';
import { rawMail } from '../support/raw-mail';
import { connectAgentSocket, nextEvent, startTestApplication } from '../support/test-application';

interface PushedTicket {
  id: string;
  reference: string;
  queue: string;
  request: { id: string };
}
interface Notification {
  id: string;
  kind: string;
  message: string;
  reference: string;
  read: boolean;
}

const png = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa6d4d4b20000000049454e44ae426082',
  'hex',
);

jest.setTimeout(60_000);

describe('the agents’ desk through the API: colleagues, notes, replies, canned responses, notifications', () => {
  let application: RunningApplication;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let ticket: PushedTicket;
  let marieSocket: Socket;

  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const api = () => request(application.url);

  async function staff(who: string, displayName: string, role: 'agent' | 'supervisor' | 'dpo', queues: string[]) {
    const password = randomBytes(12).toString('base64url');
    const email = `${who}.${randomBytes(3).toString('hex')}@mairie.example`;
    const user = await createUser({ email, displayName, role, queues, passwordHash: await hashPassword(password) });
    ids[who] = user.id;
    tokens[who] = (await api().post('/api/auth/sign-in').send({ email, password }).expect(200)).body.token as string;
  }

  async function notificationsOf(who: string): Promise<{ unread: number; notifications: Notification[] }> {
    return (await api().get('/api/notifications').set(as(who)).expect(200)).body;
  }

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    await staff('paul', 'Paul Martin', 'agent', ['etat-civil']);
    await staff('marie', 'Marie Dupont', 'agent', ['etat-civil']);
    await staff('voirie', 'Victor Voirie', 'agent', ['voirie']);
    await staff('sophie', 'Sophie Chef', 'supervisor', []);
    marieSocket = await connectAgentSocket(application, tokens.marie);
    const created = nextEvent<PushedTicket>(marieSocket, 'ticket.created');
    await api()
      .post('/api/requests')
      .send({
        subject: 'Acte de naissance',
        text: 'Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance pour mon mariage.',
        requester: { name: 'Claire Martin', email: 'claire.martin@example.org' },
      })
      .expect(201);
    ticket = await created;
    expect(ticket.queue).toBe('etat-civil');
  });

  afterAll(async () => {
    marieSocket?.close();
    await application?.stop();
  });

  it('names the colleagues who share the user’s tickets, and shows each one’s load for the ticket', async () => {
    const { body: colleagues } = await api().get('/api/colleagues').set(as('paul')).expect(200);
    const names = colleagues.colleagues.map((colleague: { displayName: string }) => colleague.displayName);
    expect(names).toEqual(expect.arrayContaining(['Marie Dupont', 'Paul Martin', 'Sophie Chef']));
    expect(names).not.toContain('Victor Voirie');

    const { body } = await api().get(`/api/tickets/${ticket.id}/assignees`).set(as('paul')).expect(200);
    expect(body.assignees.map((assignee: { displayName: string }) => assignee.displayName).sort()).toEqual([
      'Marie Dupont',
      'Paul Martin',
      'Sophie Chef',
    ]);
    expect(body.assignees.every((assignee: { openTickets: number }) => assignee.openTickets === 0)).toBe(true);
    await api().get(`/api/tickets/${ticket.id}/assignees`).set(as('voirie')).expect(404);
  });

  it('gives the ticket to a named colleague, who is told live and in their notifications', async () => {
    const told = nextEvent<Notification>(marieSocket, 'notification.created');
    const { body } = await api().post(`/api/tickets/${ticket.id}/assign`).set(as('paul')).send({ assigneeId: ids.marie }).expect(200);
    expect(body.ticket).toMatchObject({ assigneeId: ids.marie, status: 'new' });
    expect(await told).toMatchObject({
      kind: 'assigned',
      reference: ticket.reference,
      message: `${ticket.reference} : vous a été attribuée (Paul Martin)`,
    });
    const { unread, notifications } = await notificationsOf('marie');
    expect(unread).toBe(1);
    expect(notifications[0]).toMatchObject({ kind: 'assigned', read: false });
    expect((await notificationsOf('paul')).unread).toBe(0);

    const { body: load } = await api().get(`/api/tickets/${ticket.id}/assignees`).set(as('paul')).expect(200);
    expect(load.assignees.find((assignee: { id: string }) => assignee.id === ids.marie).openTickets).toBe(1);
    const { body: detail } = await api().get(`/api/tickets/${ticket.id}`).set(as('paul')).expect(200);
    expect(detail.history.at(-1)).toMatchObject({ type: 'assigned', actorId: ids.paul, to: ids.marie });
  });

  it('refuses to give it to someone who does not serve its queue, in French', async () => {
    const { body } = await api().post(`/api/tickets/${ticket.id}/assign`).set(as('paul')).send({ assigneeId: ids.voirie }).expect(400);
    expect(body.error).toBe('Cette personne ne traite pas les demandes de cette file : choisissez un·e collègue de la file.');
    await api().post(`/api/tickets/${ticket.id}/assign`).set(as('voirie')).send({ assigneeId: ids.voirie }).expect(404);
  });

  it('keeps internal notes for agents, tells the colleagues mentioned, and never shows them to the citizen', async () => {
    const told = nextEvent<Notification>(marieSocket, 'notification.created');
    const note = 'Note interne : @Marie Dupont, le livret de famille est à vérifier (confidentiel-7731).';
    const { body } = await api().post(`/api/tickets/${ticket.id}/notes`).set(as('paul')).send({ text: note }).expect(201);
    expect(body.note).toMatchObject({ kind: 'note', direction: 'internal', text: note, authorId: ids.paul });
    expect(await told).toMatchObject({ kind: 'mentioned', message: `${ticket.reference} : vous mentionne dans une note (Paul Martin)` });

    const { body: timeline } = await api().get(`/api/tickets/${ticket.id}/messages`).set(as('marie')).expect(200);
    expect(timeline.messages.map((message: { kind: string }) => message.kind)).toContain('note');
    const { body: detail } = await api().get(`/api/tickets/${ticket.id}`).set(as('paul')).expect(200);
    expect(detail.history.at(-1)).toMatchObject({ type: 'note-added', actorId: ids.paul });

    await api()
      .post(`/api/tickets/${ticket.id}/replies`)
      .set(as('marie'))
      .send({ text: 'Votre acte part aujourd’hui par courrier.' })
      .expect(202);
    const reply = (await TicketMessageModel.findOne({ ticketId: ticket.id, kind: 'agent-reply' }))!;
    const stored = (await TicketMessageModel.findOne({ ticketId: ticket.id, kind: 'note' }))!;
    expect(reply.text).not.toContain('confidentiel-7731');
    expect(reply.references).not.toContain(stored.messageId);
    expect(reply.inReplyTo).not.toBe(stored.messageId);
    const page = await api()
      .get(`/suivi/${statusToken(ticket.request.id, application.mail.ticketMail.signingSecret)}`)
      .expect(200);
    expect(page.text).toContain('Votre acte part aujourd’hui par courrier.');
    expect(page.text).not.toContain('confidentiel-7731');
  });

  it('keeps each agent’s draft, encrypted, until the reply is sent', async () => {
    const draft = 'Bonjour Madame Martin, je reviens vers vous au sujet de';
    await api().put(`/api/tickets/${ticket.id}/drafts/reply`).set(as('marie')).send({ text: draft }).expect(204);
    await api().put(`/api/tickets/${ticket.id}/drafts/note`).set(as('marie')).send({ text: 'à voir avec Paul' }).expect(204);
    expect((await api().get(`/api/tickets/${ticket.id}/drafts`).set(as('marie')).expect(200)).body.drafts).toEqual({
      reply: draft,
      note: 'à voir avec Paul',
    });
    expect((await api().get(`/api/tickets/${ticket.id}/drafts`).set(as('paul')).expect(200)).body.drafts).toEqual({ reply: '', note: '' });
    const raw = await ReplyDraftModel.collection.findOne({ kind: 'reply' });
    expect(JSON.stringify(raw)).not.toContain('Madame Martin');
    await api().put(`/api/tickets/${ticket.id}/drafts/courrier`).set(as('marie')).send({ text: 'x' }).expect(400);
    await api().put(`/api/tickets/${ticket.id}/drafts/reply`).set(as('voirie')).send({ text: 'x' }).expect(404);

    await api()
      .post(`/api/tickets/${ticket.id}/replies`)
      .set(as('marie'))
      .send({ text: `${draft} votre demande.` })
      .expect(202);
    expect((await api().get(`/api/tickets/${ticket.id}/drafts`).set(as('marie')).expect(200)).body.drafts).toEqual({
      reply: '',
      note: 'à voir avec Paul',
    });
  });

  it('previews the exact mail with the service’s signature, then sends it and sets the ticket waiting in the same action', async () => {
    await api()
      .put('/api/queues/etat-civil/signature')
      .set(as('sophie'))
      .send({ signature: 'Le service de l’état civil\n01 23 45 67 89' })
      .expect(200);
    await api().put('/api/queues/etat-civil/signature').set(as('paul')).send({ signature: 'pirate' }).expect(403);
    const text = 'Il nous manque la copie de votre pièce d’identité.';
    const { body: preview } = await api().post(`/api/tickets/${ticket.id}/replies/preview`).set(as('marie')).send({ text }).expect(200);
    expect(preview.mail.to).toBe('claire.martin@example.org');
    expect(preview.mail.subject).toContain(`[${ticket.reference}]`);
    expect(preview.mail.text).toContain(text);
    expect(preview.mail.text).toContain('Le service de l’état civil\n01 23 45 67 89');
    expect(preview.mail.text).toContain('/suivi/');

    const { body } = await api()
      .post(`/api/tickets/${ticket.id}/replies`)
      .set(as('marie'))
      .send({ text, status: 'pending', tags: ['pieces-manquantes'] })
      .expect(202);
    expect(body.ticket).toMatchObject({ status: 'pending', tags: expect.arrayContaining(['pieces-manquantes']) });
    const sent = (await TicketMessageModel.findById(body.message.id))!;
    expect({ to: sent.to, subject: sent.subject, text: sent.text }).toEqual(preview.mail);
    const { body: detail } = await api().get(`/api/tickets/${ticket.id}`).set(as('marie')).expect(200);
    // (The citizen's « information needed » notice, which the pending status sends, may be queued among them.)
    const steps = detail.history
      .map((event: { type: string; to: string }) => `${event.type}:${event.to}`)
      .filter((step: string) => step !== 'mail-queued:notification');
    expect(steps.slice(-3)).toEqual(['mail-queued:agent-reply', 'status-changed:pending', 'tagged:pieces-manquantes']);
  });

  it('refuses a status the ticket cannot take before sending anything', async () => {
    await api().post(`/api/tickets/${ticket.id}/status`).set(as('marie')).send({ status: 'closed' }).expect(200);
    const before = await TicketMessageModel.countDocuments({ ticketId: ticket.id, kind: 'agent-reply' });
    const { body } = await api()
      .post(`/api/tickets/${ticket.id}/replies`)
      .set(as('marie'))
      .send({ text: 'Encore un mot', status: 'pending' })
      .expect(400);
    expect(body.error).toBe('Une demande « close » ne peut pas passer à « en attente ».');
    expect(await TicketMessageModel.countDocuments({ ticketId: ticket.id, kind: 'agent-reply' })).toBe(before);
    await api().post(`/api/tickets/${ticket.id}/status`).set(as('marie')).send({ status: 'open' }).expect(200);
  });

  it('lets supervisors write canned responses with variables, filled in for the ticket and the agent', async () => {
    const refused = await api()
      .post('/api/canned-responses')
      .set(as('sophie'))
      .send({ queue: 'etat-civil', title: 'Faute', body: 'Bonjour {{prenom}}' })
      .expect(400);
    expect(refused.body.error).toContain('Variable inconnue : {{prenom}}');
    const { body: created } = await api()
      .post('/api/canned-responses')
      .set(as('sophie'))
      .send({
        queue: 'etat-civil',
        title: 'Pièces manquantes',
        body: 'Bonjour {{nom}}, pour le dossier {{reference}} il manque une pièce. {{agent}}',
        status: 'pending',
        tags: ['pieces-manquantes'],
      })
      .expect(201);
    await api()
      .post('/api/canned-responses')
      .set(as('sophie'))
      .send({ queue: 'etat-civil', title: 'Pièces manquantes', body: 'doublon' })
      .expect(409);
    await api().post('/api/canned-responses').set(as('paul')).send({ queue: 'etat-civil', title: 'Agent', body: 'non' }).expect(403);

    const { body } = await api().get(`/api/tickets/${ticket.id}/canned-responses`).set(as('marie')).expect(200);
    expect(body.responses).toEqual([
      {
        id: created.cannedResponse.id,
        title: 'Pièces manquantes',
        // The service's (no commune): offered in every commune.
        commune: null,
        text: `Bonjour Claire Martin, pour le dossier ${ticket.reference} il manque une pièce. Marie Dupont`,
        status: 'pending',
        tags: ['pieces-manquantes'],
      },
    ]);
    await api().get(`/api/tickets/${ticket.id}/canned-responses`).set(as('voirie')).expect(404);
    const { body: settings } = await api().get('/api/reply-settings').set(as('sophie')).expect(200);
    expect(settings.signatures.find((entry: { queue: string }) => entry.queue === 'etat-civil').signature).toContain('état civil');
    const deleted = await api().delete(`/api/canned-responses/${created.cannedResponse.id}`).set(as('sophie'));
    expect([deleted.status, deleted.text]).toEqual([204, '']);
  });

  it('tells the assignee when the citizen writes again, and when the due date is near, once', async () => {
    const told = nextEvent<Notification>(marieSocket, 'notification.created');
    const mail = await rawMail({
      from: 'Claire Martin <claire.martin@example.org>',
      subject: `Re: [${ticket.reference}] Acte de naissance`,
      text: 'Voici ma pièce d’identité.',
    });
    await api().post('/api/requests/email').set('Content-Type', 'message/rfc822').send(mail).expect(201);
    expect(await told).toMatchObject({ kind: 'citizen-replied', reference: ticket.reference });

    const now = new Date();
    await TicketModel.updateOne({ _id: ticket.id }, { $set: { dueAt: new Date(now.getTime() + 30 * 60_000) } });
    expect(await application.notifications.warnOfNearDueDates(now, 120)).toBe(1);
    expect(await application.notifications.warnOfNearDueDates(now, 120)).toBe(0);
    const { unread, notifications } = await notificationsOf('marie');
    expect(notifications.map((notification) => notification.kind)).toEqual(
      expect.arrayContaining(['sla-soon', 'citizen-replied', 'mentioned', 'assigned']),
    );
    expect(unread).toBe(notifications.length);

    await api()
      .post('/api/notifications/read')
      .set(as('marie'))
      .send({ ids: [notifications[0].id] })
      .expect(204);
    expect((await notificationsOf('marie')).unread).toBe(unread - 1);
    await api().post('/api/notifications/read').set(as('paul')).send({ all: true }).expect(204);
    expect((await notificationsOf('marie')).unread).toBe(unread - 1);
    await api().post('/api/notifications/read').set(as('marie')).send({ all: true }).expect(204);
    expect((await notificationsOf('marie')).unread).toBe(0);
  });

  it('shows images and PDF inline in a sandbox, only when they are what they claim, and still downloads the rest', async () => {
    const created = nextEvent<PushedTicket>(marieSocket, 'ticket.created');
    const mail = await rawMail({
      from: 'Claire Martin <claire.martin@example.org>',
      subject: 'Acte de naissance : pièces jointes',
      text: 'Bonjour, je souhaite une copie intégrale de mon acte de naissance. Vous trouverez ma pièce d’identité en pièce jointe.',
      attachments: [
        { filename: 'identite.png', content: png, contentType: 'image/png' },
        { filename: 'faux.png', content: Buffer.from('<html><script>alert(1)</script></html>'), contentType: 'image/png' },
        {
          filename: 'acte.pdf',
          content: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'),
          contentType: 'application/pdf',
        },
      ],
    });
    await api().post('/api/requests/email').set('Content-Type', 'message/rfc822').send(mail).expect(201);
    const withFiles = await created;
    const { body } = await api().get(`/api/tickets/${withFiles.id}`).set(as('marie')).expect(200);
    const storageOf = (name: string) =>
      body.ticket.request.attachments.find((attachment: { filename: string }) => attachment.filename === name).storageId as string;

    const shown = await api()
      .get(`/api/tickets/${withFiles.id}/attachments/${storageOf('identite.png')}/preview`)
      .set(as('marie'))
      .buffer(true)
      .expect(200);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.headers['content-disposition']).toBe('inline');
    expect(shown.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
    expect(shown.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(shown.body as Buffer, png)).toBe(0);

    const pdf = await api()
      .get(`/api/tickets/${withFiles.id}/attachments/${storageOf('acte.pdf')}/preview`)
      .set(as('marie'))
      .buffer(true)
      .expect(200);
    expect([pdf.headers['content-type'], pdf.headers['content-disposition']]).toEqual(['application/pdf', 'inline']);
    const refused = await api()
      .get(`/api/tickets/${withFiles.id}/attachments/${storageOf('faux.png')}/preview`)
      .set(as('marie'))
      .expect(415);
    expect(refused.body.error).toContain('téléchargez-la');
    const download = await api()
      .get(`/api/tickets/${withFiles.id}/attachments/${storageOf('faux.png')}`)
      .set(as('marie'))
      .expect(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    await api()
      .get(`/api/tickets/${withFiles.id}/attachments/${storageOf('identite.png')}/preview`)
      .set(as('voirie'))
      .expect(404);
  });

  it('tells agents on the same ticket who is replying, and never an agent who may not see it', async () => {
    const paulSocket = await connectAgentSocket(application, tokens.paul);
    const voirieSocket = await connectAgentSocket(application, tokens.voirie);
    const heard: unknown[] = [];
    voirieSocket.on('ticket.presence', (presence: unknown) => heard.push(presence));
    try {
      // Acknowledged once the server has decided: true when the agent may see the ticket and joined its room.
      expect(await marieSocket.emitWithAck('ticket.presence', { ticketId: ticket.id, activity: 'viewing' })).toBe(true);
      expect(await voirieSocket.emitWithAck('ticket.presence', { ticketId: ticket.id, activity: 'viewing' })).toBe(false);
      const seen = nextEvent<{ displayName: string; activity: string }>(marieSocket, 'ticket.presence');
      paulSocket.emit('ticket.presence', { ticketId: ticket.id, activity: 'replying' });
      expect(await seen).toMatchObject({ ticketId: ticket.id, userId: ids.paul, displayName: 'Paul Martin', activity: 'replying' });
      const left = nextEvent<{ activity: string }>(marieSocket, 'ticket.presence');
      paulSocket.close();
      expect(await left).toMatchObject({ userId: ids.paul, activity: 'left' });
      // The voirie agent's own announce was ignored, so nothing was said to or by them.
      marieSocket.emit('ticket.presence', { ticketId: ticket.id, activity: 'replying' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heard).toEqual([]);
    } finally {
      paulSocket.close();
      voirieSocket.close();
    }
  });

  it('erases the agents’ notes and drafts with the citizen’s data', async () => {
    await staff('dpo', 'Delphine DPO', 'dpo', []);
    expect(await ReplyDraftModel.countDocuments({ requestId: ticket.request.id })).toBe(1);
    await api()
      .post('/api/privacy/subject/erase')
      .set(as('dpo'))
      .send({ subject: { email: 'claire.martin@example.org' }, confirm: true })
      .expect(200);
    expect(await ReplyDraftModel.countDocuments({ requestId: ticket.request.id })).toBe(0);
    expect(await TicketMessageModel.countDocuments({ requestId: ticket.request.id, kind: 'note' })).toBe(0);
  });
});
