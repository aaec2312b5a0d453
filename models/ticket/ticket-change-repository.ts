import { Types } from 'mongoose';

import type { HistoryEntry, TicketChange, TicketState } from '../../tickets/ticket-change';
import { TicketEventModel } from './ticket-event-model';
import { TicketModel, type TicketDocument } from './ticket-model';

/** The facts the ticket lifecycle (tickets/) decides on, read from a stored ticket. */
export function ticketStateOf(ticket: TicketDocument): TicketState {
  return {
    reference: ticket.reference,
    queue: ticket.queue,
    status: ticket.status,
    assigneeId: ticket.assigneeId?.toString() ?? null,
    tags: [...ticket.tags],
    dueAt: ticket.dueAt ?? null,
    escalateTo: ticket.escalateTo ?? null,
    escalatedAt: ticket.escalatedAt ?? null,
    suggestedQueue: ticket.suggestedQueue ?? null,
    suggestionDecided: Boolean(ticket.suggestionOutcome),
  };
}

/**
 * Applies a change decided by the lifecycle, only while the facts it was decided on still hold (one conditional
 * update), then appends its history. Null when another change got there first: the caller reports a conflict.
 */
export async function applyTicketChange(ticketId: Types.ObjectId, change: TicketChange, now: Date): Promise<TicketDocument | null> {
  const { assigneeId, suggestionOutcome, ...fields } = change.set;
  const set: Record<string, unknown> = { ...fields };
  if (assigneeId) set.assigneeId = new Types.ObjectId(assigneeId);
  if (suggestionOutcome) set.suggestionOutcome = { ...suggestionOutcome, by: new Types.ObjectId(suggestionOutcome.by) };
  const update = {
    ...(Object.keys(set).length > 0 ? { $set: set } : {}),
    ...(assigneeId === null ? { $unset: { assigneeId: 1 } } : {}),
  };
  const changed =
    Object.keys(update).length === 0
      ? await TicketModel.findOne({ _id: ticketId, ...expectedFilter(change.expected) })
      : await TicketModel.findOneAndUpdate({ _id: ticketId, ...expectedFilter(change.expected) }, update, { returnDocument: 'after' });
  if (!changed) return null;
  await appendTicketHistory(ticketId, change.history, now);
  return changed;
}

export async function appendTicketHistory(ticketId: Types.ObjectId, entries: readonly HistoryEntry[], at: Date): Promise<void> {
  if (entries.length === 0) return;
  await TicketEventModel.create(
    entries.map((entry) => ({
      ...entry,
      ticketId,
      at,
      actorId: entry.actorId ? new Types.ObjectId(entry.actorId) : undefined,
      messageId: entry.messageId ? new Types.ObjectId(entry.messageId) : undefined,
    })),
  );
}

function expectedFilter(expected: TicketChange['expected']): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (expected.queue !== undefined) filter.queue = expected.queue;
  if (expected.status !== undefined) filter.status = expected.status;
  if (expected.assigneeId !== undefined) filter.assigneeId = expected.assigneeId === null ? null : new Types.ObjectId(expected.assigneeId);
  if (expected.escalatedAt === null) filter.escalatedAt = null;
  if (expected.suggestionDecided === false) filter.suggestionOutcome = null;
  return filter;
}
