/**
 * Re-encrypts every personal field and attachment with the active key, and recomputes the lookup hashes.
 *
 *   1. add the new key:   ENCRYPTION_KEYS="k1:…,k2:…" ENCRYPTION_ACTIVE_KEY_ID=k2 (restart the application)
 *   2. re-encrypt:        MONGODB_URI=… ENCRYPTION_KEYS=… ENCRYPTION_ACTIVE_KEY_ID=k2 npm run keys:rotate
 *   3. once it reports nothing skipped, remove k1 from ENCRYPTION_KEYS (and from the backups' key escrow later).
 *
 * Safe while the application runs; batches of --batch documents (default 500).
 */
import { parseArgs } from 'node:util';

// Loads every model (through the composition root's imports), so that no encrypted collection is forgotten.
import '../application';

import { recordAuditEvent } from '../../models/audit/audit-event-repository';
import { modelCipher } from '../../models/encryption/model-cipher';
import { reencryptAttachments } from '../security/reencrypt-attachments';
import { reencryptDatabase } from '../security/reencrypt-database';
import { connectCommandDatabase, runCommand } from './command-database';

runCommand(async () => {
  const { values } = parseArgs({ options: { batch: { type: 'string', default: '500' } } });
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch must be a positive integer');
  const database = await connectCommandDatabase();
  try {
    const cipher = modelCipher();
    process.stdout.write(`re-encrypting with key "${cipher.activeKeyId}"\n`);
    const counts = await reencryptDatabase(cipher, batchSize, (count) =>
      process.stdout.write(
        `  ${count.collection}: ${count.examined} examined, ${count.reencrypted} re-encrypted, ${count.skipped} skipped\n`,
      ),
    );
    const attachments = await reencryptAttachments(cipher);
    console.table([...counts, { collection: 'attachments (files)', ...attachments, skipped: 0 }]);
    await recordAuditEvent({
      action: 'security.keys-rotated',
      objectType: 'EncryptionKey',
      objectId: cipher.activeKeyId,
      details: { collections: counts, attachments },
    });
    const skipped = counts.reduce((total, count) => total + count.skipped, 0);
    if (skipped > 0) process.stdout.write(`${skipped} documents changed while being re-encrypted: run the command again\n`);
    return skipped > 0 ? 2 : 0;
  } finally {
    await database.close();
  }
});
