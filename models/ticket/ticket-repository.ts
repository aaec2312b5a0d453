import { Types } from 'mongoose';

import type { RequestPart } from '../../classifiers/classification';
import type { Entity } from '../../classifiers/entities/entity';
import { openStatuses } from '../../tickets/ticket-status';
import { nextSequenceValue } from './counter-model';
import { TicketEventModel } from './ticket-event-model';
import { TicketModel, type TicketDocument, type TicketRecord } from './ticket-model';

/** A part of a split request with the ticket planned for it (identifier and reference chosen before creation). */
export type PlannedPart = RequestPart & { ticketId: Types.ObjectId; reference: string };

export type NewTicket = Omit<
  TicketRecord,
  '_id' | 'reference' | 'status' | 'createdAt' | 'updatedAt' | 'entities' | 'tags' | 'part' | 'parts'
> & {
  entities: Entity[];
  tags: string[];
  /** 0 (the default) for the request's only ticket or its first part's. */
  part?: number;
  parts?: Array<RequestPart | PlannedPart>;
  /** Planned in advance for the tickets of a split request; chosen at creation otherwise. */
  _id?: Types.ObjectId;
  reference?: string;
};

const duplicateKeyCode = 11000;

/** "AIG-2026-000123": yearly sequence, so that citizens and agents can quote a short, stable reference. */
export async function nextTicketReference(receivedAt: Date): Promise<string> {
  const year = receivedAt.getUTCFullYear();
  const sequence = await nextSequenceValue(`ticket-${year}`);
  return `AIG-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * Reserves the identifiers and references of a split request's tickets, so that each ticket can name its siblings
 * from the moment it exists. A plan that loses the race to another worker's leaves a gap in the sequence, no more.
 */
export async function planPartTickets(parts: readonly RequestPart[], receivedAt: Date): Promise<PlannedPart[]> {
  const planned: PlannedPart[] = [];
  for (const part of parts) planned.push({ ...part, ticketId: new Types.ObjectId(), reference: await nextTicketReference(receivedAt) });
  return planned;
}

/** The message's requests as the classifier found them (excerpts decrypted); undefined when it held one. */
export function classifiedPartsOf(ticket: TicketDocument): RequestPart[] | undefined {
  return ticket.parts?.map(({ queue, intent, confidence, text, start, end }) => ({ queue, intent, confidence, text, start, end }));
}

/** The plan a split request's tickets hold; empty for a ticket that was not split. */
export function splitPlanOf(ticket: TicketDocument): PlannedPart[] {
  const stored = ticket.split ? (ticket.parts ?? []) : [];
  return (classifiedPartsOf(ticket) ?? []).flatMap((part, index) =>
    stored[index] ? [{ ...part, ticketId: stored[index].ticketId!, reference: stored[index].reference! }] : [],
  );
}

/** The request's ticket for `part` (0: its only ticket, or the first part's, which holds a split's plan). */
export async function findTicketOfPart(requestId: Types.ObjectId, part: number): Promise<TicketDocument | null> {
  return TicketModel.findOne({ requestId, part });
}

/** Every ticket of a request, first part first: one, or one per part of a split request. */
/** The tickets with these ids, or of these requests: what the audit trail names by their references. */
export async function findTicketsByIdsOrRequests(
  ticketIds: readonly Types.ObjectId[],
  requestIds: readonly Types.ObjectId[],
): Promise<TicketDocument[]> {
  if (ticketIds.length === 0 && requestIds.length === 0) return [];
  return TicketModel.find({ $or: [{ _id: { $in: ticketIds } }, { requestId: { $in: requestIds } }] });
}

export async function findTicketsOfRequest(requestId: Types.ObjectId): Promise<TicketDocument[]> {
  return TicketModel.find({ requestId }).sort({ part: 1 });
}

/**
 * Creates the request's ticket for a part (0 by default), or returns the one a previous (crashed or concurrent)
 * attempt already created: the unique index on (requestId, part) makes routing happen exactly once.
 */
export async function createTicketOnce(ticket: NewTicket): Promise<{ ticket: TicketDocument; created: boolean }> {
  const key = { requestId: ticket.requestId, part: ticket.part ?? 0 };
  const existing = await TicketModel.findOne(key);
  if (existing) return { ticket: existing, created: false };
  try {
    const created = await TicketModel.create({
      ...ticket,
      ...key,
      reference: ticket.reference ?? (await nextTicketReference(ticket.receivedAt)),
    });
    await TicketEventModel.create({ ticketId: created._id, at: new Date(), type: 'created', to: created.queue });
    if (created.assigneeId) {
      await TicketEventModel.create({
        ticketId: created._id,
        at: new Date(),
        type: 'assigned',
        to: created.assigneeId.toString(),
        reason: 'attribution automatique',
      });
    }
    return { ticket: created, created: true };
  } catch (error) {
    if ((error as { code?: number }).code !== duplicateKeyCode) throw error;
    const winner = await TicketModel.findOne(key);
    if (!winner) throw error;
    return { ticket: winner, created: false };
  }
}

/**
 * Tickets from before split requests have no `part` and sit under a unique index on requestId alone, which would
 * refuse a second part's ticket: they become part 0, and that index goes (after the (requestId, part) one exists).
 */
export async function migrateTicketsToParts(): Promise<void> {
  await TicketModel.updateMany({ part: { $exists: false } }, { $set: { part: 0 } });
  const indexes = await TicketModel.collection.indexes();
  if (indexes.some((index) => index.name === 'requestId_1')) await TicketModel.collection.dropIndex('requestId_1');
}

export async function findTicketById(ticketId: string): Promise<TicketDocument | null> {
  return Types.ObjectId.isValid(ticketId) ? TicketModel.findById(ticketId) : null;
}

export async function ticketHistory(ticketId: Types.ObjectId) {
  return TicketEventModel.find({ ticketId }).sort({ at: 1, _id: 1 }).lean();
}

export async function countOpenTicketsAssignedTo(assigneeId: Types.ObjectId): Promise<number> {
  return TicketModel.countDocuments({ assigneeId, status: { $in: [...openStatuses] } });
}

/** Still-open tickets past their due date that have an escalation queue and were not escalated yet. */
export async function findTicketsToEscalate(now: Date, limit: number): Promise<TicketDocument[]> {
  return TicketModel.find({ status: { $in: [...openStatuses] }, dueAt: { $lt: now }, escalateTo: { $type: 'string' }, escalatedAt: null })
    .sort({ dueAt: 1 })
    .limit(limit);
}

/** The last `limit` resolved suggestions of a queue, oldest first (the order agreementRate expects). */
export async function recentResolvedSuggestions(suggestedQueue: string, communes: readonly string[], limit: number) {
  const tickets = await TicketModel.find({ commune: { $in: communes }, suggestedQueue, suggestionOutcome: { $ne: null } })
    .sort({ 'suggestionOutcome.at': -1, _id: -1 })
    .limit(limit)
    .lean();
  return tickets.reverse().map((ticket) => ({ suggested: suggestedQueue, confirmed: ticket.suggestionOutcome?.queue ?? null }));
}

export async function listPendingSuggestions(queue: string, communes: readonly string[], limit: number): Promise<TicketDocument[]> {
  return TicketModel.find({ commune: { $in: communes }, queue, suggestedQueue: { $type: 'string' }, suggestionOutcome: null })
    .sort({ receivedAt: 1 })
    .limit(limit);
}

/**
 * The latest routed tickets of some communes, newest first: the sample a draft rule set is simulated against; of
 * the given queues only when `queues` is set.
 */
export async function latestTickets(limit: number, communes: readonly string[], queues?: readonly string[]): Promise<TicketDocument[]> {
  return TicketModel.find({ commune: { $in: communes }, ...(queues ? { queue: { $in: queues } } : {}) })
    .sort({ receivedAt: -1, _id: -1 })
    .limit(limit);
}
