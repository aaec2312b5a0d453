import request from 'supertest';

import { RequestModel } from '../../models/request/request-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { eventually, mailConfig } from '../mail/mail-test-setup';
import { startDovecot, startSmtpSink, type DovecotServer, type SmtpSink } from '../support/mail-servers';
import { rawMail } from '../support/raw-mail';
import { startTestApplication } from '../support/test-application';
import { addEpciCommunes, communeSettings, epciSiren, saintDenis, signedInFor } from './commune-test-kit';

describe("a commune's mailbox set by its admin is read from then on, without a restart (real Dovecot)", () => {
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let application: RunningApplication;
  let admin: string;

  beforeAll(async () => {
    [dovecot, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
    // No mailbox of the service's own (no IMAP_HOST): what is read is the commune's.
    const { imapHost: _none, ...outgoingOnly } = mailConfig(dovecot, sink);
    ({ application } = await startTestApplication(outgoingOnly));
    await addEpciCommunes(application);
    admin = await signedInFor(application, 'admin', { communes: [saintDenis.insee] });
  }, 90_000);

  afterAll(async () => {
    await application?.stop();
    await Promise.all([dovecot?.stop(), sink?.stop()]);
  });

  const setMailbox = (folder: string, password?: string) =>
    request(application.url)
      .put(`/api/communes/settings/${saintDenis.insee}`)
      .set({ Authorization: `Bearer ${admin}` })
      .send(
        communeSettings(saintDenis.name, {
          timeZone: 'Indian/Reunion',
          holidayCalendar: 'reunion',
          inboxAddresses: [saintDenis.address],
          mailbox: { host: '127.0.0.1', port: dovecot.port, tls: false, user: dovecot.user, folder, ...(password ? { password } : {}) },
        }),
      )
      .expect(200);

  async function ticketCommuneOf(messageId: string, folder: string): Promise<string | null | undefined> {
    await dovecot.deliver(
      await rawMail({
        from: '"Line Grondin" <line.grondin@example.org>',
        to: 'services@ville.example',
        messageId,
        subject: 'Radier submergé',
        text: 'Bonjour,\nLe radier du chemin des Goyaviers est submergé depuis la pluie.\nLine Grondin',
      }),
      folder,
    );
    const ticket = await eventually(async () => {
      const stored = await RequestModel.findOne({ messageId });
      return stored ? TicketModel.findOne({ requestId: stored._id }) : null;
    }, `a ticket for ${messageId}`);
    return ticket.commune;
  }

  it('reads a mailbox added through the API, then the folder it is changed to', async () => {
    expect(application.communes.get(saintDenis.insee)?.epci).toBe(epciSiren);
    await setMailbox('INBOX', dovecot.password);
    await expect(ticketCommuneOf('<ajoutee-1@example.org>', 'INBOX')).resolves.toBe(saintDenis.insee);
    // The stored password is kept (same connection); only the folder read changes.
    await setMailbox('Mairie');
    await expect(ticketCommuneOf('<dossier-1@example.org>', 'Mairie')).resolves.toBe(saintDenis.insee);
  });
});
