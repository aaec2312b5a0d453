/**
 * Backs the database up into a directory (gzipped Extended JSON per collection, manifest with checksums).
 *
 *   MONGODB_URI=… npm run db:backup -- [--out backups/aiguillage-2026-11-25]
 *
 * Personal data stays encrypted in the backup: the encryption keys must be kept, apart, to restore it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';

// Loads every model, so that the emulator (which cannot list collections) still gets all of them backed up.
import '../application';

import { connectCommandDatabase, runCommand } from './command-database';
import { backupDatabase, collectionsToBackUp } from './database-backup';

runCommand(async () => {
  const now = new Date();
  const { values } = parseArgs({
    options: { out: { type: 'string', default: path.join('backups', `aiguillage-${now.toISOString().replace(/[:.]/g, '-')}`) } },
  });
  const database = await connectCommandDatabase();
  try {
    const db = mongoose.connection.db!;
    const collections = await collectionsToBackUp(
      db,
      Object.values(mongoose.models).map((model) => model.collection.collectionName),
    );
    const manifest = await backupDatabase(db, values.out!, collections, now);
    console.table(manifest.collections.map(({ name, documents }) => ({ collection: name, documents })));
    process.stdout.write(`backup written to ${values.out}\n`);
  } finally {
    await database.close();
  }
});
