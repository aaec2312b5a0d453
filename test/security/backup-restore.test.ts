import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BSON, MongoClient } from 'mongodb';
import mongoose from 'mongoose';
import request from 'supertest';

import { auditEventsInChainOrder } from '../../models/audit/audit-event-repository';
import { storeAttachment } from '../../models/request/attachment-store';
import { TicketModel } from '../../models/ticket/ticket-model';
import { backupDatabase, collectionsToBackUp, restoreDatabase } from '../../server/cli/database-backup';
import { verifyAuditChain } from '../../server/security/verify-audit-chain';
import { freshDatabaseUri, signedInToken, startTestApplication } from '../support/test-application';

async function snapshot(databaseUri: string, collections: readonly string[]): Promise<Record<string, string[]>> {
  const client = await MongoClient.connect(databaseUri);
  try {
    const entries = await Promise.all(
      collections.map(
        async (name) =>
          [
            name,
            (await client.db().collection(name).find({}).sort({ _id: 1 }).toArray()).map((document) =>
              BSON.EJSON.stringify(document, { relaxed: false }),
            ),
          ] as const,
      ),
    );
    return Object.fromEntries(entries);
  } finally {
    await client.close();
  }
}

describe('database backup and restore round-trip', () => {
  let directory: string;
  let collections: string[];
  let sourceUri: string;
  let ticketId: string;

  beforeAll(async () => {
    const { application, databaseUri } = await startTestApplication();
    sourceUri = databaseUri;
    const supervisor = await signedInToken(application, 'supervisor');
    for (const text of [
      'Le feu tricolore du boulevard Jaurès reste bloqué au rouge.',
      'Je voudrais inscrire ma fille Jade à la crèche des Lilas.',
    ]) {
      await request(application.url)
        .post('/api/requests')
        .send({ text, requester: { name: 'Élise Caron', email: 'elise.caron@example.org' } })
        .expect(201);
    }
    await application.worker.idle();
    ticketId = (await TicketModel.findOne({}))!.id;
    await request(application.url).get(`/api/tickets/${ticketId}`).set('Authorization', `Bearer ${supervisor}`).expect(200);
    await storeAttachment('backup-file', Buffer.alloc(300_000, 7), { contentType: 'application/octet-stream' });
    directory = await mkdtemp(path.join(tmpdir(), 'aiguillage-backup-'));
    collections = await collectionsToBackUp(
      mongoose.connection.db!,
      Object.values(mongoose.models).map((model) => model.collection.collectionName),
    );
    await backupDatabase(mongoose.connection.db!, directory, collections);
    await application.stop();
  });

  it('restores every document, identical, into an empty database that the application then serves', async () => {
    const targetUri = freshDatabaseUri();
    const client = await MongoClient.connect(targetUri);
    const manifest = await restoreDatabase(client.db(), directory, { replace: false });
    await client.close();
    expect(manifest.collections.find((entry) => entry.name === 'requests')?.documents).toBe(2);
    expect(manifest.collections.find((entry) => entry.name === 'attachments.chunks')?.documents).toBeGreaterThan(1);
    expect(await snapshot(targetUri, collections)).toEqual(await snapshot(sourceUri, collections));

    const { application } = await startTestApplication({}, targetUri);
    try {
      const supervisor = await signedInToken(application, 'supervisor');
      const ticket = await request(application.url)
        .get(`/api/tickets/${ticketId}`)
        .set('Authorization', `Bearer ${supervisor}`)
        .expect(200);
      expect(ticket.body.ticket.request.requester.name).toBe('Élise Caron');
      expect(await verifyAuditChain(auditEventsInChainOrder())).toMatchObject({ intact: true });
    } finally {
      await application.stop();
    }
  });

  it('refuses to restore over data unless asked to replace it', async () => {
    const client = await MongoClient.connect(sourceUri);
    try {
      await expect(restoreDatabase(client.db(), directory, { replace: false })).rejects.toThrow(/is not empty/);
      await client.db().collection('requests').insertOne({ stray: true });
      await restoreDatabase(client.db(), directory, { replace: true });
      expect(await client.db().collection('requests').countDocuments({ stray: true })).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('detects a damaged or altered backup file before writing anything', async () => {
    const file = path.join(directory, 'requests.ejson.gz');
    const lines = gunzipSync(await readFile(file))
      .toString()
      .split('\n');
    await writeFile(file, gzipSync(lines.slice(1).join('\n')));
    const client = await MongoClient.connect(freshDatabaseUri());
    try {
      await expect(restoreDatabase(client.db(), directory, { replace: false })).rejects.toThrow(/does not match its manifest/);
      expect(await client.db().collection('auditevents').countDocuments()).toBe(0);
    } finally {
      await client.close();
    }
  });
});
