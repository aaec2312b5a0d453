/**
 * Moves a single-mairie database to communes: its commune is created from the configuration, and every request,
 * ticket, message, correction, webhook delivery and account written before communes is given to it. Run it once,
 * with the variables the service will start with (the service runs the same step at start-up, so nothing is ever
 * hidden, but this command reports what it did and can be run first, dry).
 *
 *   MONGODB_URI=… COMMUNE_INSEE=67348 COMMUNE_NAME=Obernai COMMUNE_HOLIDAY_CALENDAR=alsace-moselle \
 *     npm run communes:migrate -- --dry-run     counts what would be assigned
 *   MONGODB_URI=… COMMUNE_INSEE=67348 COMMUNE_NAME=Obernai npm run communes:migrate
 */
import { parseArgs } from 'node:util';

import { recordAuditEvent } from '../../models/audit/audit-event-repository';
import { assignUnassignedToCommune } from '../../models/communes/assign-commune';
import { countCommunes, findCommune } from '../../models/communes/commune-repository';
import { RequestModel } from '../../models/request/request-model';
import { ensureDefaultCommune } from '../communes/default-commune';
import { connectCommandDatabase, runCommand } from './command-database';

runCommand(async () => {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } });
  const dryRun = values['dry-run']!;
  const database = await connectCommandDatabase();
  try {
    const { config } = database;
    const existing = await findCommune(config.communeInsee);
    if (!existing && (await countCommunes()) > 0)
      throw new Error(`COMMUNE_INSEE ${config.communeInsee} names no commune of this database, which has communes already`);
    if (!dryRun) {
      // The per-commune Message-ID index first: the one it replaces is dropped by the assignment.
      await RequestModel.createIndexes();
      await ensureDefaultCommune(config);
    }
    const { assigned: counts, singleCommuneIndexDropped } = await assignUnassignedToCommune(config.communeInsee, { dryRun });
    if (!dryRun)
      await recordAuditEvent({
        action: 'communes.migrated',
        objectType: 'Commune',
        objectId: config.communeInsee,
        commune: config.communeInsee,
        details: counts,
      });
    const commune = existing
      ? `${existing.name} (${existing.insee}), already there`
      : `${config.communeName} (${config.communeInsee}), ${dryRun ? 'to be created' : 'created'}`;
    process.stdout.write(`commune: ${commune}\n`);
    console.table(
      Object.entries(counts).map(([collection, documents]) => ({ collection, [dryRun ? 'would be assigned' : 'assigned']: documents })),
    );
    if (!dryRun && !singleCommuneIndexDropped) {
      process.stdout.write(
        'warning: this database cannot drop the index messageId_1 (an emulator?): a Message-ID stays unique across communes\n',
      );
    }
  } finally {
    await database.close();
  }
});
