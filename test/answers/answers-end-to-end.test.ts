import type { ParsedMail } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import request from 'supertest';

import { AuditEventModel } from '../../models/audit/audit-event-model';
import { RequestModel } from '../../models/request/request-model';
import { TicketModel, type TicketDocument } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { formFields } from '../citizen/citizen-test-kit';
import { eventually } from '../mail/mail-test-setup';
import { startSmtpSink, type SmtpSink } from '../support/mail-servers';
import { signedInToken, startTestApplication } from '../support/test-application';

jest.setTimeout(120_000);

/**
 * Issue 14 through the real path: the public form and SMTP intake, the pipeline with the real classifier, the
 * acknowledgement and agents' replies captured on Postfix's smtp-sink, the citizen's answer by mail.
 */
describe('missing information asked at once, immediate answers for safe intents', () => {
  let sink: SmtpSink;
  let application: RunningApplication;
  let supervisor: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const ticketOfRequest = (find: Record<string, unknown>) =>
    eventually(async () => {
      const stored = await RequestModel.findOne(find);
      return stored ? TicketModel.findOne({ requestId: stored._id }) : null;
    }, 'the ticket of the request');
  const sendMail = async (mail: SendMailOptions) => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: application.smtpPort!, secure: false, ignoreTLS: true });
    try {
      return await transport.sendMail({ to: 'contact@mairie.example', ...mail });
    } finally {
      transport.close();
    }
  };
  const switchMode = (intent: string, mode: string) =>
    request(application.url).post('/api/checklists/modes').set(as(supervisor)).send({ intent, mode }).expect(200);

  beforeAll(async () => {
    sink = await startSmtpSink();
    ({ application } = await startTestApplication({
      smtpOutHost: '127.0.0.1',
      smtpOutPort: sink.port,
      outboxIntervalMs: 500,
      publicFormMinFillSeconds: 0,
      // The missing-information request rides on the web form's acknowledgement, off in the shared test configuration.
      formAcknowledgementsPerAddress: 3,
    }));
    supervisor = await signedInToken(application, 'supervisor');
  });
  afterAll(async () => {
    await application?.stop();
    await sink?.stop();
  });

  describe('a birth certificate request without the date of birth nor the parents’ names', () => {
    // Signed with a first name only: a full name in the message could be a parent's, and the parents would then not be asked for.
    let ticket: TicketDocument;
    let acknowledgement: ParsedMail;
    let agent: string;
    const text = 'Bonjour, je voudrais une copie intégrale de mon acte de naissance, pour mon dossier de mariage. Merci. Claire';

    beforeAll(async () => {
      agent = await signedInToken(application, 'agent', ['etat-civil']);
      await switchMode('copie-acte-naissance', 'automatic');
      const fields = await formFields(application, {
        subject: 'Acte de naissance',
        text,
        name: 'Claire Martin',
        email: 'claire.martin@example.org',
      });
      await request(application.url).post('/demande').type('form').send(fields).expect(303);
      ticket = await ticketOfRequest({ idempotencyKey: fields.cle });
      acknowledgement = await sink.waitFor((mail) => mail.subject?.startsWith(`[${ticket.reference}] Accusé de réception`) ?? false);
    });

    it('gets an acknowledgement asking for exactly what is missing, in plain French, and nothing already written', () => {
      expect(acknowledgement.to).toMatchObject({ text: 'claire.martin@example.org' });
      expect(acknowledgement.text).toContain(
        'Pour que le service puisse traiter votre demande, merci de nous indiquer :\n- les nom et prénoms de ses parents.',
      );
      // The date of birth is left to the agent: its patterns miss too many ways of writing a date to be asked for.
      expect(acknowledgement.text).not.toContain('sa date de naissance');
      // « mon acte »: she is the person concerned, and her link to the person is obvious.
      expect(acknowledgement.text).not.toContain('les nom et prénoms de la personne concernée');
      expect(acknowledgement.text).not.toContain('votre lien avec la personne');
    });

    it('shows agents « manque : filiation ; à vérifier : date de naissance » in the list and on the ticket, with the request sent and audited', async () => {
      const { body: list } = await request(application.url).get('/api/tickets?queue=etat-civil').set(as(agent)).expect(200);
      expect(list.tickets.find((item: { id: string }) => item.id === ticket.id).completeness).toEqual({
        status: 'missing',
        label: 'manque : filiation ; à vérifier : date de naissance',
      });
      const { body: detail } = await request(application.url).get(`/api/tickets/${ticket.id}`).set(as(agent)).expect(200);
      expect(detail.ticket.assistance).toMatchObject({
        kind: 'checklist',
        mode: 'automatic',
        checklist: { status: 'missing', label: 'manque : filiation ; à vérifier : date de naissance' },
        reply: { kind: 'missing-information', status: 'sent', items: ['filiation'], sentBy: null },
      });
      expect(
        await AuditEventModel.countDocuments({ action: 'assistance.sent', objectId: ticket.id, 'details.channel': 'acknowledgement' }),
      ).toBe(1);
    });

    it('is marked complete when the citizen answers by mail, and is never asked again', async () => {
      await sendMail({
        from: '"Claire Martin" <claire.martin@example.org>',
        subject: `Re: ${acknowledgement.subject}`,
        inReplyTo: acknowledgement.messageId,
        references: [acknowledgement.messageId!],
        text: `Bonjour, je suis née le 12 mars 1985 à la maternité de la ville, fille de Jean Martin et de Anne Durand.\n\n> ${acknowledgement.text!.split('\n').join('\n> ')}`,
      });
      const completed = await eventually(async () => {
        const stored = await TicketModel.findById(ticket._id);
        return stored?.assistance?.checklist?.status === 'complete' ? stored : null;
      }, 'the checklist completed by the reply');
      expect(completed.assistance!.checklist!.completedAt).toBeInstanceOf(Date);
      const { body: list } = await request(application.url).get('/api/tickets?queue=etat-civil').set(as(agent)).expect(200);
      expect(list.tickets.find((item: { id: string }) => item.id === ticket.id).completeness).toEqual({
        status: 'complete',
        label: 'complet',
      });
      expect(await AuditEventModel.countDocuments({ action: 'checklist.completed', objectId: ticket.id })).toBe(1);
      const { body: conversation } = await request(application.url).get(`/api/tickets/${ticket.id}/messages`).set(as(agent)).expect(200);
      const ours = conversation.messages.filter(
        (message: { direction: string; text: string }) =>
          message.direction === 'outbound' && message.text.includes('merci de nous indiquer'),
      );
      expect(ours).toHaveLength(1);
    });
  });

  describe('an opening-hours question, answered from the settings page', () => {
    let reception: string;
    const hours = 'du lundi au vendredi de 8 h 30 à 12 h, et le mercredi après-midi de 14 h à 18 h';

    beforeAll(async () => {
      reception = await signedInToken(application, 'agent', ['accueil']);
      await request(application.url)
        .put('/api/commune-facts')
        .set(as(supervisor))
        .send({
          commune: 'Villeneuve',
          horaires: hours,
          fermetures: '',
          adresse: '1 place de la Mairie',
          telephone: '01 23 45 67 89',
          courriel: '',
          siteWeb: '',
        })
        .expect(200);
    });

    it('in pilot mode, is suggested to the agent, who sends it in one click; the agreement rate counts it', async () => {
      const sent = await sendMail({
        from: 'paul.girard@example.org',
        subject: 'Horaires',
        text: 'Bonjour, la mairie est-elle ouverte le mercredi après-midi ? Merci. Paul Girard',
      });
      const ticket = await ticketOfRequest({ messageId: sent.messageId });
      const acknowledgement = await sink.waitFor((mail) => mail.subject?.startsWith(`[${ticket.reference}] Accusé de réception`) ?? false);
      expect(acknowledgement.text).not.toContain('Voici dès maintenant la réponse');

      const { body: detail } = await request(application.url).get(`/api/tickets/${ticket.id}`).set(as(reception)).expect(200);
      expect(detail.ticket.assistance).toMatchObject({
        kind: 'answer',
        mode: 'pilot',
        reply: { kind: 'answer', status: 'suggested', text: expect.stringContaining(hours) },
      });
      const other = await signedInToken(application, 'agent', ['voirie']);
      await request(application.url).post(`/api/tickets/${ticket.id}/assistance/send`).set(as(other)).send({}).expect(404);

      const { body: afterSend } = await request(application.url)
        .post(`/api/tickets/${ticket.id}/assistance/send`)
        .set(as(reception))
        .send({})
        .expect(202);
      expect(afterSend.assistance.reply).toMatchObject({ status: 'sent', edited: false, sentBy: expect.any(String) });
      const answer = await sink.waitFor((mail) => mail.subject === `[${ticket.reference}] Re : Horaires`);
      expect(answer.text).toContain(`La mairie est ouverte ${hours}.`);
      expect(answer.text).toContain('Téléphone : 01 23 45 67 89');
      await request(application.url).post(`/api/tickets/${ticket.id}/assistance/send`).set(as(reception)).send({}).expect(409);

      const { body: agreement } = await request(application.url).get('/api/checklists/agreement').set(as(supervisor)).expect(200);
      expect(agreement.intents).toContainEqual({ intent: 'horaires-ouverture', kind: 'answer', considered: 1, agreed: 1, rate: 1 });
      expect(await AuditEventModel.countDocuments({ action: 'assistance.sent', objectId: ticket.id, 'details.channel': 'agent' })).toBe(1);
    });

    it('switched to automatic (a new audited version), goes in the acknowledgement and is recorded on the ticket', async () => {
      const { body: switched } = await switchMode('horaires-ouverture', 'automatic');
      expect(switched.version.changes).toEqual(['Réponse « horaires-ouverture » : mode pilote → automatique']);
      expect(
        await AuditEventModel.countDocuments({ action: 'checklist-set.mode-changed', objectId: String(switched.version.version) }),
      ).toBe(1);

      const sent = await sendMail({
        from: 'lucie.perrin@example.org',
        subject: 'Ouverture',
        text: 'Bonjour, à quelle heure ouvre la mairie le mercredi ? Bonne journée, Lucie Perrin',
      });
      const ticket = await ticketOfRequest({ messageId: sent.messageId });
      const acknowledgement = await sink.waitFor((mail) => mail.subject?.startsWith(`[${ticket.reference}] Accusé de réception`) ?? false);
      expect(acknowledgement.text).toContain(`Voici dès maintenant la réponse à votre question :\n\nLa mairie est ouverte ${hours}.`);
      const stored = await eventually(async () => {
        const found = await TicketModel.findById(ticket._id);
        return found?.assistance?.reply?.status === 'sent' ? found : null;
      }, 'the answer recorded as sent');
      expect(stored.assistance!.reply!.sentBy).toBeUndefined();
      expect(
        await AuditEventModel.countDocuments({ action: 'assistance.sent', objectId: ticket.id, 'details.channel': 'acknowledgement' }),
      ).toBe(1);
    });
  });
});
