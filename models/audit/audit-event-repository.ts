import type { Types } from 'mongoose';
import { AuditEventModel, type AuditEventRecord } from './audit-event-model';
import type { UserRole } from '../accounts/user-model';

export interface AuditActor {
  _id: Types.ObjectId;
  role: UserRole;
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
  const document = {
    at: event.at ?? new Date(),
    actorId: event.actor?._id,
    actorRole: event.actor?.role,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId,
    ...(event.commune ? { commune: event.commune } : {}),
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

export type StoredAuditEvent = AuditEventRecord & { _id: Types.ObjectId };

/** The whole chain in order, read in batches so that verifying millions of events stays within memory. */
export async function* auditEventsInChainOrder(batchSize = 1000): AsyncGenerator<StoredAuditEvent> {
  let after = 0;
  for (;;) {
    const batch = await AuditEventModel.find({ sequence: { $gt: after } }).sort({ sequence: 1 }).limit(batchSize).lean<StoredAuditEvent[]>();
    yield* batch;
    if (batch.length < batchSize) return;
    after = batch.at(-1)!.sequence!;
  }
}

/** Events written around the model (directly into the collection): none should exist. */
export async function countUnchainedAuditEvents(): Promise<number> {
  return AuditEventModel.countDocuments({ $or: [{ sequence: { $exists: false } }, { sequence: null }] });
}

/**
 * Events about these communes, and with `serviceWide` those about no commune (the whole service's settings, and
 * events from before communes, which were the default commune's).
 */
export async function listAuditEvents(filter: {
  communes: readonly string[];
  serviceWide: boolean;
  objectType?: string;
  objectId?: string;
  actorId?: Types.ObjectId;
  action?: string;
  page: number;
  pageSize: number;
}) {
  const query = {
    $or: [{ commune: { $in: filter.communes } }, ...(filter.serviceWide ? [{ commune: null }] : [])],
    ...(filter.objectType ? { objectType: filter.objectType } : {}),
    ...(filter.objectId ? { objectId: filter.objectId } : {}),
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.action ? { action: filter.action } : {}),
  };
  const [events, total] = await Promise.all([
    AuditEventModel.find(query).sort({ sequence: -1, _id: -1 }).skip((filter.page - 1) * filter.pageSize).limit(filter.pageSize).lean<StoredAuditEvent[]>(),
    AuditEventModel.countDocuments(query),
  ]);
  return { events, total };
}
