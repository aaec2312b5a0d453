import request from 'supertest';

import { ImportedMailModel } from '../../models/mail/imported-mail-model';
import { RequestModel } from '../../models/request/request-model';
import { TicketEventModel } from '../../models/ticket/ticket-event-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { startDovecot, startSmtpSink, type DovecotServer, type SmtpSink } from '../support/mail-servers';
import { bounceMail, rawMail } from '../support/raw-mail';
import { freshDatabaseUri, signedInToken, startTestApplication } from '../support/test-application';
import { eventually, mailConfig } from './mail-test-setup';

const processedFolder = 'Traités';

describe('the shared mailbox, imported over IMAP from a real Dovecot', () => {
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let application: RunningApplication;
  const databaseUri = freshDatabaseUri();
  const start = async () => {
    ({ application } = await startTestApplication(
      mailConfig(dovecot, sink, { imapProcessedFolder: processedFolder, maxAttachmentBytes: 200 * 1024, maxEmailBytes: 1024 * 1024 }),
      databaseUri,
    ));
  };
  const ticketOf = (messageId: string) =>
    eventually(async () => {
      const stored = await RequestModel.findOne({ messageId });
      return stored ? TicketModel.findOne({ requestId: stored._id }) : null;
    }, `a ticket for ${messageId}`);

  beforeAll(async () => {
    [dovecot, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
    await start();
  }, 60_000);

  afterAll(async () => {
    await application?.stop();
    await Promise.all([dovecot?.stop(), sink?.stop()]);
  });

  it('turns new mail into tickets, moves it once stored, and acknowledges it with the reference and threading headers', async () => {
    await dovecot.deliver(
      await rawMail({
        from: '"Paul Durand" <paul.durand@example.org>',
        messageId: '<nid-de-poule-1@example.org>',
        subject: 'Nid de poule dangereux',
        text: 'Bonjour,\nUn énorme nid de poule sur la chaussée de la rue des Lilas, devant le numéro 12. Les voitures font des écarts.\nPaul Durand',
      }),
    );
    const ticket = await ticketOf('<nid-de-poule-1@example.org>');
    expect(ticket.queue).toBe('voirie');

    const acknowledgement = await sink.waitFor((mail) => mail.inReplyTo === '<nid-de-poule-1@example.org>');
    expect(acknowledgement.subject).toBe(`[${ticket.reference}] Accusé de réception : Nid de poule dangereux`);
    expect(acknowledgement.to).toMatchObject({ value: [{ address: 'paul.durand@example.org' }] });
    // A single-commune service signs with its own name (MAIL_FROM_NAME).
    expect(acknowledgement.from).toMatchObject({ value: [{ address: 'contact@mairie.example', name: 'Mairie' }] });
    expect([acknowledgement.references].flat()).toContain('<nid-de-poule-1@example.org>');
    expect(acknowledgement.headers.get('auto-submitted')).toBe('auto-replied');
    expect(acknowledgement.text).toContain('Bonjour Paul Durand');
    expect(acknowledgement.text).toContain('Voirie et espaces publics');
    expect(acknowledgement.text).toContain('du lundi au vendredi, de 8 h 30 à 12 h et de 13 h 30 à 17 h 30');
    expect(acknowledgement.text).toMatch(/répondra d’ici le \p{L}+ \d{1,2} \p{L}+ \d{4}|dès la reprise, avec une réponse d’ici le/u);

    await eventually(
      async () => (await dovecot.list(processedFolder)).some((message) => message.messageId === '<nid-de-poule-1@example.org>'),
      'the message moved to the processed folder',
    );
    expect(await dovecot.list('INBOX')).toEqual([]);
  });

  it('never imports the same mail twice, across a restart and when the server hands it over again', async () => {
    await application.stop();
    const again = await rawMail({
      from: 'lea.petit@example.org',
      messageId: '<lampadaire-1@example.org>',
      subject: 'Lampadaire en panne',
      text: 'Le lampadaire devant le 3 rue du Moulin ne fonctionne plus depuis une semaine.',
    });
    // While Aiguillage is down: a new mail, and a copy of an already imported one (what a crash between storing
    // and moving leaves behind), both waiting in the inbox.
    await dovecot.deliver(again);
    await dovecot.deliver(
      await rawMail({
        from: '"Paul Durand" <paul.durand@example.org>',
        messageId: '<nid-de-poule-1@example.org>',
        subject: 'Nid de poule dangereux',
        text: 'Bonjour,\nUn énorme nid de poule sur la chaussée de la rue des Lilas, devant le numéro 12. Les voitures font des écarts.\nPaul Durand',
      }),
    );
    await start();

    await ticketOf('<lampadaire-1@example.org>');
    await eventually(async () => (await dovecot.list('INBOX')).length === 0, 'the inbox emptied');
    await application.worker.idle();
    expect(await RequestModel.countDocuments({ messageId: '<nid-de-poule-1@example.org>' })).toBe(1);
    expect(await TicketModel.countDocuments({})).toBe(2);
    await sink.waitFor((mail) => mail.inReplyTo === '<lampadaire-1@example.org>');
    expect((await sink.received()).filter((mail) => mail.inReplyTo === '<nid-de-poule-1@example.org>')).toHaveLength(1);
  });

  it('resumes after the server cuts the connection in the middle of an import, without loss or duplicate', async () => {
    const count = 30;
    const before = await RequestModel.countDocuments({});
    for (let index = 0; index < count; index += 1) {
      await dovecot.deliver(
        await rawMail({
          from: `habitant${index}@example.org`,
          messageId: `<coupure-${index}@example.org>`,
          subject: `Inscription à la cantine ${index}`,
          text: `Bonjour, je voudrais inscrire mon enfant à la cantine scolaire à partir de la rentrée (${index}).`,
        }),
      );
    }
    await eventually(async () => (await RequestModel.countDocuments({ messageId: /^<coupure-/ })) > 0, 'the import to start');
    await dovecot.kick();
    await eventually(
      async () => (await RequestModel.countDocuments({ messageId: /^<coupure-/ })) === count,
      `all ${count} messages stored`,
      30_000,
    );
    await eventually(async () => (await dovecot.list('INBOX')).length === 0, 'the inbox emptied');
    expect(await RequestModel.countDocuments({})).toBe(before + count);
    expect(await ImportedMailModel.countDocuments({ messageId: /^<coupure-/ })).toBe(count);

    // Cut again while idle: the next mail still arrives through the re-opened connection.
    await dovecot.kick();
    await dovecot.deliver(
      await rawMail({
        from: 'tardif@example.org',
        messageId: '<apres-coupure@example.org>',
        subject: 'Acte de décès',
        text: "Je souhaite obtenir une copie de l'acte de décès de mon père.",
      }),
    );
    await ticketOf('<apres-coupure@example.org>');
  }, 60_000);

  it('sets an out-of-office reply and a bounce aside: stored for supervisors, no ticket, no acknowledgement', async () => {
    await dovecot.deliver(
      await rawMail({
        from: 'agent.absent@prefecture.example',
        messageId: '<absence-1@prefecture.example>',
        subject: 'Réponse automatique : absent du bureau',
        text: "Je suis absent jusqu'au 12 mars. En cas d'urgence, contactez le standard.",
        headers: { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' },
      }),
    );
    await dovecot.deliver(bounceMail('<bounce-1@mx.exemple.fr>', 'ancien.habitant@example.org'));
    // A citizen's mail behind them: once it is acknowledged, the two before it have been handled too.
    await dovecot.deliver(
      await rawMail({
        from: 'temoin@example.org',
        messageId: '<temoin-1@example.org>',
        subject: 'Carte électorale',
        text: "Je n'ai pas reçu ma carte électorale, pouvez-vous me la renvoyer ?",
      }),
    );
    await sink.waitFor((mail) => mail.inReplyTo === '<temoin-1@example.org>');

    for (const [messageId, kind] of [
      ['<absence-1@prefecture.example>', 'auto-reply'],
      ['<bounce-1@mx.exemple.fr>', 'bounce'],
    ]) {
      const stored = await RequestModel.findOne({ messageId });
      expect(stored).toMatchObject({ status: 'set-aside', setAside: { kind } });
      expect(await TicketModel.countDocuments({ requestId: stored!._id })).toBe(0);
    }
    const sent = await sink.received();
    expect(sent.filter((mail) => /agent\.absent|mailer-daemon/i.test(JSON.stringify(mail.to)))).toEqual([]);

    const supervisor = await signedInToken(application, 'supervisor');
    const { body } = await request(application.url).get('/api/mailbox/set-aside').set('Authorization', `Bearer ${supervisor}`).expect(200);
    expect(body.messages.map((message: { kind: string }) => message.kind).sort()).toEqual(['auto-reply', 'bounce']);
    const agent = await signedInToken(application, 'agent', ['voirie']);
    await request(application.url).get('/api/mailbox/set-aside').set('Authorization', `Bearer ${agent}`).expect(403);
  });

  it('refuses a dangerous or oversized attachment with a reason and a trace, keeps the others, and refuses an oversized mail', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20)]);
    await dovecot.deliver(
      await rawMail({
        from: '"Inès Moreau" <ines.moreau@example.org>',
        messageId: '<pieces-jointes-1@example.org>',
        subject: 'Permis de construire : pièces du dossier',
        text: "Bonjour, veuillez trouver ci-joint les pièces de mon dossier de permis de construire pour l'extension de ma maison.",
        attachments: [
          { filename: 'plan-de-masse.pdf', content: pdf, contentType: 'application/pdf' },
          { filename: 'facture.pdf.exe', content: Buffer.from('MZ\x90\x00\x03 un programme'), contentType: 'application/octet-stream' },
          { filename: 'photos.pdf', content: Buffer.alloc(300 * 1024, 0x41), contentType: 'application/pdf' },
        ],
      }),
    );
    const ticket = await ticketOf('<pieces-jointes-1@example.org>');
    const agent = await signedInToken(application, 'agent', [ticket.queue]);
    const { body } = await request(application.url)
      .get(`/api/tickets/${ticket._id.toString()}`)
      .set('Authorization', `Bearer ${agent}`)
      .expect(200);
    const [kept, dangerous, oversized] = body.ticket.request.attachments;
    expect(kept).toMatchObject({ filename: 'plan-de-masse.pdf', refusedReason: null, storageId: expect.any(String) });
    expect(dangerous).toMatchObject({
      filename: 'facture.pdf.exe',
      storageId: null,
      refusedReason: expect.stringMatching(/raisons de sécurité \(fichier \.exe, programme Windows\)/),
    });
    expect(oversized).toMatchObject({
      filename: 'photos.pdf',
      storageId: null,
      refusedReason: expect.stringContaining('trop volumineuse (0,3 Mo, maximum 0,2 Mo)'),
    });
    const download = await request(application.url)
      .get(`/api/tickets/${ticket._id.toString()}/attachments/${kept.storageId}`)
      .set('Authorization', `Bearer ${agent}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);

    await eventually(
      async () => (await TicketEventModel.countDocuments({ ticketId: ticket._id, type: 'attachment-refused' })) === 2,
      'the refusals in the ticket history',
    );
    expect(await ImportedMailModel.findOne({ messageId: '<pieces-jointes-1@example.org>' })).toMatchObject({
      outcome: 'request',
      refusedAttachments: 2,
    });
    const acknowledgement = await sink.waitFor((mail) => mail.inReplyTo === '<pieces-jointes-1@example.org>');
    expect(acknowledgement.text).toContain("2 pièces jointes n'ont pas été acceptées");
    expect(acknowledgement.text).toContain('« facture.pdf.exe » : Type de fichier refusé pour des raisons de sécurité');

    await dovecot.deliver(
      await rawMail({
        from: 'gros.envoi@example.org',
        messageId: '<trop-gros-1@example.org>',
        subject: 'Photos du chantier',
        text: 'Voici les photos.',
        attachments: [{ filename: 'photos.zip', content: Buffer.alloc(1200 * 1024, 0x42) }],
      }),
    );
    const refused = await eventually(() => ImportedMailModel.findOne({ outcome: 'refused' }), 'the oversized mail refused');
    expect(refused.reason).toMatch(/Message trop volumineux/);
    expect(await RequestModel.countDocuments({ messageId: '<trop-gros-1@example.org>' })).toBe(0);
    const flagged = (await dovecot.list(processedFolder)).find((message) => message.uid && message.flags.includes('\\Flagged'));
    expect(flagged).toBeDefined();
  }, 60_000);
});
