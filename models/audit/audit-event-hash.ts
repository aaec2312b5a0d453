import { createHash } from 'node:crypto';

export const genesisHash = '0'.repeat(64);

/** Plain JSON with sorted keys: dates as ISO strings, ids as hex, undefined dropped, so that a hash is reproducible. */
export function canonicalJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && typeof (value as { toHexString?: unknown }).toHexString === 'function') {
    return (value as { toHexString(): string }).toHexString();
  }
  if (Array.isArray(value)) return value.map((item) => canonicalJson(item));
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .sort()
        .map((key) => [key, canonicalJson((value as Record<string, unknown>)[key])]),
    );
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

export interface ChainedFields {
  /** The chain the event belongs to (one per writing process); absent on events from before there were several. */
  chain?: string | null;
  sequence: number;
  at: Date;
  actorId?: unknown;
  actorRole?: string | null;
  action: string;
  objectType: string;
  objectId: string;
  commune?: string | null;
  details?: unknown;
  prevHash: string;
}

/**
 * SHA-256 over the canonical JSON of everything an event says, including the previous event's hash. The commune
 * counts only when there is one, so that events written before communes keep their hash.
 */
export function auditEventHash(event: ChainedFields): string {
  const content = canonicalJson({
    // Only when there is one, so that events from the single chain of earlier versions keep their hash.
    ...(event.chain ? { chain: event.chain } : {}),
    sequence: event.sequence,
    at: event.at,
    actorId: event.actorId ?? null,
    actorRole: event.actorRole ?? null,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId,
    ...(event.commune ? { commune: event.commune } : {}),
    details: event.details ?? null,
    prevHash: event.prevHash,
  });
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}
