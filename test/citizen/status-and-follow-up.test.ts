import request from 'supertest';

import { RequestModel } from '../../models/request/request-model';
import { TicketEventModel } from '../../models/ticket/ticket-event-model';
import { TicketMessageModel } from '../../models/ticket/ticket-message-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { eventually } from '../mail/mail-test-setup';
import { startSmtpSink, type SmtpSink } from '../support/mail-servers';
import { signedInToken, startTestApplication } from '../support/test-application';
import { birthCertificate, formFields, statusPathOf } from './citizen-test-kit';

jest.setTimeout(90_000);

describe('after the form: acknowledgement, status page, the citizen’s messages and follow-up mails', () => {
  let application: RunningApplication;
  let sink: SmtpSink;
  let agent: string;
  let supervisor: string;

  /** A form request from `email`, routed; its ticket and the status page's path. */
  async function submitted(email: string, text = birthCertificate.text) {
    const fields = await formFields(application, { ...birthCertificate, email, text });
    const posted = await request(application.url).post('/demande').type('form').send(fields).expect(303);
    await application.worker.idle();
    const stored = (await RequestModel.findOne({ idempotencyKey: fields.cle }))!;
    const ticket = (await TicketModel.findOne({ requestId: stored._id }))!;
    return { ticket, statusPath: statusPathOf(posted.headers.location) };
  }
  const asAgent = (call: request.Test) => call.set('Authorization', `Bearer ${agent}`);

  beforeAll(async () => {
    sink = await startSmtpSink();
    ({ application } = await startTestApplication({
      smtpIntakeEnabled: false,
      smtpOutHost: '127.0.0.1',
      smtpOutPort: sink.port,
      outboxIntervalMs: 500,
      linkSigningSecret: 'cle-de-signature-des-liens-de-test-0123456789',
      publicBaseUrl: 'https://mairie.example',
      publicFormMinFillSeconds: 0,
      formAcknowledgementsPerAddress: 3,
    }));
    [agent, supervisor] = await Promise.all([
      signedInToken(application, 'agent', ['etat-civil', 'voirie']),
      signedInToken(application, 'supervisor'),
    ]);
  });
  afterAll(async () => {
    await application?.stop();
    await sink?.stop();
  });

  it('acknowledges a web-form request by mail with the same facts as the confirmation, the status link and a one-click opt-out', async () => {
    const { ticket, statusPath } = await submitted('claire.accuse@example.org');
    const mail = await sink.waitFor(
      (candidate) => candidate.subject?.includes(ticket.reference) === true && /Accusé de réception/.test(candidate.subject),
    );
    expect(mail.to).toMatchObject({ text: 'claire.accuse@example.org' });
    // The shipped rules pick the out-of-hours wording outside opening hours: both name the service and the delay.
    expect(mail.text).toMatch(
      new RegExp(`enregistré sous la référence ${ticket.reference} (et a été transmis au|et sera traité par le) service État civil`),
    );
    expect(mail.text).toMatch(/réponse d’ici le|répondra d’ici le/);
    expect(mail.text).toContain(`Suivre votre demande en ligne : https://mairie.example${statusPath}`);
    const header = (name: string) => mail.headerLines.find((line) => line.key === name)?.line.replace(/\r?\n\s+/g, ' ');
    expect(header('list-unsubscribe')).toBe(`List-Unsubscribe: <https://mairie.example${statusPath}/desabonnement>`);
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  });

  it('shows the citizen-facing history only, counts views, and tells by mail of a new service, at most once a day', async () => {
    const { ticket, statusPath } = await submitted('claire.suivi@example.org');
    await asAgent(request(application.url).post(`/api/tickets/${ticket.id}/reroute`))
      .send({ queue: 'voirie', reason: 'Note interne : demandeur insistant, déjà appelé trois fois' })
      .expect(200);
    const moved = await sink.waitFor(
      (candidate) => candidate.subject === `[${ticket.reference}] Votre demande est transmise au service Voirie et espaces publics`,
    );
    expect(moved.text).toContain('Vous n’avez rien à faire');
    expect(moved.headers.get('auto-submitted')).toBe('auto-generated');

    const page = await request(application.url).get(statusPath).expect(200);
    expect(page.text).toContain(`<title>Suivi de la demande ${ticket.reference} – Mairie</title>`);
    expect(page.text).toContain('Demande transmise au service État civil');
    expect(page.text).toContain('Demande transmise au service Voirie et espaces publics');
    expect(page.text).not.toMatch(/insistant|agent de test|supervisor de test/);
    await request(application.url).get(statusPath).expect(200);
    const { statusPageViews } = await import('../../models/citizen/status-page-visit-model');
    expect(await statusPageViews(ticket.requestId)).toBe(2);

    await asAgent(request(application.url).post(`/api/tickets/${ticket.id}/status`))
      .send({ status: 'pending' })
      .expect(200);
    const waiting = await eventually(
      () =>
        TicketMessageModel.findOne({ requestId: ticket.requestId, kind: 'notification', dedupeKey: /^notification:information-needed:/ }),
      'the information-needed notification',
    );
    expect(waiting.delivery!.status).toBe('pending');
    expect(waiting.delivery!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect(await TicketEventModel.findOne({ ticketId: ticket._id, messageId: waiting._id })).toMatchObject({
      type: 'mail-queued',
      reason: expect.stringMatching(/^envoi différé au .* une notification par jour au plus$/),
    });
    const waitingPage = await request(application.url).get(statusPath).expect(200);
    expect(waitingPage.text).toContain('La mairie attend une réponse de votre part');
  });

  it('threads a message and a document added on the status page into the ticket as a mail reply is, re-opening it', async () => {
    const { ticket, statusPath } = await submitted('claire.document@example.org');
    await asAgent(request(application.url).post(`/api/tickets/${ticket.id}/status`))
      .send({ status: 'pending' })
      .expect(200);
    const before = (await request(application.url).get(`${statusPath}/etat`).expect(200)).body.version;

    const page = await request(application.url).get(statusPath).expect(200);
    const key = /name="cle" value="([^"]+)"/.exec(page.text)![1];
    const sent = await request(application.url)
      .post(`${statusPath}/messages`)
      .field('message', 'Voici le livret de famille demandé.')
      .field('cle', key)
      .attach('attachments', Buffer.from('%PDF-1.4 livret'), { filename: 'livret.pdf', contentType: 'application/pdf' })
      .expect(303);
    expect(sent.headers.location).toBe(`${statusPath}?envoye=1`);
    await request(application.url)
      .post(`${statusPath}/messages`)
      .field('message', 'Voici le livret de famille demandé.')
      .field('cle', key)
      .expect(303);

    const messages = (await asAgent(request(application.url).get(`/api/tickets/${ticket.id}/messages`)).expect(200)).body.messages;
    const inbound = messages.filter((message: { direction: string }) => message.direction === 'inbound');
    expect(inbound).toEqual([
      expect.objectContaining({
        kind: 'follow-up',
        text: 'Voici le livret de famille demandé.',
        attachments: [expect.objectContaining({ filename: 'livret.pdf', storageId: expect.any(String) })],
      }),
    ]);
    const storageId = inbound[0].attachments[0].storageId;
    const download = await asAgent(request(application.url).get(`/api/tickets/${ticket.id}/attachments/${storageId}`))
      .buffer(true)
      .expect(200);
    expect(Buffer.from(download.body).toString()).toBe('%PDF-1.4 livret');
    const reopened = (await TicketModel.findById(ticket._id))!;
    expect(reopened.status).toBe('open');
    expect((await TicketEventModel.find({ ticketId: ticket._id })).map((event) => event.type)).toEqual(
      expect.arrayContaining(['follow-up', 'reopened']),
    );

    const after = await request(application.url).get(`${statusPath}/etat`).expect(200);
    expect(after.body.version).not.toBe(before);
    expect(after.body.html).toContain('Voici le livret de famille demandé.');
    expect(after.body.latest).toBe('Demande rouverte après votre message');

    const refused = await request(application.url)
      .post(`${statusPath}/messages`)
      .field('message', 'Et ce programme.')
      .field('cle', '0f0e0d0c-0b0a-4909-8807-060504030201')
      .attach('attachments', Buffer.from('MZ\x90\x00'), { filename: 'scan.exe', contentType: 'application/octet-stream' })
      .expect(422);
    expect(refused.text).toContain('<title>Erreur : Suivi de la demande');
    expect(refused.text).toContain('« scan.exe » : Type de fichier refusé');
    expect(refused.text).toContain('Et ce programme.');
  });

  it('stops follow-up mails after the one-click opt-out, and when supervisors switch a kind off for an intent', async () => {
    const { ticket, statusPath } = await submitted('claire.stop@example.org');
    await request(application.url).post(`${statusPath}/desabonnement`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    await asAgent(request(application.url).post(`/api/tickets/${ticket.id}/reroute`))
      .send({ queue: 'voirie', reason: 'mauvais service' })
      .expect(200);
    const stopped = await eventually(
      () => TicketMessageModel.findOne({ requestId: ticket.requestId, kind: 'notification' }),
      'the suppressed notification',
    );
    expect(stopped.delivery).toMatchObject({
      status: 'suppressed',
      suppressedReason: 'Le demandeur ne souhaite plus recevoir les e-mails de suivi de cette demande.',
    });

    const settings = await request(application.url)
      .get('/api/notification-settings')
      .set('Authorization', `Bearer ${supervisor}`)
      .expect(200);
    expect(settings.body.intents.find((entry: { intent: string }) => entry.intent === ticket.intent).choices).toEqual({
      'sent-to-service': true,
      'information-needed': true,
      answered: true,
      closed: true,
    });
    await request(application.url)
      .put(`/api/notification-settings/${ticket.intent}`)
      .set('Authorization', `Bearer ${supervisor}`)
      .send({ choices: { 'sent-to-service': false, 'information-needed': true, answered: true, closed: true } })
      .expect(200);
    await asAgent(request(application.url).put(`/api/notification-settings/${ticket.intent}`))
      .send({ choices: {} })
      .expect(403);
    const other = await submitted('paul.reglages@example.org');
    await asAgent(request(application.url).post(`/api/tickets/${other.ticket.id}/reroute`))
      .send({ queue: 'voirie', reason: 'mauvais service' })
      .expect(200);
    const off = await eventually(
      () => TicketMessageModel.findOne({ requestId: other.ticket.requestId, kind: 'notification' }),
      'the switched-off notification',
    );
    expect(off.delivery).toMatchObject({
      status: 'suppressed',
      suppressedReason: expect.stringMatching(/désactivée pour ce motif par les superviseurs/),
    });
  });

  it('closes a resolved request with the satisfaction link, whose comment reaches the supervisors', async () => {
    const { ticket } = await submitted(
      'claire.avis@example.org',
      'Bonjour, je voudrais une copie de mon acte de mariage. Merci. Claire Martin',
    );
    await asAgent(request(application.url).post(`/api/tickets/${ticket.id}/status`))
      .send({ status: 'resolved' })
      .expect(200);
    const closing = await sink.waitFor(
      (candidate) => candidate.subject === `[${ticket.reference}] Votre demande est traitée : ${birthCertificate.subject}`,
    );
    const link = /https:\/\/mairie\.example(\/satisfaction\/[^?\s]+)\?note=4/.exec(closing.text!)![1];
    const form = await request(application.url).get(link).expect(200);
    expect(form.text).toContain('<label for="commentaire">Un commentaire (facultatif)</label>');
    await request(application.url)
      .post(link)
      .type('form')
      .send({ note: '4', commentaire: 'Rapide, mais le formulaire demandait deux fois mon nom.' })
      .expect(200);
    const comments = await request(application.url)
      .get('/api/satisfaction/comments')
      .set('Authorization', `Bearer ${supervisor}`)
      .expect(200);
    expect(comments.body.comments).toEqual([
      expect.objectContaining({
        reference: ticket.reference,
        queue: 'etat-civil',
        rating: 4,
        comment: 'Rapide, mais le formulaire demandait deux fois mon nom.',
      }),
    ]);
  });

  it('opens no status page for a tampered or made-up link', async () => {
    const { statusPath } = await submitted('claire.lien@example.org');
    // A character inside the signature: the last one of a base64url HMAC also holds bits the decoder ignores, so
    // changing it may leave the same signature.
    const at = statusPath.length - 6;
    const tampered = statusPath.slice(0, at) + (statusPath[at] === 'A' ? 'B' : 'A') + statusPath.slice(at + 1);
    const answer = await request(application.url).get(tampered).expect(404);
    expect(answer.text).toContain('Lien de suivi invalide ou expiré');
    await request(application.url).get('/suivi/pas-un-jeton').expect(404);
  });
});
