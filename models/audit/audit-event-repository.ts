import type { Types } from 'mongoose';

import type { UserRole } from '../accounts/user-model';
import { AuditEventModel, ownAuditChainId, type AuditEventRecord } from './audit-event-model';

export interface AuditActor {
  _id: Types.ObjectId;
  role: UserRole;
  /** The account's communes and EPCI: what an account of one commune does is that commune's (see communeOfEvent). */
  communes?: readonly string[] | null;
  epci?: string | null;
}

export interface NewAuditEvent {
  /** Absent for what the system does on its own (scheduled purge, key rotation run from a shell). */
  actor?: AuditActor;
  action: string;
  objectType: string;
  objectId: string;
  /** The commune whose data the event is about: the DPO of another commune does not read it. */
  commune?: string | null;
  /** Ids, counts, field names: never personal data, which must be erasable while this stays. */
  details?: Record<string, unknown>;
  at?: Date;
}

const duplicateKeyCode = 11000;

/**
 * Appends an event to the chain. Another process (a command run beside the server) may have taken the same place
 * in the chain at the same moment: the unique sequence refuses one of the two, which then links to the new head.
 */
export async function recordAuditEvent(event: NewAuditEvent, attempts = 5): Promise<void> {
  const commune = communeOfEvent(event);
  const document = {
    at: event.at ?? new Date(),
    actorId: event.actor?._id,
    actorRole: event.actor?.role,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId,
    ...(commune ? { commune } : {}),
    details: event.details,
  };
  for (let attempt = 1; ; attempt += 1) {
    try {
      await AuditEventModel.create(document);
      return;
    } catch (error) {
      if ((error as { code?: number }).code !== duplicateKeyCode || attempt >= attempts) throw error;
    }
  }
}

/**
 * The commune an event is about: the one it names, else, for what an account of a single commune does (its
 * sign-ins, its DPO's data-subject requests, its admin's changes), that commune, so that neither another commune's
 * DPO nor the one who reads the service-wide events reads it. What an EPCI's or several communes' account does, and
 * what the system does, is the service's.
 */
function communeOfEvent(event: NewAuditEvent): string | null {
  if (event.commune !== undefined) return event.commune;
  const communes = event.actor?.communes ?? [];
  return !event.actor?.epci && communes.length === 1 ? communes[0] : null;
}

export type StoredAuditEvent = AuditEventRecord & { _id: Types.ObjectId };

/**
 * Every chain in order, one after the other (the single chain of earlier versions first), each read in batches so
 * that verifying millions of events stays within memory.
 */
export async function* auditEventsInChainOrder(batchSize = 1000): AsyncGenerator<StoredAuditEvent> {
  for (const chain of [null, ...(await auditChainIds())]) {
    let after = 0;
    for (;;) {
      const batch = await AuditEventModel.find({ chain, sequence: { $gt: after } })
        .sort({ sequence: 1 })
        .limit(batchSize)
        .lean<StoredAuditEvent[]>();
      yield* batch;
      if (batch.length < batchSize) break;
      after = batch.at(-1)!.sequence!;
    }
  }
}

/** The chains written since chains became one per process (the single chain of earlier versions has no id). */
async function auditChainIds(): Promise<string[]> {
  const ids = await AuditEventModel.distinct('chain');
  return ids.filter((id): id is string => typeof id === 'string').sort();
}

/** Where one chain's event is written into another chain: that event must exist there with that hash. */
export interface AnchoredHead {
  chain: string | null;
  sequence: number;
  hash: string;
  /** The anchoring event. */
  by: { chain: string | null; sequence: number };
}

const anchorObject = { objectType: 'AuditTrail', objectId: 'chain-anchors' } as const;

/**
 * Writes into this process's chain the current head of every other chain: cross-anchoring, so that events removed
 * from the end of a chain, which its own links cannot reveal, contradict an anchor in another chain.
 */
export async function anchorAuditChains(): Promise<number> {
  const own = ownAuditChainId();
  const chains = [null, ...(await auditChainIds())].filter((chain) => chain !== own);
  const heads = [];
  for (const chain of chains) {
    const head = await AuditEventModel.findOne({ chain, sequence: { $gte: 1 } })
      .sort({ sequence: -1 })
      .lean<StoredAuditEvent>();
    if (head) heads.push({ chain, sequence: head.sequence!, hash: head.hash! });
  }
  if (heads.length === 0) return 0;
  await recordAuditEvent({ action: 'audit.chains-anchored', ...anchorObject, details: { heads } });
  return heads.length;
}

/** Every anchor written so far (few: one event per process start and per anchoring tick). */
export async function auditChainAnchors(): Promise<AnchoredHead[]> {
  const anchors = await AuditEventModel.find({ ...anchorObject, action: 'audit.chains-anchored' }).lean<StoredAuditEvent[]>();
  return anchors.flatMap((anchor) => {
    const heads = ((anchor.details as { heads?: unknown } | null)?.heads ?? []) as Array<Omit<AnchoredHead, 'by'>>;
    return heads.map((head) => ({ ...head, by: { chain: anchor.chain ?? null, sequence: anchor.sequence! } }));
  });
}

/** Earlier versions kept one chain with a unique sequence: that index would refuse a second chain's event #1. */
export async function dropSingleChainIndex(): Promise<void> {
  const indexes = await AuditEventModel.collection.indexes();
  if (indexes.some((index) => index.name === 'sequence_1')) await AuditEventModel.collection.dropIndex('sequence_1');
}

/** Events written around the model (directly into the collection): none should exist. */
export async function countUnchainedAuditEvents(): Promise<number> {
  return AuditEventModel.countDocuments({ $or: [{ sequence: { $exists: false } }, { sequence: null }] });
}

/**
 * Events about these communes, and with `serviceWide` those about no commune (the whole service's settings, and
 * events from before communes, which were the default commune's).
 */
/** The communes a DPO answers for; `serviceWide`: also what concerns the whole service (accounts, rules). */
export interface AuditScope {
  communes: readonly string[];
  serviceWide: boolean;
}

const inScope = (scope: AuditScope) => ({ $or: [{ commune: { $in: scope.communes } }, ...(scope.serviceWide ? [{ commune: null }] : [])] });

export async function listAuditEvents(
  filter: AuditScope & {
    objectType?: string;
    objectId?: string;
    actorId?: Types.ObjectId;
    action?: string;
    /** From this instant included to that one excluded. */
    from?: Date;
    to?: Date;
    page: number;
    pageSize: number;
  },
) {
  const query = {
    ...inScope(filter),
    ...(filter.from || filter.to
      ? { at: { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) } }
      : {}),
    ...(filter.objectType ? { objectType: filter.objectType } : {}),
    ...(filter.objectId ? { objectId: filter.objectId } : {}),
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.action ? { action: filter.action } : {}),
  };
  const [events, total] = await Promise.all([
    AuditEventModel.find(query)
      .sort({ at: -1, _id: -1 })
      .skip((filter.page - 1) * filter.pageSize)
      .limit(filter.pageSize)
      .lean<StoredAuditEvent[]>(),
    AuditEventModel.countDocuments(query),
  ]);
  return { events, total };
}

/** The accounts that appear in this scope's audit trail: the DPO's choice of a person to follow. */
export async function auditActorIds(scope: AuditScope): Promise<Types.ObjectId[]> {
  return (await AuditEventModel.distinct('actorId', inScope(scope))).filter((id): id is Types.ObjectId => Boolean(id));
}
