/**
 * Another process writing to the audit trail, for the tests: connects to MONGODB_URI, appends COUNT events (its
 * own chain), anchors the other chains' heads, prints its chain id and exits.
 */
import mongoose from 'mongoose';

import { ownAuditChainId } from '../../models/audit/audit-event-model';
import { anchorAuditChains, recordAuditEvent } from '../../models/audit/audit-event-repository';

async function main(): Promise<void> {
  await mongoose.connect(process.env.MONGODB_URI!, { autoCreate: false, autoIndex: false });
  const count = Number(process.env.COUNT ?? '10');
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      recordAuditEvent({ action: 'test.other-process', objectType: 'Test', objectId: String(index), details: { index } }),
    ),
  );
  await anchorAuditChains();
  process.stdout.write(`${ownAuditChainId()}\n`);
  await mongoose.disconnect();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
