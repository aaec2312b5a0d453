import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import request from 'supertest';

import { UserModel } from '../../models/accounts/user-model';
import { findUserByEmail, setPendingTotpSecret } from '../../models/accounts/user-repository';
import { keyIdOf, keyIdOfBuffer } from '../../models/encryption/field-cipher';
import { installModelCipher } from '../../models/encryption/model-cipher';
import { attachmentBucket, openAttachment, storeAttachment } from '../../models/request/attachment-store';
import { RequestModel } from '../../models/request/request-model';
import { findRequestsOfRequester } from '../../models/request/request-repository';
import type { RunningApplication } from '../../server/application';
import { loadConfig } from '../../server/config';
import { fieldCipherFromConfig } from '../../server/security/field-cipher-from-config';
import { createTestUser, startTestApplication } from '../support/test-application';

const run = promisify(execFile);
const key = () => randomBytes(32).toString('base64');

async function readAll(storageId: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of openAttachment(storageId)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('key rotation re-encrypts everything with the new key, after which the old key can go', () => {
  const [k1, k2, lookup1, lookup2] = [key(), key(), key(), key()];
  let application: RunningApplication;
  let databaseUri: string;
  let raw: MongoClient;
  let requestId: string;
  let legacyId: string;

  beforeAll(async () => {
    const before = loadConfig({ ENCRYPTION_KEYS: `k1:${k1}`, LOOKUP_HASH_KEY: lookup1 });
    ({ application, databaseUri } = await startTestApplication({
      encryptionKeys: before.encryptionKeys,
      lookupHashKey: before.lookupHashKey,
    }));
    raw = await MongoClient.connect(databaseUri);
    requestId = (
      await request(application.url)
        .post('/api/requests')
        .send({
          text: 'Je souhaite une concession de 30 ans au cimetière pour mon père, Albert Keller.',
          requester: { name: 'Claire Keller', email: 'claire.keller@example.org', phone: '07 01 02 03 04' },
        })
        .expect(201)
    ).body.id;
    await application.worker.idle();
    await storeAttachment('rotation-file', Buffer.from('acte de décès d’Albert Keller'), { contentType: 'text/plain' });
    const supervisor = await createTestUser('supervisor');
    await setPendingTotpSecret((await findUserByEmail(supervisor.email))!._id, 'JBSWY3DPEHPK3PXP');
    legacyId = (
      await raw
        .db()
        .collection('requests')
        .insertOne({
          channel: 'form',
          subject: '',
          text: 'Demande enregistrée avant le chiffrement.',
          requester: { name: 'Ancien Format' },
          references: [],
          attachments: [],
          receivedAt: new Date(),
          status: 'processed',
          processingAttempts: 1,
        })
    ).insertedId.toString();
  });
  afterAll(async () => {
    await raw.close();
    await application.stop();
  });

  it('leaves every value and file under the new key, and lookups working with the new hash key', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/cli/rotate-keys-cli.ts', '--batch', '2'], {
      env: {
        ...process.env,
        MONGODB_URI: databaseUri,
        ENCRYPTION_KEYS: `k1:${k1},k2:${k2}`,
        ENCRYPTION_ACTIVE_KEY_ID: 'k2',
        LOOKUP_HASH_KEY: lookup2,
      },
    });
    expect(stdout).toMatch(/re-encrypting with key "k2"/);

    const requests = await raw.db().collection('requests').find({}).toArray();
    const tickets = await raw.db().collection('tickets').find({}).toArray();
    const users = await raw
      .db()
      .collection('users')
      .find({ totpSecret: { $exists: true } })
      .toArray();
    const values = [
      ...requests.flatMap((document) => [
        document.subject,
        document.text,
        document.requester?.name,
        document.requester?.email,
        document.requester?.phone,
      ]),
      ...tickets.flatMap((document) => document.entities.flatMap((entity: { value: string; text: string }) => [entity.value, entity.text])),
      ...users.map((document) => document.totpSecret),
    ].filter((value): value is string => typeof value === 'string' && value !== '');
    expect(values.length).toBeGreaterThan(8);
    expect([...new Set(values.map((value) => keyIdOf(value)))]).toEqual(['k2']);
    const stored = await attachmentBucket()
      .openDownloadStream('rotation-file' as never)
      .toArray();
    expect(keyIdOfBuffer(Buffer.concat(stored as Buffer[]))).toBe('k2');
    expect(
      await attachmentBucket()
        .find({ _id: 'rotation-file.rotating' as never })
        .toArray(),
    ).toEqual([]);

    installModelCipher(fieldCipherFromConfig(loadConfig({ ENCRYPTION_KEYS: `k2:${k2}`, LOOKUP_HASH_KEY: lookup2 })));
    expect((await RequestModel.findById(requestId))!.requester).toMatchObject({
      name: 'Claire Keller',
      email: 'claire.keller@example.org',
    });
    expect((await RequestModel.findById(legacyId))!.text).toBe('Demande enregistrée avant le chiffrement.');
    expect((await findRequestsOfRequester({ phone: '0701020304' }, ['00000'])).map((found) => found.id)).toEqual([requestId]);
    expect((await readAll('rotation-file')).toString()).toBe('acte de décès d’Albert Keller');
    expect((await UserModel.findOne({ totpSecret: { $exists: true } }))!.totpSecret).toBe('JBSWY3DPEHPK3PXP');
  });
});
