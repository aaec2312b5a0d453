/**
 * Restores a backup made by `npm run db:backup` into the database of MONGODB_URI.
 *
 *   MONGODB_URI=… npm run db:restore -- --from backups/aiguillage-2026-11-25 [--replace]
 *
 * Without --replace the target collections must be empty. Start the application afterwards: it builds its
 * indexes at start-up. Then run `npm run audit:verify` to check the restored audit trail.
 */
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';

import { connectCommandDatabase, runCommand } from './command-database';
import { restoreDatabase } from './database-backup';

runCommand(async () => {
  const { values } = parseArgs({ options: { from: { type: 'string' }, replace: { type: 'boolean', default: false } } });
  if (!values.from) throw new Error('--from must name the backup directory');
  const database = await connectCommandDatabase();
  try {
    const manifest = await restoreDatabase(mongoose.connection.db!, values.from, { replace: values.replace! });
    console.table(manifest.collections.map(({ name, documents }) => ({ collection: name, documents })));
    process.stdout.write(`restored the backup of ${manifest.createdAt}\n`);
  } finally {
    await database.close();
  }
});
