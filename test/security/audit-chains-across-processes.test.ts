import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import mongoose from 'mongoose';

import { AuditEventModel } from '../../models/audit/audit-event-model';
import {
  anchorAuditChains,
  auditChainAnchors,
  auditEventsInChainOrder,
  dropSingleChainIndex,
  recordAuditEvent,
} from '../../models/audit/audit-event-repository';
import { verifyAuditChain } from '../../server/security/verify-audit-chain';
import { freshDatabaseUri } from '../support/test-application';

const run = promisify(execFile);

/** Another process appending `count` events to its own chain; returns that chain's id. */
async function otherProcessWrites(databaseUri: string, count: number): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/support/append-audit-events.ts'], {
    env: { ...process.env, MONGODB_URI: databaseUri, COUNT: String(count) },
  });
  return stdout.trim();
}

const verify = async () => verifyAuditChain(auditEventsInChainOrder(7), await auditChainAnchors());

describe('the audit trail as one chain per writing process, anchoring each other', () => {
  let databaseUri: string;
  let raw: MongoClient;

  beforeAll(async () => {
    databaseUri = freshDatabaseUri();
    await mongoose.connect(databaseUri, { autoCreate: false, autoIndex: false });
    await AuditEventModel.createIndexes();
    await dropSingleChainIndex();
    raw = await MongoClient.connect(databaseUri);
  });
  afterAll(async () => {
    await raw.close();
    await mongoose.disconnect();
  });

  const events = () => raw.db().collection('auditevents');

  it('lets processes append at the same time, each to its own chain, and verifies every chain', async () => {
    const writes = Promise.all(
      Array.from({ length: 15 }, (_, index) => recordAuditEvent({ action: 'test.here', objectType: 'Test', objectId: String(index) })),
    );
    const [first, second] = await Promise.all([otherProcessWrites(databaseUri, 12), otherProcessWrites(databaseUri, 12), writes]);
    expect(first).not.toBe(second);
    expect(await anchorAuditChains()).toBe(2);

    const verdict = await verify();
    expect(verdict).toMatchObject({ intact: true, chains: 3 });
    // Each process's events are numbered from 1 in its own chain.
    for (const chain of [first, second]) {
      const sequences = (await events().find({ chain }).sort({ sequence: 1 }).toArray()).map((event) => event.sequence);
      expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, index) => index + 1));
    }
  });

  it('finds events removed from the end of one chain through the anchor another chain holds', async () => {
    const chain = await otherProcessWrites(databaseUri, 5);
    await anchorAuditChains();
    expect(await verify()).toMatchObject({ intact: true });

    // The end of a chain has no successor to break: only the anchor reveals the removal.
    const last = await events().find({ chain }).sort({ sequence: -1 }).limit(1).next();
    await events().deleteOne({ _id: last!._id });
    expect(await verify()).toMatchObject({
      intact: false,
      firstBroken: {
        chain,
        sequence: last!.sequence - 1,
        reason: expect.stringMatching(/removed from the end of its chain: event #\d+ was anchored/),
      },
    });
    await events().insertOne(last!);
    expect(await verify()).toMatchObject({ intact: true });
  });

  it('finds an anchored event rewritten with its own hash recomputed along its whole chain', async () => {
    const chain = await otherProcessWrites(databaseUri, 3);
    await anchorAuditChains();
    const { auditEventHash, genesisHash } = await import('../../models/audit/audit-event-hash');
    // A forger rewrites the whole chain consistently: every link holds, but the anchor elsewhere does not.
    let previous = genesisHash;
    for (const event of await events().find({ chain }).sort({ sequence: 1 }).toArray()) {
      const rewritten = { ...event, objectId: `forged-${event.sequence}`, prevHash: previous };
      const hash = auditEventHash(rewritten as never);
      await events().updateOne({ _id: event._id }, { $set: { objectId: rewritten.objectId, prevHash: previous, hash } });
      previous = hash;
    }
    expect(await verify()).toMatchObject({
      intact: false,
      firstBroken: { chain, reason: expect.stringMatching(/differs from the hash event #\d+ of chain \w+ anchored/) },
    });
  });
});
