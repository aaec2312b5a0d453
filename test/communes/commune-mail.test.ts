import request from 'supertest';

import { saveCommune } from '../../models/communes/commune-repository';
import { townHallOpeningHours } from '../../routing-rules/working-schedule';
import type { RunningApplication } from '../../server/application';
import { mailConfig } from '../mail/mail-test-setup';
import { startDovecot, startSmtpSink, type DovecotServer, type SmtpSink } from '../support/mail-servers';
import { rawMail } from '../support/raw-mail';
import { startTestApplication } from '../support/test-application';
import { addEpciCommunes, communeSettings, saintDenis } from './commune-test-kit';

describe('mail in the name of the commune the request was written to', () => {
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let application: RunningApplication;

  beforeAll(async () => {
    [dovecot, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
    const { imapHost: _none, ...outgoingOnly } = mailConfig(dovecot, sink);
    ({ application } = await startTestApplication(outgoingOnly));
    await addEpciCommunes(application);
    await saveCommune(
      saintDenis.insee,
      communeSettings(saintDenis.name, {
        timeZone: 'Indian/Reunion',
        holidayCalendar: 'reunion',
        // Mornings only, on Réunion's clock.
        openingHours: { ...townHallOpeningHours('Indian/Reunion').week, wed: [{ start: '08:00', end: '12:00' }] },
        inboxAddresses: [saintDenis.address],
        acknowledgementSignature: 'La mairie de Saint-Denis',
      }),
    );
    await application.communes.load();
  }, 60_000);

  afterAll(async () => {
    await application?.stop();
    await Promise.all([dovecot?.stop(), sink?.stop()]);
  });

  it('acknowledges from the commune’s address, with its signature and its opening hours', async () => {
    const mail = await rawMail({
      from: '"Éva Técher" <eva.techer@example.org>',
      to: saintDenis.address,
      messageId: '<acte-techer@example.org>',
      subject: 'Acte de naissance',
      text: 'Bonjour, je voudrais une copie intégrale de mon acte de naissance.',
    });
    await request(application.url).post('/api/requests/email').set('Content-Type', 'message/rfc822').send(mail).expect(201);
    const acknowledgement = await sink.waitFor((sent) => sent.inReplyTo === '<acte-techer@example.org>');
    expect(acknowledgement.from).toMatchObject({ value: [{ address: saintDenis.address, name: 'Mairie de Saint-Denis' }] });
    expect(acknowledgement.messageId).toMatch(/@saintdenis\.example>$/);
    expect(acknowledgement.text).toContain('La mairie de Saint-Denis');
    expect(acknowledgement.text).toContain('le mercredi, de 8 h à 12 h');
    expect(acknowledgement.text).not.toContain('Les services de la mairie');
  });
});
