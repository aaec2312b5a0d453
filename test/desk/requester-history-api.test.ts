import request from 'supertest';

import type { RunningApplication } from '../../server/application';
import { signedInToken, startTestApplication } from '../support/test-application';

interface Row {
  id: string;
  reference: string;
  queue: string;
  status: string;
  requester: string | null;
}
interface History {
  tickets: Row[];
  total: number;
  likelyDuplicates: Array<{ id: string; similarity: number; sameIntent: boolean }>;
}

const claire = { name: 'Claire Martin', email: 'claire.martin@example.org', phone: '06 12 34 56 78' };
const forms = {
  first: {
    subject: 'Acte de naissance',
    text: 'Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance, je suis née en 1985.',
    requester: claire,
  },
  again: {
    subject: 'Relance : acte de naissance',
    text: 'Bonjour, je vous relance pour ma demande de copie intégrale de mon acte de naissance envoyée la semaine dernière.',
    requester: { name: 'C. Martin', email: 'Claire.Martin@Example.org' },
  },
  byPhone: {
    subject: 'Livret de famille',
    text: 'Bonjour, j’ai perdu mon livret de famille, comment en obtenir un duplicata ?',
    requester: { name: 'Claire M.', phone: '+33 6 12 34 56 78' },
  },
  streetLight: {
    subject: 'Lampadaire',
    text: 'Le lampadaire devant chez moi, rue des Lilas, est éteint depuis trois jours.',
    requester: claire,
  },
  someoneElse: {
    subject: 'Acte de naissance',
    text: 'Bonjour, je souhaite une copie intégrale de mon acte de naissance.',
    requester: { name: 'Jean Dupont', email: 'jean.dupont@example.org' },
  },
  anonymous: { text: 'Bonjour, je voudrais une copie intégrale de mon acte de naissance.', requester: { name: 'Sans adresse' } },
};

describe('the citizen’s history beside a ticket, and the likely duplicates offered for merging', () => {
  let application: RunningApplication;
  let etatCivil: string;
  let voirie: string;
  let supervisor: string;
  const tickets: Record<string, { id: string; reference: string }> = {};
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const history = async (token: string, name: string): Promise<History> =>
    (await request(application.url).get(`/api/tickets/${tickets[name]!.id}/requester-history`).set(as(token)).expect(200)).body;
  const namesOf = (rows: Row[]) => rows.map((row) => Object.keys(tickets).find((name) => tickets[name]!.id === row.id));

  beforeAll(async () => {
    ({ application } = await startTestApplication());
    [etatCivil, voirie, supervisor] = await Promise.all([
      signedInToken(application, 'agent', ['etat-civil']),
      signedInToken(application, 'agent', ['voirie']),
      signedInToken(application, 'supervisor'),
    ]);
    for (const [name, form] of Object.entries(forms)) {
      await request(application.url).post('/api/requests').send(form).expect(201);
      await application.worker.idle();
      const { body } = await request(application.url)
        .get('/api/tickets')
        .query({ q: form.text.split(' ').slice(-3).join(' '), sort: 'recent' })
        .set(as(supervisor))
        .expect(200);
      const row = (body.tickets as Row[]).find((candidate) => !Object.values(tickets).some((known) => known.id === candidate.id))!;
      tickets[name] = { id: row.id, reference: row.reference };
    }
  }, 120_000);
  afterAll(async () => application.stop());

  it('lists the same citizen’s other requests by the hash of their e-mail or phone, only in the queues the agent serves', async () => {
    const seen = await history(etatCivil, 'first');
    expect(namesOf(seen.tickets).sort()).toEqual(['again', 'byPhone']);
    expect(seen.tickets.find((row) => row.id === tickets.again!.id)).toMatchObject({ requester: 'C. Martin', queue: 'etat-civil' });
    expect(namesOf((await history(supervisor, 'first')).tickets).sort()).toEqual(['again', 'byPhone', 'streetLight']);
    expect(namesOf((await history(voirie, 'streetLight')).tickets)).toEqual([]);
    await request(application.url).get(`/api/tickets/${tickets.first!.id}/requester-history`).set(as(voirie)).expect(404);
    expect(await history(etatCivil, 'anonymous')).toEqual({ tickets: [], total: 0, likelyDuplicates: [] });
  });

  it('suggests the open request about the same matter as a merge target, and merges into it through the ticket workflow', async () => {
    const seen = await history(etatCivil, 'again');
    expect(seen.likelyDuplicates.map((candidate) => candidate.id)).toEqual([tickets.first!.id]);
    expect(seen.likelyDuplicates[0]).toMatchObject({ sameIntent: true });
    expect((await history(supervisor, 'first')).likelyDuplicates.map((candidate) => candidate.id)).toEqual([tickets.again!.id]);

    await request(application.url)
      .post(`/api/tickets/${tickets.again!.id}/merge`)
      .set(as(etatCivil))
      .send({ into: tickets.first!.reference })
      .expect(200);
    const after = await history(etatCivil, 'first');
    expect(after.likelyDuplicates).toEqual([]);
    expect(after.tickets.find((row) => row.id === tickets.again!.id)).toMatchObject({ status: 'closed' });
  });
});
