import { auditEventHash, genesisHash } from '../../models/audit/audit-event-hash';
import type { StoredAuditEvent } from '../../models/audit/audit-event-repository';

export type ChainVerdict =
  | { intact: true; events: number; headHash: string }
  | { intact: false; events: number; firstBroken: { sequence: number | null; id: string; reason: string } };

/**
 * Walks the chain from the first event: sequences must follow each other from 1, each event must name the hash of
 * the one before, and its own hash must match its content. The first link that fails is reported.
 * The head hash, written down elsewhere from time to time, also reveals events removed from the end.
 */
export async function verifyAuditChain(events: AsyncIterable<StoredAuditEvent>): Promise<ChainVerdict> {
  let expectedSequence = 1;
  let previousHash = genesisHash;
  let count = 0;
  for await (const event of events) {
    const broken = (reason: string): ChainVerdict => ({
      intact: false,
      events: count,
      firstBroken: { sequence: event.sequence ?? null, id: event._id.toString(), reason },
    });
    if (event.sequence !== expectedSequence) return broken(`expected event #${expectedSequence} here, found #${event.sequence} (an event was removed or inserted)`);
    if (event.prevHash !== previousHash) return broken(`does not link to event #${expectedSequence - 1} (that event or this link was altered)`);
    const recomputed = auditEventHash({ ...event, sequence: event.sequence, prevHash: event.prevHash });
    if (recomputed !== event.hash) return broken('its content no longer matches its hash (the event was altered)');
    previousHash = event.hash;
    expectedSequence += 1;
    count += 1;
  }
  return { intact: true, events: count, headHash: previousHash };
}
