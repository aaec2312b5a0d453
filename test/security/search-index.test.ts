import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { Types } from 'mongoose';
import request from 'supertest';

import { installModelCipher, modelCipher } from '../../models/encryption/model-cipher';
import { RequestModel } from '../../models/request/request-model';
import { findRequestIdsMatching, indexRequestsWithoutSearchTokens } from '../../models/request/request-search-repository';
import type { RunningApplication } from '../../server/application';
import { anonymiseRequestData } from '../../server/privacy/personal-data-eraser';
import { fieldCipherFromConfig } from '../../server/security/field-cipher-from-config';
import { reencryptDatabase } from '../../server/security/reencrypt-database';
import { startTestApplication, testConfig } from '../support/test-application';

const found = async (words: string) => ((await findRequestIdsMatching({ words })) ?? []).map(String);

describe('the keyed word index of requests follows them: built for old ones, erased with them, rotated with the key', () => {
  let application: RunningApplication;
  let databaseUri: string;
  let raw: MongoClient;
  let requestId: string;
  let legacyId: string;

  beforeAll(async () => {
    ({ application, databaseUri } = await startTestApplication());
    raw = await MongoClient.connect(databaseUri);
    requestId = (
      await request(application.url)
        .post('/api/requests')
        .send({
          text: 'Le lampadaire de la rue des Capucines clignote toute la nuit.',
          requester: { name: 'Hortense Vallier', email: 'hortense@example.org' },
        })
        .expect(201)
    ).body.id;
    await application.worker.idle();
  });
  afterAll(async () => {
    await raw.close();
    await application.stop();
  });

  it('indexes a new request by the words of its message and its requester’s name', async () => {
    expect(await found('capucines')).toEqual([requestId]);
    expect(await found('Vallier lampadaires')).toEqual([requestId]);
    expect(await found('Vallier cimetière')).toEqual([]);
  });

  it('builds the index of requests stored before it existed when the service starts, once', async () => {
    legacyId = (
      await raw
        .db()
        .collection('requests')
        .insertOne({
          channel: 'form',
          subject: 'Concession',
          text: 'Demande de concession au cimetière enregistrée avant l’index.',
          requester: { name: 'Ancien Format' },
          references: [],
          attachments: [],
          receivedAt: new Date(),
          status: 'processed',
          processingAttempts: 1,
        })
    ).insertedId.toString();
    expect(await found('cimetière')).toEqual([]);
    await application.stop();
    ({ application } = await startTestApplication({}, databaseUri));
    expect(await found('cimetière concession')).toEqual([legacyId]);
    expect(await indexRequestsWithoutSearchTokens()).toBe(0);
  });

  it('refuses an update query on an indexed field, which could not recompute the index', async () => {
    await expect(RequestModel.updateOne({ _id: requestId }, { $set: { text: 'autre chose' } })).rejects.toThrow(/search-indexed/);
    await expect(RequestModel.updateOne({ _id: requestId }, { $unset: { requester: 1 } })).rejects.toThrow(/search-indexed/);
    expect(await found('capucines')).toEqual([requestId]);
  });

  it('forgets the words of an erased request', async () => {
    await anonymiseRequestData(new Types.ObjectId(legacyId));
    expect(await found('cimetière')).toEqual([]);
    expect(await found('Ancien')).toEqual([]);
  });

  it('recomputes the index when the lookup key is rotated, so that searches keep working with the new key', async () => {
    const before = (await raw
      .db()
      .collection('requests')
      .findOne({ _id: new Types.ObjectId(requestId) }))!.searchTokens as string[];
    const rotated = fieldCipherFromConfig(testConfig({ lookupHashKey: randomBytes(32) }));
    await reencryptDatabase(rotated);
    const after = (await raw
      .db()
      .collection('requests')
      .findOne({ _id: new Types.ObjectId(requestId) }))!.searchTokens as string[];
    expect(after).toHaveLength(before.length);
    expect(after.filter((token) => before.includes(token))).toEqual([]);
    const previous = modelCipher();
    installModelCipher(rotated);
    try {
      expect(await found('capucines')).toEqual([requestId]);
    } finally {
      installModelCipher(previous);
    }
  });
});
