import request from 'supertest';

import { AuditEventModel } from '../../models/audit/audit-event-model';
import type { RunningApplication } from '../../server/application';
import { signedInToken, startTestApplication } from '../support/test-application';

jest.setTimeout(60_000);

describe('supervisors edit checklists and answers like rules: versioned, checked, audited', () => {
  let application: RunningApplication;
  let supervisor: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    supervisor = await signedInToken(application, 'supervisor');
  });
  afterAll(async () => {
    await application?.stop();
  });

  it('starts from the shipped set, published as version 1, every intent in pilot mode', async () => {
    const { body } = await request(application.url).get('/api/checklists/active').set(as(supervisor)).expect(200);
    expect(body.version).toMatchObject({ version: 1, status: 'published', changes: ['Listes et réponses livrées avec Aiguillage'] });
    expect(body.problems).toEqual([]);
    const birth = body.version.checklistSet.checklists.find((checklist: { intent: string }) => checklist.intent === 'copie-acte-naissance');
    expect(birth).toMatchObject({
      missingRequest: 'pilot',
      source: { fiche: 'F1427', url: 'https://www.service-public.fr/particuliers/vosdroits/F1427' },
    });
    expect(birth.items.map((item: { id: string }) => item.id)).toEqual(['personne', 'date-naissance', 'filiation', 'lien']);
  });

  it('refuses a draft with a problem, in French, and stores nothing', async () => {
    const { body: active } = await request(application.url).get('/api/checklists/active').set(as(supervisor)).expect(200);
    const broken = structuredClone(active.version.checklistSet);
    broken.checklists[0].items[0].presentWhen = [{ pattern: '(?<=mon) acte' }];
    const { body } = await request(application.url)
      .post('/api/checklists/versions')
      .set(as(supervisor))
      .send({ checklistSet: broken })
      .expect(422);
    expect(body.error).toBe("Les listes sont invalides et n'ont pas été enregistrées.");
    expect(body.problems[0].message).toMatch(/^Liste « copie-acte-naissance », élément « personne » : les assertions/);
    const { body: versions } = await request(application.url).get('/api/checklists/versions').set(as(supervisor)).expect(200);
    expect(versions.versions).toHaveLength(1);
  });

  it('drafts, publishes and rolls back, each step audited with what it changes', async () => {
    const { body: active } = await request(application.url).get('/api/checklists/active').set(as(supervisor)).expect(200);
    const changed = structuredClone(active.version.checklistSet);
    changed.checklists[0].items[1].question = 'sa date de naissance (jour, mois et année)';
    const { body: draft } = await request(application.url)
      .post('/api/checklists/versions')
      .set(as(supervisor))
      .send({ checklistSet: changed })
      .expect(201);
    expect(draft).toMatchObject({
      version: { version: 2, status: 'draft', changes: ['Liste « copie-acte-naissance » modifiée'] },
      publishable: true,
    });

    await request(application.url).post('/api/checklists/versions/2/publish').set(as(supervisor)).expect(200);
    await request(application.url).post('/api/checklists/versions/2/publish').set(as(supervisor)).expect(409);
    const { body: now } = await request(application.url).get('/api/checklists/active').set(as(supervisor)).expect(200);
    expect(now.version.checklistSet.checklists[0].items[1].question).toBe('sa date de naissance (jour, mois et année)');

    const { body: rolledBack } = await request(application.url)
      .post('/api/checklists/versions/1/rollback')
      .set(as(supervisor))
      .send({ reason: 'question trop longue' })
      .expect(200);
    expect(rolledBack.version).toMatchObject({ version: 3, status: 'published', restoredFromVersion: 1 });
    const actions = (await AuditEventModel.find({ objectType: 'ChecklistSet' }).sort({ sequence: 1 }).lean()).map((event) => event.action);
    expect(actions).toEqual([
      'checklist-set.installed',
      'checklist-set.draft-created',
      'checklist-set.published',
      'checklist-set.rolled-back',
    ]);
  });

  it('switches one intent at a time, and says so in French when the intent has nothing to switch', async () => {
    await request(application.url)
      .post('/api/checklists/modes')
      .set(as(supervisor))
      .send({ intent: 'bureau-vote', mode: 'automatic' })
      .expect(200);
    await request(application.url)
      .post('/api/checklists/modes')
      .set(as(supervisor))
      .send({ intent: 'bureau-vote', mode: 'automatic' })
      .expect(409);
    const { body } = await request(application.url)
      .post('/api/checklists/modes')
      .set(as(supervisor))
      .send({ intent: 'remerciements', mode: 'pilot' })
      .expect(404);
    expect(body.error).toBe("Le motif « remerciements » n'a ni liste ni réponse.");
    await request(application.url)
      .post('/api/checklists/modes')
      .set(as(supervisor))
      .send({ intent: 'bureau-vote', mode: 'toujours' })
      .expect(400);
  });

  it("keeps the commune's facts as typed, for supervisors and the admin, checked in French and audited without values", async () => {
    const admin = await signedInToken(application, 'admin');
    const facts = {
      commune: 'Villeneuve',
      horaires: 'du lundi au vendredi, de 9 h à 12 h',
      fermetures: '',
      adresse: '1 place de la Mairie',
      telephone: '01 23 45 67 89',
      courriel: 'contact@mairie.example',
      siteWeb: 'https://mairie.example',
    };
    const { body: bad } = await request(application.url)
      .put('/api/commune-facts')
      .set(as(admin))
      .send({ ...facts, telephone: 'appelez-nous', siteWeb: 'mairie.example' })
      .expect(400);
    expect(JSON.stringify(bad)).toMatch(/Téléphone : chiffres, espaces, points, tirets et \+ seulement/);
    const { body: saved } = await request(application.url).put('/api/commune-facts').set(as(admin)).send(facts).expect(200);
    expect(saved.facts).toMatchObject(facts);
    const { body: read } = await request(application.url).get('/api/commune-facts').set(as(supervisor)).expect(200);
    expect(read.facts).toMatchObject(facts);
    const audit = await AuditEventModel.findOne({ action: 'commune-facts.updated' }).lean();
    expect(audit?.details).toEqual({ changed: ['commune', 'horaires', 'adresse', 'telephone', 'courriel', 'siteWeb'] });
    await request(application.url)
      .get('/api/commune-facts')
      .set(as(await signedInToken(application, 'agent', ['accueil'])))
      .expect(403);
  });
});
