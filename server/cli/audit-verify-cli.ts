/**
 * Checks the audit trail's hash chains (one per process that wrote, anchoring each other) and reports the first
 * broken link.
 *
 *   MONGODB_URI=mongodb://… npm run audit:verify
 *
 * Exit code 0 when the chain is intact, 1 otherwise. Write the printed head hash down somewhere else (a ticket, a
 * signed mail): comparing it later also reveals events removed from the end of the chain.
 */
import { auditChainAnchors, auditEventsInChainOrder, countUnchainedAuditEvents } from '../../models/audit/audit-event-repository';
import { verifyAuditChain } from '../security/verify-audit-chain';
import { connectCommandDatabase, runCommand } from './command-database';

runCommand(async () => {
  const database = await connectCommandDatabase();
  try {
    const verdict = await verifyAuditChain(auditEventsInChainOrder(), await auditChainAnchors());
    const unchained = await countUnchainedAuditEvents();
    if (!verdict.intact) {
      const { chain, sequence, id, reason } = verdict.firstBroken;
      process.stdout.write(
        `audit chain BROKEN after ${verdict.events} intact events: event #${sequence ?? '?'}${chain ? ` of chain ${chain}` : ''} (id ${id}): ${reason}\n`,
      );
      return 1;
    }
    if (unchained > 0) {
      process.stdout.write(`audit chain intact (${verdict.events} events) but ${unchained} events were written outside the chain\n`);
      return 1;
    }
    process.stdout.write(`audit chain intact: ${verdict.events} events in ${verdict.chains} chains, head hash ${verdict.headHash}\n`);
    return 0;
  } finally {
    await database.close();
  }
});
