import { saveCommune } from '../../models/communes/commune-repository';
import { RequestModel } from '../../models/request/request-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { eventually, mailConfig } from '../mail/mail-test-setup';
import { startDovecot, startSmtpSink, type DovecotServer, type SmtpSink } from '../support/mail-servers';
import { rawMail } from '../support/raw-mail';
import { freshDatabaseUri, startTestApplication } from '../support/test-application';
import { addEpciCommunes, communeSettings, saintDenis } from './commune-test-kit';

describe("a commune's own mailbox, read over IMAP from a real Dovecot", () => {
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let application: RunningApplication;
  const databaseUri = freshDatabaseUri();

  beforeAll(async () => {
    [dovecot, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
    // No mailbox of the service's own (no IMAP_HOST): Saint-Denis's is the only one, configured on the commune.
    const { imapHost: _none, ...outgoingOnly } = mailConfig(dovecot, sink);
    ({ application } = await startTestApplication(outgoingOnly, databaseUri));
    await addEpciCommunes(application);
    await saveCommune(
      saintDenis.insee,
      communeSettings(saintDenis.name, {
        timeZone: 'Indian/Reunion',
        holidayCalendar: 'reunion',
        inboxAddresses: [saintDenis.address],
        mailbox: { host: '127.0.0.1', port: dovecot.port, tls: false, user: dovecot.user, password: dovecot.password, folder: 'INBOX' },
      }),
    );
    // Mailboxes are read from the communes configured at start-up.
    await application.stop();
    ({ application } = await startTestApplication(outgoingOnly, databaseUri));
  }, 90_000);

  afterAll(async () => {
    await application?.stop();
    await Promise.all([dovecot?.stop(), sink?.stop()]);
  });

  it('gives what arrives in it to that commune, whatever address the mail names', async () => {
    await dovecot.deliver(
      await rawMail({
        from: '"Line Grondin" <line.grondin@example.org>',
        to: 'services@ville.example',
        messageId: '<radier-1@example.org>',
        subject: 'Radier submergé',
        text: 'Bonjour,\nLe radier du chemin des Goyaviers est submergé depuis la pluie, une voiture est restée bloquée.\nLine Grondin',
      }),
    );
    const ticket = await eventually(async () => {
      const stored = await RequestModel.findOne({ messageId: '<radier-1@example.org>' });
      return stored ? TicketModel.findOne({ requestId: stored._id }) : null;
    }, 'a ticket for the mail');
    expect(ticket.commune).toBe(saintDenis.insee);
  });

  it('keeps the mailbox password encrypted at rest', async () => {
    const raw = await RequestModel.db.collection('communes').findOne({ _id: saintDenis.insee as never });
    expect(JSON.stringify(raw)).not.toContain(dovecot.password);
  });
});
