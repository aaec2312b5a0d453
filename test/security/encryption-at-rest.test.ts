import { MongoClient, ObjectId } from 'mongodb';
import mongoose from 'mongoose';
import request from 'supertest';

import { RequestModel } from '../../models/request/request-model';
import { findRequestsOfRequester } from '../../models/request/request-repository';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { signedInToken, startTestApplication } from '../support/test-application';

const personalData = {
  name: 'Gwendoline Kerbrat-Lemaître',
  email: 'gwendoline.kerbrat@example.org',
  phone: '06 12 34 56 78',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  subject: 'Dossier APL de ma fille Maëlys',
  street: '14 rue des Glycines',
  filename: 'avis-imposition-kerbrat.pdf',
};

const form = {
  subject: personalData.subject,
  text: `Bonjour, je suis ${personalData.name}, j'habite au ${personalData.street}. Merci de rembourser la cantine sur mon IBAN ${personalData.iban}. Vous pouvez me joindre au ${personalData.phone}.`,
  requester: { name: personalData.name, email: personalData.email, phone: personalData.phone },
  attachments: [{ filename: personalData.filename, contentType: 'application/pdf', size: 52_000 }],
};

async function rawDocuments(databaseUri: string): Promise<Array<{ collection: string; json: string }>> {
  const client = await MongoClient.connect(databaseUri);
  try {
    const database = client.db();
    const documents = [];
    // Every collection the application writes (the test database emulator has no listCollections).
    for (const name of new Set(Object.values(mongoose.models).map((model) => model.collection.collectionName))) {
      for (const document of await database.collection(name).find({}).toArray())
        documents.push({ collection: name, json: JSON.stringify(document) });
    }
    return documents;
  } finally {
    await client.close();
  }
}

describe('personal data is encrypted at rest and readable through the application', () => {
  let application: RunningApplication;
  let databaseUri: string;
  let requestId: string;

  beforeAll(async () => {
    ({ application, databaseUri } = await startTestApplication());
    const response = await request(application.url).post('/api/requests').send(form).expect(201);
    requestId = response.body.id;
    await application.worker.idle();
  });
  afterAll(async () => application.stop());

  it('leaves no plaintext personal data in any raw document of the database', async () => {
    const documents = await rawDocuments(databaseUri);
    expect(documents.some((document) => document.collection === 'requests')).toBe(true);
    expect(documents.some((document) => document.collection === 'tickets')).toBe(true);
    const fragments = [...Object.values(personalData), '0612345678', 'Glycines', 'Kerbrat', 'Maëlys', 'gwendoline', '30006000'];
    const leaks = documents.flatMap((document) =>
      fragments
        .filter((fragment) => document.json.toLowerCase().includes(fragment.toLowerCase()))
        .map((fragment) => `${document.collection}: ${fragment}`),
    );
    expect(leaks).toEqual([]);
  });

  it('stores each personal field as an AES-GCM ciphertext naming its key', async () => {
    const client = await MongoClient.connect(databaseUri);
    try {
      const raw = await client.db().collection('requests').findOne({});
      const ciphertext = /^enc:v1:dev:[\w-]{16}:[\w-]{22}:[\w-]+$/;
      for (const value of [
        raw!.subject,
        raw!.text,
        raw!.requester.name,
        raw!.requester.email,
        raw!.requester.phone,
        raw!.attachments[0].filename,
      ]) {
        expect(value).toMatch(ciphertext);
      }
      const ticket = await client.db().collection('tickets').findOne({});
      expect(ticket!.entities.length).toBeGreaterThan(0);
      for (const entity of ticket!.entities) {
        expect(entity.value).toMatch(ciphertext);
        expect(entity.text).toMatch(ciphertext);
      }
    } finally {
      await client.close();
    }
  });

  it('gives authorised readers the plaintext: API, hydrated and lean queries', async () => {
    const token = await signedInToken(application, 'supervisor');
    const ticket = await TicketModel.findOne({ requestId });
    const response = await request(application.url).get(`/api/tickets/${ticket!._id}`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(response.body.ticket.request).toMatchObject({ subject: form.subject, text: form.text, requester: form.requester });
    expect(response.body.ticket.request.attachments[0].filename).toBe(personalData.filename);
    expect(response.body.ticket.entities.map((entity: { type: string }) => entity.type)).toContain('iban');

    const lean = await RequestModel.findById(requestId).lean();
    expect(lean!.requester?.email).toBe(personalData.email);
    expect(lean!.attachments[0].filename).toBe(personalData.filename);
    const hydrated = await RequestModel.findById(requestId);
    expect(hydrated!.toObject().text).toBe(form.text);
  });

  it('finds a requester by e-mail or phone through the keyed hash, however they are written', async () => {
    expect(
      (await findRequestsOfRequester({ email: '  Gwendoline.KERBRAT@example.org ' }, ['00000'])).map((found) => found._id.toString()),
    ).toEqual([requestId]);
    expect((await findRequestsOfRequester({ phone: '+33 6 12 34 56 78' }, ['00000'])).map((found) => found._id.toString())).toEqual([
      requestId,
    ]);
    expect(await findRequestsOfRequester({ email: 'someone.else@example.org' }, ['00000'])).toEqual([]);
  });

  it('stores a ciphertext pasted by a citizen as mere text, never decrypting it for them', async () => {
    const stored = await RequestModel.findById(requestId);
    const imitation = `${stored!.get('text', null, { getters: false })}`;
    const response = await request(application.url)
      .post('/api/requests')
      .send({ text: imitation, requester: { name: 'Imitateur' } })
      .expect(201);
    const copy = await RequestModel.findById(response.body.id);
    expect(copy!.text).toBe(imitation);
    expect(copy!.get('text', null, { getters: false })).not.toBe(imitation);
  });

  it('refuses to return a ciphertext that was altered in the database', async () => {
    const client = await MongoClient.connect(databaseUri);
    try {
      const raw = await client
        .db()
        .collection('requests')
        .findOne({ _id: new ObjectId(requestId) });
      const position = raw!.text.length - 5;
      const altered = `${raw!.text.slice(0, position)}${raw!.text[position] === 'A' ? 'B' : 'A'}${raw!.text.slice(position + 1)}`;
      await client
        .db()
        .collection('requests')
        .updateOne({ _id: raw!._id }, { $set: { text: altered } });
    } finally {
      await client.close();
    }
    const tampered = await RequestModel.findById(requestId);
    expect(() => tampered!.text).toThrow(/cannot be decrypted/);
  });
});
