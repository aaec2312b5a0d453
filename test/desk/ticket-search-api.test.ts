import { MongoClient } from 'mongodb';
import request from 'supertest';

import type { RunningApplication } from '../../server/application';
import { signedInToken, startTestApplication } from '../support/test-application';

interface Row {
  id: string;
  reference: string;
  queue: string;
  priority: string;
  dueAt: string | null;
  requester: string | null;
  subject: string | null;
  excerpt: string;
}

const claire = { name: 'Claire Martin', email: 'claire.martin@example.org', phone: '06 12 34 56 78' };
const birthCertificate = {
  subject: 'Copie intégrale acte de naissance',
  text: 'Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance. Je suis née le 12 mars 1985 à la maternité de la ville.',
  requester: claire,
};
const marriage = {
  subject: 'Acte de naissance pour mon mariage',
  text: 'Bonjour, pour constituer mon dossier de mariage je dois fournir une copie intégrale de mon acte de naissance de moins de trois mois.',
  requester: { name: 'Jean Dupont', email: 'jean.dupont@example.org', phone: '07 98 76 54 32' },
};
const prefecture = {
  subject: 'Transcription d’un acte de naissance',
  text: 'Madame, Monsieur, la préfecture vous transmet une demande de copie intégrale d’acte de naissance pour un dossier de naturalisation.',
  requester: { name: 'Bureau des naturalisations', email: 'naturalisations@interieur.gouv.fr' },
};
const streetLight = {
  subject: 'Lampadaire éteint',
  text: 'Bonjour, le lampadaire de la rue des Lilas est éteint depuis trois jours, la rue est toute noire le soir.',
  requester: claire,
};

const day = 86_400_000;

describe('the agents’ list: rows that tell requests apart, search through keyed hashes, views, urgency, pages', () => {
  let application: RunningApplication;
  let databaseUri: string;
  let now = new Date('2026-03-03T09:00:00Z');
  let etatCivil: string;
  let voirie: string;
  let supervisor: string;
  const references: Record<string, string> = {};

  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  async function list(token: string, query: Record<string, string | number>): Promise<{ tickets: Row[]; total: number; asOf: string }> {
    const { body } = await request(application.url).get('/api/tickets').query(query).set(as(token)).expect(200);
    return body;
  }
  const referencesOf = (rows: Row[]) => rows.map((row) => row.reference);
  async function submit(name: string, form: object): Promise<void> {
    const { body } = await request(application.url).post('/api/requests').send(form).expect(201);
    await application.worker.idle();
    references[name] = body.reference;
  }

  beforeAll(async () => {
    ({ application, databaseUri } = await startTestApplication({}, undefined, { now: () => now }));
    [etatCivil, voirie, supervisor] = await Promise.all([
      signedInToken(application, 'agent', ['etat-civil']),
      signedInToken(application, 'agent', ['voirie']),
      signedInToken(application, 'supervisor'),
    ]);
    await submit('birthCertificate', birthCertificate);
    await submit('streetLight', streetLight);
    now = new Date(now.getTime() + 15 * day);
    await submit('marriage', marriage);
    await submit('prefecture', prefecture);
    now = new Date(now.getTime() + day);
  }, 120_000);
  afterAll(async () => application.stop());

  it('routes the fixtures as the tests expect', async () => {
    const all = await list(supervisor, { status: 'any', pageSize: 100 });
    const queueOf = Object.fromEntries(all.tickets.map((row) => [row.reference, row.queue]));
    expect(queueOf).toEqual({
      [references.birthCertificate!]: 'etat-civil',
      [references.marriage!]: 'etat-civil',
      [references.prefecture!]: 'etat-civil',
      [references.streetLight!]: 'voirie',
    });
  });

  it('gives each row its requester, subject, an excerpt of the message and its due date', async () => {
    const { tickets } = await list(etatCivil, { q: references.marriage! });
    expect(tickets).toEqual([
      expect.objectContaining({
        reference: references.marriage,
        requester: 'Jean Dupont',
        subject: 'Acte de naissance pour mon mariage',
        excerpt: expect.stringMatching(
          /^Bonjour, pour constituer mon dossier de mariage je dois fournir une copie intégrale de mon acte de naissance/,
        ),
        dueAt: expect.any(String),
      }),
    ]);
    expect(tickets[0]!.excerpt.length).toBeLessThanOrEqual(161);
  });

  it('finds a request by reference, name, e-mail address, phone number and words of the message', async () => {
    const searches: Array<[string, string[]]> = [
      [references.birthCertificate!.toLowerCase(), [references.birthCertificate!]],
      ['Claire Martin', [references.birthCertificate!]],
      ['martin', [references.birthCertificate!]],
      ['CLAIRE.Martin@example.org', [references.birthCertificate!]],
      ['+33 6 12 34 56 78', [references.birthCertificate!]],
      ['0798765432', [references.marriage!]],
      ['mariage', [references.marriage!]],
      ['naturalisation préfecture', [references.prefecture!]],
      ['maternité', [references.birthCertificate!]],
      ['copie intégrale', [references.prefecture!, references.marriage!, references.birthCertificate!]],
      ['Dupont claire.martin@example.org', []],
      ['permis de construire', []],
    ];
    for (const [q, expected] of searches) {
      const { tickets, total } = await list(etatCivil, { q, status: 'any', sort: 'recent' });
      expect([q, referencesOf(tickets)]).toEqual([q, expected]);
      expect(total).toBe(expected.length);
    }
  });

  it('never shows a ticket of a queue the agent does not serve, whatever is searched', async () => {
    for (const q of ['lampadaire', 'Lilas', 'Claire Martin', claire.email, claire.phone, references.streetLight!]) {
      const own = await list(etatCivil, { q, status: 'any' });
      expect(referencesOf(own.tickets)).not.toContain(references.streetLight);
    }
    expect(referencesOf((await list(voirie, { q: 'lampadaires éteints' })).tickets)).toEqual([references.streetLight]);
    expect(referencesOf((await list(voirie, { q: 'Claire Martin' })).tickets)).toEqual([references.streetLight]);
    expect(referencesOf((await list(supervisor, { q: claire.email, sort: 'recent' })).tickets).sort()).toEqual(
      [references.birthCertificate, references.streetLight].sort(),
    );
    const refused = await request(application.url)
      .get('/api/tickets')
      .query({ queue: 'voirie', q: 'lampadaire' })
      .set(as(etatCivil))
      .expect(403);
    expect(refused.body.error).toBe('Vous ne servez pas cette file.');
  });

  it('keeps no personal data in clear in the word index: only keyed hashes, the same for the same word', async () => {
    const client = await MongoClient.connect(databaseUri);
    try {
      const raw = await client.db().collection('requests').find({}).toArray();
      expect(raw).toHaveLength(4);
      const clearWords = [
        'claire',
        'clair',
        'martin',
        'dupont',
        'lampadaire',
        'lampadair',
        'lilas',
        'naissance',
        'naissanc',
        'mariage',
        'mariag',
        'maternite',
        'naturalisation',
        '1985',
      ];
      for (const document of raw) {
        const tokens = document.searchTokens as string[];
        expect(tokens.length).toBeGreaterThan(5);
        for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
        const json = JSON.stringify(document).toLowerCase();
        expect(clearWords.filter((word) => json.includes(`"${word}`))).toEqual([]);
        expect(json).not.toContain('claire.martin');
      }
      // What the index reveals (SECURITY.md): the same word gives the same token across requests.
      const [first, second] = ['birthCertificate', 'streetLight'].map(
        (name) => raw.find((document) => document.reference === references[name])!.searchTokens as string[],
      );
      expect(first!.filter((token) => second!.includes(token)).length).toBeGreaterThanOrEqual(2);
    } finally {
      await client.close();
    }
  });

  it('has the indexes the list’s queries are served by (the emulator cannot explain a plan; real MongoDB can)', async () => {
    const client = await MongoClient.connect(databaseUri);
    try {
      const keysOf = async (collection: string) =>
        (await client.db().collection(collection).indexes()).map((index) => JSON.stringify(index.key));
      expect(await keysOf('requests')).toEqual(
        expect.arrayContaining(['{"searchTokens":1}', '{"requesterEmailHash":1}', '{"requesterPhoneHash":1}']),
      );
      expect(await keysOf('tickets')).toEqual(
        expect.arrayContaining([
          '{"commune":1,"queue":1,"status":1,"priority":1,"dueAt":1}',
          '{"assigneeId":1,"status":1}',
          '{"requestId":1,"part":1}',
          '{"reference":1}',
        ]),
      );
      expect(await keysOf('savedviews')).toEqual(expect.arrayContaining(['{"userId":1,"createdAt":1}']));
    } finally {
      await client.close();
    }
  });

  it('answers a search that is too long with a French 400', async () => {
    const { body } = await request(application.url)
      .get('/api/tickets')
      .query({ q: 'x'.repeat(201) })
      .set(as(etatCivil))
      .expect(400);
    expect(body.error).toMatch(/La recherche est trop longue/);
  });

  it('orders by urgency by default: priority first, then the nearest due date', async () => {
    const { tickets } = await list(etatCivil, { status: 'active' });
    expect(tickets.map((row) => [row.reference, row.priority])).toEqual([
      [references.prefecture, 'high'],
      [references.birthCertificate, 'normal'],
      [references.marriage, 'normal'],
    ]);
    expect(Date.parse(tickets[1]!.dueAt!)).toBeLessThan(Date.parse(tickets[2]!.dueAt!));
    expect(referencesOf((await list(etatCivil, { status: 'active', sort: 'recent' })).tickets)).toEqual([
      references.prefecture,
      references.marriage,
      references.birthCertificate,
    ]);
  });

  it('pages through the list without losing or repeating a row', async () => {
    const whole = referencesOf((await list(supervisor, { status: 'any', pageSize: 100 })).tickets);
    const paged: string[] = [];
    for (let page = 1; page <= 4; page += 1) {
      const answer = await list(supervisor, { status: 'any', pageSize: 1, page });
      expect(answer.total).toBe(4);
      paged.push(...referencesOf(answer.tickets));
    }
    expect(paged).toEqual(whole);
    expect((await list(supervisor, { status: 'any', pageSize: 3, page: 2 })).tickets).toHaveLength(1);
  });

  it('counts the ready-made views, and each user’s own saved views, within what the user may see', async () => {
    const counts = async (token: string) =>
      Object.fromEntries(
        (
          (await request(application.url).get('/api/desk-views').set(as(token)).expect(200)).body.views as Array<{
            name: string;
            count: number;
          }>
        ).map((view) => [view.name, view.count]),
      );
    expect(await counts(etatCivil)).toEqual({
      'À traiter': 3,
      'Mes demandes': 0,
      'Non attribuées': 3,
      'En retard': 1,
      'En attente du demandeur': 0,
    });

    await request(application.url)
      .post(`/api/tickets/${(await list(etatCivil, { q: references.marriage! })).tickets[0]!.id}/take`)
      .set(as(etatCivil))
      .expect(200);
    const prefectureId = (await list(etatCivil, { q: references.prefecture! })).tickets[0]!.id;
    await request(application.url).post(`/api/tickets/${prefectureId}/status`).set(as(etatCivil)).send({ status: 'pending' }).expect(200);
    expect(await counts(etatCivil)).toEqual({
      'À traiter': 3,
      'Mes demandes': 1,
      'Non attribuées': 2,
      'En retard': 1,
      'En attente du demandeur': 1,
    });
    expect(referencesOf((await list(etatCivil, { view: 'overdue' })).tickets)).toEqual([references.birthCertificate]);
    expect(referencesOf((await list(etatCivil, { view: 'mine' })).tickets)).toEqual([references.marriage]);
    expect(await counts(voirie)).toEqual({
      'À traiter': 1,
      'Mes demandes': 0,
      'Non attribuées': 1,
      'En retard': 1,
      'En attente du demandeur': 0,
    });

    const saved = await request(application.url)
      .post('/api/desk-views')
      .set(as(supervisor))
      .send({ name: 'Dossiers Martin', filter: { q: 'Claire Martin', status: 'any' } })
      .expect(201);
    expect(saved.body.view).toMatchObject({ name: 'Dossiers Martin', count: 2, saved: true });
    expect(await counts(supervisor)).toMatchObject({ 'Dossiers Martin': 2 });
    expect(await counts(etatCivil)).not.toHaveProperty('Dossiers Martin');
    await request(application.url).delete(`/api/desk-views/${saved.body.view.id}`).set(as(etatCivil)).expect(404);
    const refused = await request(application.url)
      .post('/api/desk-views')
      .set(as(etatCivil))
      .send({ name: 'Voirie', filter: { queue: 'voirie' } })
      .expect(403);
    expect(refused.body.error).toBe('Vous ne servez pas cette file.');
    const unnamed = await request(application.url).post('/api/desk-views').set(as(etatCivil)).send({ name: ' ', filter: {} }).expect(400);
    expect(unnamed.body.error).toMatch(/Donnez un nom à la vue/);

    const client = await MongoClient.connect(databaseUri);
    try {
      const raw = JSON.stringify(await client.db().collection('savedviews').find({}).toArray());
      expect(raw).not.toContain('Martin');
      expect(raw).toContain('enc:v1:');
    } finally {
      await client.close();
    }
    await request(application.url).delete(`/api/desk-views/${saved.body.view.id}`).set(as(supervisor)).expect(204);
    expect(await counts(supervisor)).not.toHaveProperty('Dossiers Martin');
  });
});
