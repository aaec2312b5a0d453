import request from 'supertest';

import { AuditEventModel } from '../../models/audit/audit-event-model';
import type { RunningApplication } from '../../server/application';
import { startTestApplication } from '../support/test-application';
import { addEpciCommunes, communeSettings, epciSiren, obernai, saintDenis, signedInFor } from './commune-test-kit';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe("communes' settings, by their admins", () => {
  let application: RunningApplication;
  let epciAdmin: string;
  let obernaiAdmin: string;

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    await addEpciCommunes(application);
    epciAdmin = await signedInFor(application, 'admin', { epci: epciSiren });
    obernaiAdmin = await signedInFor(application, 'admin', { communes: [obernai.insee] });
  });
  afterAll(async () => application.stop());

  it("lets the EPCI's admin add a commune, with its own mailbox, whose secret never comes back", async () => {
    const dijon = communeSettings('Dijon', {
      inboxAddresses: ['mairie@dijon.example'],
      mailbox: { host: 'imap.dijon.example', port: 993, tls: true, user: 'mairie', password: 'secret-de-la-boite', folder: 'INBOX' },
    });
    const created = await request(application.url).put('/api/communes/settings/21231').set(bearer(epciAdmin)).send(dijon).expect(201);
    expect(created.body.commune.mailbox).toMatchObject({ host: 'imap.dijon.example', hasPassword: true });
    expect(JSON.stringify(created.body)).not.toContain('secret-de-la-boite');
    const listed = await request(application.url).get('/api/communes').expect(200);
    expect(listed.body.communes.map((commune: { insee: string }) => commune.insee)).toContain('21231');
    await request(application.url)
      .post('/api/requests')
      .send({ commune: '21231', text: 'Bonjour, une demande.', requester: { name: 'Usager' } })
      .expect(201);
  });

  it("lets a commune's admin change their commune's settings only, and add none", async () => {
    const own = (await request(application.url).get('/api/communes/settings').set(bearer(obernaiAdmin)).expect(200)).body.communes;
    expect(own.map((commune: { insee: string }) => commune.insee)).toEqual([obernai.insee]);
    const { insee: _insee, ...settings } = own[0];
    await request(application.url)
      .put(`/api/communes/settings/${obernai.insee}`)
      .set(bearer(obernaiAdmin))
      .send({ ...settings, acknowledgementSignature: 'La mairie d’Obernai, service accueil' })
      .expect(200);
    expect(await AuditEventModel.findOne({ action: 'commune.settings-changed', objectId: obernai.insee }).lean()).toMatchObject({
      details: { changed: ['acknowledgementSignature'] },
    });
    await request(application.url)
      .put(`/api/communes/settings/${obernai.insee}`)
      .set(bearer(obernaiAdmin))
      .send({ ...settings, epci: null })
      .expect(403);
    await request(application.url)
      .put(`/api/communes/settings/${saintDenis.insee}`)
      .set(bearer(obernaiAdmin))
      .send(communeSettings('Saint-Denis'))
      .expect(404);
    await request(application.url).put('/api/communes/settings/75056').set(bearer(obernaiAdmin)).send(communeSettings('Paris')).expect(404);
  });

  it("keeps a mailbox's stored password for the connection it was given for only, never for another server", async () => {
    const beaune = communeSettings('Beaune', {
      mailbox: { host: 'imap.beaune.example', port: 993, tls: true, user: 'mairie', password: 'secret-de-beaune', folder: 'INBOX' },
    });
    await request(application.url).put('/api/communes/settings/21054').set(bearer(epciAdmin)).send(beaune).expect(201);
    const { password: _secret, ...sentBack } = beaune.mailbox!;
    const put = (mailbox: object) =>
      request(application.url)
        .put('/api/communes/settings/21054')
        .set(bearer(epciAdmin))
        .send({ ...beaune, mailbox });
    for (const elsewhere of [{ host: 'imap.ailleurs.example' }, { user: 'autre' }, { port: 143 }, { tls: false }]) {
      const refused = await put({ ...sentBack, ...elsewhere }).expect(400);
      expect(refused.body.error).toContain('saisissez son mot de passe');
    }
    expect(application.communes.get('21054')?.mailbox).toMatchObject({ host: 'imap.beaune.example', password: 'secret-de-beaune' });
    await put({ ...sentBack, folder: 'Mairie' }).expect(200);
    expect(application.communes.get('21054')?.mailbox).toMatchObject({ folder: 'Mairie', password: 'secret-de-beaune' });
    await put({ ...sentBack, host: 'imap.nouveau.example', password: 'nouveau-secret' }).expect(200);
    expect(application.communes.get('21054')?.mailbox).toMatchObject({ host: 'imap.nouveau.example', password: 'nouveau-secret' });
  });
});
