import mongoose, { Types } from 'mongoose';
import request from 'supertest';

import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { mailConfig } from '../mail/mail-test-setup';
import { startDovecot, startSmtpSink, type DovecotServer, type SmtpSink } from '../support/mail-servers';
import { rawMail } from '../support/raw-mail';
import { freshDatabaseUri, startTestApplication } from '../support/test-application';
import { addEpciCommunes, epciSiren, obernai, saintDenis, signedInFor } from './commune-test-kit';

// The routing rules pick one of the two acknowledgements by the hour of receipt: each level edits both.
const acknowledgements = ['accuse-reception', 'hors-horaires'];
const serviceText = 'Le service intercommunal a bien reçu votre demande {{reference}}.';
const obernaiText = 'La mairie d’Obernai a bien reçu votre demande {{reference}}.';

describe('mail templates per commune: the service’s, overridden by a commune', () => {
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let application: RunningApplication;
  let epciSupervisor: string;
  let obernaiSupervisor: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    [dovecot, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
    const { imapHost: _none, ...outgoingOnly } = mailConfig(dovecot, sink);
    ({ application } = await startTestApplication(outgoingOnly));
    await addEpciCommunes(application);
    [epciSupervisor, obernaiSupervisor] = await Promise.all([
      signedInFor(application, 'supervisor', { epci: epciSiren }),
      signedInFor(application, 'supervisor', { communes: [obernai.insee] }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await application?.stop();
    await Promise.all([dovecot?.stop(), sink?.stop()]);
  });

  async function acknowledgementOf(to: string, messageId: string) {
    const mail = await rawMail({
      from: '"Claire Martin" <claire.martin@example.org>',
      to,
      messageId,
      subject: 'Acte de naissance',
      text: 'Bonjour, je voudrais une copie intégrale de mon acte de naissance.',
    });
    await request(application.url).post('/api/requests/email').set('Content-Type', 'message/rfc822').send(mail).expect(201);
    return sink.waitFor((sent) => sent.inReplyTo === messageId);
  }

  it('writes each request’s acknowledgement with its commune’s own template, else the service’s', async () => {
    for (const id of acknowledgements) {
      const service = await request(application.url)
        .put(`/api/mail-templates/${id}`)
        .set(as(epciSupervisor))
        .send({ subject: 'Demande reçue', body: serviceText })
        .expect(200);
      expect(service.body).toMatchObject({ commune: null, template: { id, level: 'service' } });
      const own = await request(application.url)
        .put(`/api/mail-templates/${id}?commune=${obernai.insee}`)
        .set(as(obernaiSupervisor))
        .send({ subject: 'Demande reçue à Obernai', body: obernaiText })
        .expect(200);
      expect(own.body).toMatchObject({ commune: obernai.insee, template: { id, level: 'commune', body: obernaiText } });
    }

    const inObernai = await acknowledgementOf(obernai.address, '<acte-obernai@example.org>');
    expect(inObernai.text).toMatch(/La mairie d’Obernai a bien reçu votre demande AIG-/);
    expect(inObernai.subject).toContain('Demande reçue à Obernai');
    const inSaintDenis = await acknowledgementOf(saintDenis.address, '<acte-saint-denis@example.org>');
    expect(inSaintDenis.text).toMatch(/Le service intercommunal a bien reçu votre demande AIG-/);
    expect(inSaintDenis.text).not.toContain('Obernai');

    // What each level reads, and where it comes from.
    const listed = await request(application.url)
      .get(`/api/mail-templates?commune=${saintDenis.insee}`)
      .set(as(epciSupervisor))
      .expect(200);
    expect(listed.body.templates.find((template: { id: string }) => template.id === 'accuse-reception')).toMatchObject({
      level: 'service',
      body: serviceText,
    });
    const own = await request(application.url).get(`/api/mail-templates?commune=${obernai.insee}`).set(as(obernaiSupervisor)).expect(200);
    expect(own.body.templates.find((template: { id: string }) => template.id === 'accuse-reception')).toMatchObject({
      level: 'commune',
      body: obernaiText,
    });
  });

  it('keeps a commune’s supervisor to their commune’s level; the EPCI’s supervisor changes every level', async () => {
    const change = { subject: 'Bien reçu', body: 'Bonjour {{nom}}, demande {{reference}} reçue.' };
    const serviceLevel = await request(application.url)
      .put('/api/mail-templates/accuse-reception')
      .set(as(obernaiSupervisor))
      .send(change)
      .expect(403);
    expect(serviceLevel.body.error).toContain("seul l'EPCI les modifie");
    const otherCommune = await request(application.url)
      .put(`/api/mail-templates/accuse-reception?commune=${saintDenis.insee}`)
      .set(as(obernaiSupervisor))
      .send(change)
      .expect(403);
    expect(otherCommune.body.error).toBe(`Les réglages de la commune ${saintDenis.insee} ne sont pas de votre ressort.`);
    await request(application.url)
      .get(`/api/mail-templates/accuse-reception?commune=${saintDenis.insee}`)
      .set(as(obernaiSupervisor))
      .expect(403);
    await request(application.url).delete('/api/mail-templates/accuse-reception').set(as(obernaiSupervisor)).expect(403);
    const badLevel = await request(application.url).get('/api/mail-templates?commune=Obernai').set(as(obernaiSupervisor)).expect(400);
    expect(badLevel.body.error).toMatch(/^Commune invalide/);

    const saintDenisOwn = await request(application.url)
      .put(`/api/mail-templates/accuse-reception?commune=${saintDenis.insee}`)
      .set(as(epciSupervisor))
      .send(change)
      .expect(200);
    expect(saintDenisOwn.body.template).toMatchObject({ level: 'commune', body: change.body });
    const back = await request(application.url)
      .delete(`/api/mail-templates/accuse-reception?commune=${saintDenis.insee}`)
      .set(as(epciSupervisor))
      .expect(200);
    expect(back.body.template).toMatchObject({ level: 'service', body: serviceText });
  });

  it('goes back to the service’s template when a commune deletes its own', async () => {
    for (const id of acknowledgements) {
      const back = await request(application.url)
        .delete(`/api/mail-templates/${id}?commune=${obernai.insee}`)
        .set(as(obernaiSupervisor))
        .expect(200);
      expect(back.body).toMatchObject({ commune: obernai.insee, template: { id, level: 'service', body: serviceText } });
    }
    // Each change is in the audit trail of its level's commune (the EPCI's DPO reads them all).
    const dpo = await signedInFor(application, 'dpo', { epci: epciSiren });
    const reset = await request(application.url).get('/api/audit/events?action=mail-template.reset').set(as(dpo)).expect(200);
    expect(reset.body.events.map((event: { commune: string | null }) => event.commune).sort()).toEqual([
      obernai.insee,
      obernai.insee,
      saintDenis.insee,
    ]);
    const again = await acknowledgementOf(obernai.address, '<acte-obernai-2@example.org>');
    expect(again.text).toMatch(/Le service intercommunal a bien reçu votre demande AIG-/);
    // The service's own deleted, every commune has the shipped one.
    await request(application.url).delete('/api/mail-templates/accuse-reception').set(as(epciSupervisor)).expect(200);
    const shipped = await request(application.url)
      .get(`/api/mail-templates/accuse-reception?commune=${obernai.insee}`)
      .set(as(obernaiSupervisor));
    expect(shipped.body.template).toMatchObject({ level: 'shipped', customised: false });
  });

  describe('canned responses', () => {
    let saintDenisSupervisor: string;
    let agent: string;
    let dpo: string;
    const ticketIn = async (commune: string) => (await TicketModel.findOne({ commune }).lean())!;

    beforeAll(async () => {
      [saintDenisSupervisor, agent, dpo] = await Promise.all([
        signedInFor(application, 'supervisor', { communes: [saintDenis.insee] }),
        signedInFor(application, 'agent', { epci: epciSiren, queues: ['etat-civil'] }),
        signedInFor(application, 'dpo', { epci: epciSiren }),
      ]);
    });

    it('offers on a ticket the service’s responses and its commune’s own, and keeps each level to its supervisors', async () => {
      const reply = (title: string) => ({ queue: 'etat-civil', title, body: `${title} : bonjour {{nom}}.` });
      await request(application.url).post('/api/canned-responses').set(as(epciSupervisor)).send(reply('Acte envoyé')).expect(201);
      const own = await request(application.url)
        .post(`/api/canned-responses?commune=${obernai.insee}`)
        .set(as(obernaiSupervisor))
        .send(reply('Acte envoyé'))
        .expect(201);
      expect(own.body.cannedResponse).toMatchObject({ commune: obernai.insee, level: 'commune', title: 'Acte envoyé' });

      const forbidden = await request(application.url)
        .post('/api/canned-responses')
        .set(as(obernaiSupervisor))
        .send(reply('Autre'))
        .expect(403);
      expect(forbidden.body.error).toContain("seul l'EPCI les modifie");
      await request(application.url)
        .post(`/api/canned-responses?commune=${saintDenis.insee}`)
        .set(as(obernaiSupervisor))
        .send(reply('Autre'))
        .expect(403);
      await request(application.url)
        .put(`/api/canned-responses/${own.body.cannedResponse.id}`)
        .set(as(saintDenisSupervisor))
        .send(reply('Changé'))
        .expect(403);
      await request(application.url)
        .delete(`/api/canned-responses/${own.body.cannedResponse.id}`)
        .set(as(saintDenisSupervisor))
        .expect(403);
      const service = (await request(application.url).get('/api/reply-settings').set(as(saintDenisSupervisor)).expect(200)).body
        .cannedResponses as Array<{ id: string; commune: string | null }>;
      expect(service.map((response) => response.commune)).toEqual([null]);
      await request(application.url)
        .put(`/api/canned-responses/${service[0]!.id}`)
        .set(as(obernaiSupervisor))
        .send(reply('Changé'))
        .expect(403);
      const changed = await request(application.url)
        .put(`/api/canned-responses/${own.body.cannedResponse.id}`)
        .set(as(obernaiSupervisor))
        .send(reply('Acte envoyé à Obernai'))
        .expect(200);
      expect(changed.body.cannedResponse).toMatchObject({ commune: obernai.insee, title: 'Acte envoyé à Obernai' });

      const offered = async (commune: string) =>
        (
          await request(application.url)
            .get(`/api/tickets/${(await ticketIn(commune))._id.toString()}/canned-responses`)
            .set(as(agent))
            .expect(200)
        ).body.responses.map((response: { title: string; commune: string | null }) => [response.title, response.commune]);
      expect(await offered(obernai.insee)).toEqual(
        expect.arrayContaining([
          ['Acte envoyé', null],
          ['Acte envoyé à Obernai', obernai.insee],
        ]),
      );
      expect(await offered(saintDenis.insee)).toEqual([['Acte envoyé', null]]);

      const audited = await request(application.url).get('/api/audit/events?action=canned-response.updated').set(as(dpo)).expect(200);
      expect(audited.body.events).toEqual([expect.objectContaining({ commune: obernai.insee })]);
      await request(application.url).delete(`/api/canned-responses/${own.body.cannedResponse.id}`).set(as(obernaiSupervisor)).expect(204);
    });
  });
});

describe('mail templates and canned responses stored before communes', () => {
  const databaseUri = freshDatabaseUri();
  const before = { subject: 'Accusé de réception', body: 'Votre demande {{reference}} est enregistrée (version d’avant les communes).' };
  let application: RunningApplication;

  beforeAll(async () => {
    // As the single-mairie version stored them: a template keyed by its id alone, a response with no commune.
    const connection = await mongoose.createConnection(databaseUri).asPromise();
    const stamp = { updatedBy: new Types.ObjectId(), createdAt: new Date(), updatedAt: new Date() };
    await connection.db!.collection('mailtemplates').insertOne({ _id: 'accuse-reception' as never, ...before, ...stamp });
    await connection
      .db!.collection('cannedresponses')
      .insertOne({ queue: 'etat-civil', title: 'Ancienne', body: 'Bonjour {{nom}}.', tags: [], ...stamp });
    await connection.close();
    ({ application } = await startTestApplication({ smtpIntakeEnabled: false }, databaseUri));
    await addEpciCommunes(application);
  }, 60_000);
  afterAll(async () => application?.stop());

  it('are the service’s, which every commune inherits, and the service’s supervisor edits that same version', async () => {
    const obernaiSupervisor = await signedInFor(application, 'supervisor', { communes: [obernai.insee] });
    const inherited = await request(application.url)
      .get(`/api/mail-templates/accuse-reception?commune=${obernai.insee}`)
      .set('Authorization', `Bearer ${obernaiSupervisor}`)
      .expect(200);
    expect(inherited.body.template).toMatchObject({ level: 'service', ...before });
    const replies = await request(application.url)
      .get('/api/reply-settings')
      .set('Authorization', `Bearer ${obernaiSupervisor}`)
      .expect(200);
    expect(replies.body.cannedResponses).toEqual([expect.objectContaining({ title: 'Ancienne', commune: null, level: 'service' })]);

    const epciSupervisor = await signedInFor(application, 'supervisor', { epci: epciSiren });
    await request(application.url)
      .put('/api/mail-templates/accuse-reception')
      .set('Authorization', `Bearer ${epciSupervisor}`)
      .send({ subject: 'Bien reçu', body: 'Demande {{reference}} reçue.' })
      .expect(200);
    expect(await mongoose.connection.db!.collection('mailtemplates').countDocuments({})).toBe(1);
  });
});
