import request from 'supertest';

import { AuditEventModel } from '../../models/audit/audit-event-model';
import { CommuneFactsModel } from '../../models/commune-facts/commune-facts-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { startTestApplication } from '../support/test-application';
import { addEpciCommunes, epciSiren, obernai, saintDenis, signedInFor } from './commune-test-kit';

jest.setTimeout(120_000);

const facts = (commune: string, horaires: string) => ({
  commune,
  horaires,
  fermetures: '',
  adresse: '1 place de la Mairie',
  telephone: '03 88 00 00 00',
  courriel: '',
  siteWeb: '',
});
const serviceHours = 'du lundi au vendredi de 9 h à 12 h';
const obernaiHours = 'du lundi au samedi de 8 h à 12 h, et le mercredi de 14 h à 17 h';
const hoursQuestion = 'Bonjour, à quelle heure ouvre la mairie le mercredi ? Bonne journée, Lucie Perrin';
const notYours = `Les réglages de la commune ${saintDenis.insee} ne sont pas de votre ressort.`;
const serviceOnly = "Les réglages du service valent pour toutes les communes : seul l'EPCI les modifie. Modifiez ceux de votre commune.";

/**
 * Issue 15, item 6: the facts immediate answers quote and the checklists and answers, per commune over the
 * service's, through the API and the pipeline (form intake, classifier, assessment).
 */
describe("each commune's facts and checklists, the service's by default", () => {
  let application: RunningApplication;
  const tokens = {} as Record<'epci' | 'obernai' | 'saintDenis', string>;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  /** The assistance prepared for a form sent to a commune, as the EPCI's supervisor reads it on the ticket. */
  async function assistanceFor(commune: string, text: string) {
    const created = await request(application.url)
      .post('/api/requests')
      .send({ commune, text, requester: { name: 'Lucie Perrin', email: 'lucie.perrin@example.org' } })
      .expect(201);
    await application.worker.idle();
    const ticket = (await TicketModel.findOne({ requestId: created.body.id }).lean())!;
    const { body } = await request(application.url)
      .get(`/api/tickets/${String(ticket._id)}`)
      .set(as(tokens.epci))
      .expect(200);
    expect(body.ticket.commune).toBe(commune);
    return body.ticket.assistance ?? null;
  }
  const agreementSeenBy = async (token: string, commune?: string) =>
    (
      await request(application.url)
        .get(`/api/checklists/agreement${commune ? `?commune=${commune}` : ''}`)
        .set(as(token))
        .expect(200)
    ).body.intents;

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    // The single document the version before communes wrote: it is the service's level now.
    await CommuneFactsModel.collection.insertOne({ _id: 'commune' as never, ...facts('Mairie', 'le matin') });
    await addEpciCommunes(application);
    tokens.epci = await signedInFor(application, 'supervisor', { epci: epciSiren });
    tokens.obernai = await signedInFor(application, 'supervisor', { communes: [obernai.insee] });
    tokens.saintDenis = await signedInFor(application, 'supervisor', { communes: [saintDenis.insee] });
  });
  afterAll(async () => application?.stop());

  describe("the commune's facts", () => {
    it("reads the single-mairie facts as the service's, which every commune inherits until it has its own", async () => {
      const { body: service } = await request(application.url).get('/api/commune-facts').set(as(tokens.epci)).expect(200);
      expect(service).toMatchObject({ level: 'service', facts: { commune: 'Mairie', horaires: 'le matin' } });
      const { body: inherited } = await request(application.url)
        .get(`/api/commune-facts?commune=${obernai.insee}`)
        .set(as(tokens.obernai))
        .expect(200);
      expect(inherited).toMatchObject({ level: 'service', facts: { horaires: 'le matin' } });
    });

    it("keeps Obernai's own facts apart from the service's, each changed by its own level and audited with its commune", async () => {
      await request(application.url).put('/api/commune-facts').set(as(tokens.epci)).send(facts('Communauté', serviceHours)).expect(200);
      const { body: own } = await request(application.url)
        .put(`/api/commune-facts?commune=${obernai.insee}`)
        .set(as(tokens.obernai))
        .send(facts('Obernai', obernaiHours))
        .expect(200);
      expect(own).toMatchObject({ level: 'commune', facts: { commune: 'Obernai', horaires: obernaiHours } });
      const { body: saintDenisFacts } = await request(application.url)
        .get(`/api/commune-facts?commune=${saintDenis.insee}`)
        .set(as(tokens.epci))
        .expect(200);
      expect(saintDenisFacts).toMatchObject({ level: 'service', facts: { commune: 'Communauté', horaires: serviceHours } });
      expect(await AuditEventModel.findOne({ action: 'commune-facts.updated', commune: obernai.insee }).lean()).toMatchObject({
        objectId: obernai.insee,
        details: { changed: ['commune', 'horaires', 'adresse', 'telephone'] },
      });
    });

    it("refuses, in French, a commune's supervisor the service's level and another commune's", async () => {
      const service = await request(application.url).put('/api/commune-facts').set(as(tokens.obernai)).send(facts('Obernai', 'jamais'));
      expect(service.status).toBe(403);
      expect(service.body.error).toBe(serviceOnly);
      const other = await request(application.url)
        .put(`/api/commune-facts?commune=${saintDenis.insee}`)
        .set(as(tokens.obernai))
        .send(facts('Saint-Denis', 'jamais'));
      expect(other.status).toBe(403);
      expect(other.body.error).toBe(notYours);
      await request(application.url).get(`/api/commune-facts?commune=${saintDenis.insee}`).set(as(tokens.obernai)).expect(403);
      const { body } = await request(application.url).get('/api/commune-facts').set(as(tokens.epci)).expect(200);
      expect(body.facts.horaires).toBe(serviceHours);
    });

    it("answers an Obernai ticket with Obernai's opening hours, a Saint-Denis ticket with the service's", async () => {
      const obernaiAnswer = await assistanceFor(obernai.insee, hoursQuestion);
      expect(obernaiAnswer).toMatchObject({ kind: 'answer', mode: 'pilot', reply: { status: 'suggested' } });
      expect(obernaiAnswer.reply.text).toContain(obernaiHours);
      const saintDenisAnswer = await assistanceFor(saintDenis.insee, hoursQuestion);
      expect(saintDenisAnswer.reply.text).toContain(serviceHours);
      expect(saintDenisAnswer.reply.text).not.toContain(obernaiHours);
    });

    it("counts an Obernai suggestion dismissed in Obernai's agreement rate, not in Saint-Denis's", async () => {
      const ticket = await TicketModel.findOne({ commune: obernai.insee, 'assistance.reply.status': 'suggested' }).lean();
      await request(application.url)
        .post(`/api/tickets/${String(ticket!._id)}/assistance/dismiss`)
        .set(as(tokens.epci))
        .expect(200);
      const dismissed = { intent: 'horaires-ouverture', kind: 'answer', considered: 1, agreed: 0 };
      expect(await agreementSeenBy(tokens.obernai, obernai.insee)).toContainEqual(expect.objectContaining(dismissed));
      expect(await agreementSeenBy(tokens.epci)).toContainEqual(expect.objectContaining(dismissed));
      expect(await agreementSeenBy(tokens.saintDenis, saintDenis.insee)).toEqual([]);
      expect(await agreementSeenBy(tokens.saintDenis)).toEqual([]);
      await request(application.url).get(`/api/checklists/agreement?commune=${obernai.insee}`).set(as(tokens.saintDenis)).expect(403);
    });
  });

  describe('the checklists and answers', () => {
    let obernaiVersion: number;

    it("lets Obernai's supervisor switch an answer off for Obernai only, as a version of Obernai's own, audited with it", async () => {
      const { body: switched } = await request(application.url)
        .post(`/api/checklists/modes?commune=${obernai.insee}`)
        .set(as(tokens.obernai))
        .send({ intent: 'horaires-ouverture', mode: 'off' })
        .expect(200);
      obernaiVersion = switched.version.version;
      expect(switched.version).toMatchObject({ commune: obernai.insee, status: 'published', basedOnVersion: 1 });
      const { body: obernaiSet } = await request(application.url)
        .get(`/api/checklists/active?commune=${obernai.insee}`)
        .set(as(tokens.obernai))
        .expect(200);
      expect(obernaiSet).toMatchObject({ level: 'commune', version: { version: obernaiVersion } });
      const { body: saintDenisSet } = await request(application.url)
        .get(`/api/checklists/active?commune=${saintDenis.insee}`)
        .set(as(tokens.saintDenis))
        .expect(200);
      expect(saintDenisSet).toMatchObject({ level: 'service', version: { version: 1, commune: null } });
      const { body: service } = await request(application.url).get('/api/checklists/versions').set(as(tokens.epci)).expect(200);
      expect(service.versions.map((version: { version: number }) => version.version)).toEqual([1]);
      expect(
        await AuditEventModel.findOne({ action: 'checklist-set.mode-changed', objectId: String(obernaiVersion) }).lean(),
      ).toMatchObject({
        commune: obernai.insee,
        details: { intent: 'horaires-ouverture', from: 'pilot', to: 'off', level: obernai.insee },
      });
    });

    it("applies Obernai's set to Obernai's tickets only", async () => {
      expect(await assistanceFor(obernai.insee, hoursQuestion)).toBeNull();
      const saintDenisAnswer = await assistanceFor(saintDenis.insee, hoursQuestion);
      expect(saintDenisAnswer).toMatchObject({ kind: 'answer', mode: 'pilot', checklistSetVersion: 1 });
    });

    it("refuses, in French, a commune's supervisor the service's set and another commune's", async () => {
      const service = await request(application.url)
        .post('/api/checklists/modes')
        .set(as(tokens.obernai))
        .send({ intent: 'horaires-ouverture', mode: 'off' });
      expect(service.status).toBe(403);
      expect(service.body.error).toBe(serviceOnly);
      const other = await request(application.url)
        .post(`/api/checklists/modes?commune=${saintDenis.insee}`)
        .set(as(tokens.obernai))
        .send({ intent: 'horaires-ouverture', mode: 'off' });
      expect(other.status).toBe(403);
      expect(other.body.error).toBe(notYours);
      const foreignVersion = await request(application.url).get(`/api/checklists/versions/${obernaiVersion}`).set(as(tokens.saintDenis));
      expect(foreignVersion.status).toBe(403);
      expect(foreignVersion.body.error).toBe(`Les réglages de la commune ${obernai.insee} ne sont pas de votre ressort.`);
      await request(application.url).post('/api/checklists/versions/1/rollback').set(as(tokens.obernai)).send({}).expect(403);
      const { body } = await request(application.url).get('/api/checklists/active').set(as(tokens.epci)).expect(200);
      expect(body).toMatchObject({ level: 'service', version: { version: 1 } });
    });

    it('gives Obernai back the service’s set when its own is withdrawn, kept in its history', async () => {
      const { body: back } = await request(application.url)
        .delete(`/api/checklists/active?commune=${obernai.insee}`)
        .set(as(tokens.obernai))
        .expect(200);
      expect(back).toMatchObject({ level: 'service', version: { version: 1 } });
      const { body: history } = await request(application.url)
        .get(`/api/checklists/versions?commune=${obernai.insee}`)
        .set(as(tokens.obernai))
        .expect(200);
      expect(history.versions).toMatchObject([{ version: obernaiVersion, commune: obernai.insee, status: 'archived' }]);
      expect(await assistanceFor(obernai.insee, hoursQuestion)).toMatchObject({ kind: 'answer', checklistSetVersion: 1 });
    });

    it("publishes a draft at its own level: neither the service's publication nor a commune's archives the other's", async () => {
      const { body: draft } = await request(application.url)
        .post(`/api/checklists/versions?commune=${obernai.insee}`)
        .set(as(tokens.obernai))
        .send({})
        .expect(201);
      expect(draft.version).toMatchObject({ commune: obernai.insee, status: 'draft', basedOnVersion: 1 });
      const edited = await request(application.url)
        .put(`/api/checklists/versions/${draft.version.version}`)
        .set(as(tokens.saintDenis))
        .send({ checklistSet: draft.version.checklistSet });
      expect(edited.status).toBe(403);
      await request(application.url).post(`/api/checklists/versions/${draft.version.version}/publish`).set(as(tokens.obernai)).expect(200);
      expect(
        await AuditEventModel.findOne({ action: 'checklist-set.published', objectId: String(draft.version.version) }).lean(),
      ).toMatchObject({ commune: obernai.insee, details: { previousVersion: 1 } });

      const { body: serviceDraft } = await request(application.url)
        .post('/api/checklists/versions')
        .set(as(tokens.epci))
        .send({})
        .expect(201);
      expect(serviceDraft.version).toMatchObject({ commune: null, basedOnVersion: 1 });
      await request(application.url)
        .post(`/api/checklists/versions/${serviceDraft.version.version}/publish`)
        .set(as(tokens.epci))
        .expect(200);
      const inForce = async (commune: string) =>
        (await request(application.url).get(`/api/checklists/active?commune=${commune}`).set(as(tokens.epci)).expect(200)).body;
      expect(await inForce(obernai.insee)).toMatchObject({ level: 'commune', version: { version: draft.version.version } });
      expect(await inForce(saintDenis.insee)).toMatchObject({ level: 'service', version: { version: serviceDraft.version.version } });
    });
  });
});
