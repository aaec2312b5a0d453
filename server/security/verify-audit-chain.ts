import { createHash } from 'node:crypto';

import { auditEventHash, genesisHash } from '../../models/audit/audit-event-hash';
import type { AnchoredHead, StoredAuditEvent } from '../../models/audit/audit-event-repository';

export type ChainVerdict =
  | { intact: true; events: number; chains: number; headHash: string }
  | { intact: false; events: number; firstBroken: { chain: string | null; sequence: number | null; id: string; reason: string } };

/**
 * Walks every chain from its first event (`events` in chain order, chain after chain): sequences must follow each
 * other from 1, each event must name the hash of the one before, and its own hash must match its content. Where
 * another chain anchored one of its events, that event must be there with that hash: events removed from the end of
 * a chain contradict a later anchor. The first link that fails is reported. The head hash (over every chain's
 * head), written down elsewhere from time to time, also reveals events removed from the end since.
 */
export async function verifyAuditChain(
  events: AsyncIterable<StoredAuditEvent>,
  anchors: readonly AnchoredHead[] = [],
): Promise<ChainVerdict> {
  const anchored = new Map<string | null, AnchoredHead[]>();
  for (const anchor of anchors) anchored.set(anchor.chain, [...(anchored.get(anchor.chain) ?? []), anchor]);
  const heads: Array<[string | null, number, string]> = [];
  let current: { chain: string | null; last: StoredAuditEvent } | null = null;
  let expectedSequence = 1;
  let previousHash = genesisHash;
  let count = 0;
  const broken = (event: StoredAuditEvent, reason: string): ChainVerdict => ({
    intact: false,
    events: count,
    firstBroken: { chain: event.chain ?? null, sequence: event.sequence ?? null, id: event._id.toString(), reason },
  });
  /** A chain ends: anchors must not name events past its last one. */
  const endOfChain = (): ChainVerdict | null => {
    if (!current) return null;
    const { chain, last } = current;
    const beyond = (anchored.get(chain) ?? []).find((anchor) => anchor.sequence > last.sequence!);
    if (beyond)
      return broken(
        last,
        `events were removed from the end of its chain: event #${beyond.sequence} was anchored by event #${beyond.by.sequence} of chain ${beyond.by.chain ?? '(first)'}`,
      );
    heads.push([chain, last.sequence!, last.hash!]);
    return null;
  };

  for await (const event of events) {
    const chain = event.chain ?? null;
    if (!current || current.chain !== chain) {
      const ended = endOfChain();
      if (ended) return ended;
      expectedSequence = 1;
      previousHash = genesisHash;
    }
    if (event.sequence !== expectedSequence)
      return broken(event, `expected event #${expectedSequence} here, found #${event.sequence} (an event was removed or inserted)`);
    if (event.prevHash !== previousHash)
      return broken(event, `does not link to event #${expectedSequence - 1} (that event or this link was altered)`);
    const recomputed = auditEventHash({ ...event, sequence: event.sequence, prevHash: event.prevHash });
    if (recomputed !== event.hash) return broken(event, 'its content no longer matches its hash (the event was altered)');
    const contradicted = (anchored.get(chain) ?? []).find((anchor) => anchor.sequence === event.sequence && anchor.hash !== event.hash);
    if (contradicted)
      return broken(
        event,
        `differs from the hash event #${contradicted.by.sequence} of chain ${contradicted.by.chain ?? '(first)'} anchored (the chain was rewritten)`,
      );
    previousHash = event.hash;
    expectedSequence += 1;
    count += 1;
    current = { chain, last: event };
  }
  const ended = endOfChain();
  if (ended) return ended;
  for (const [chain, chainAnchors] of anchored) {
    if (!heads.some(([walked]) => walked === chain)) {
      const anchor = chainAnchors[0];
      return {
        intact: false,
        events: count,
        firstBroken: {
          chain,
          sequence: anchor.sequence,
          id: '',
          reason: `the whole chain is missing: event #${anchor.by.sequence} of chain ${anchor.by.chain ?? '(first)'} anchored its event #${anchor.sequence}`,
        },
      };
    }
  }
  const headHash = createHash('sha256').update(JSON.stringify(heads)).digest('hex');
  return { intact: true, events: count, chains: heads.length, headHash };
}
