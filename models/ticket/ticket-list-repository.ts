import type { QueryFilter, Types } from 'mongoose';

import type { TicketStatus } from '../../tickets/ticket-status';
import { TicketModel, ticketPriorities, type TicketDocument, type TicketRecord } from './ticket-model';

export type TicketSort = 'urgency' | 'recent';

export interface TicketListQuery {
  /** The actor's scope, as the ticket workflow decided it (never widened here). */
  queues: readonly string[];
  communes: readonly string[];
  statuses?: readonly TicketStatus[];
  /** A user's id, or null for the tickets nobody holds. */
  assigneeId?: Types.ObjectId | null;
  dueBefore?: Date;
  requestIds?: readonly Types.ObjectId[];
  references?: readonly string[];
  sort: TicketSort;
  offset: number;
  /** 0: only the total is counted. */
  limit: number;
}

interface Segment {
  where: QueryFilter<TicketRecord>;
  sort: Record<string, 1 | -1>;
}

/**
 * Urgency: urgent first, then high, normal, low; within a priority the nearest due date first, then those without
 * one, the oldest first. Priorities are words, which no index sorts in that order, so the list is read one
 * segment after the other, each in an order an index gives ({commune, queue, status, priority, dueAt}).
 */
const urgencySegments = [...ticketPriorities].reverse().flatMap((priority): Segment[] => [
  { where: { priority, dueAt: { $ne: null } }, sort: { dueAt: 1, receivedAt: 1, _id: 1 } },
  { where: { priority, dueAt: null }, sort: { receivedAt: 1, _id: 1 } },
]);
const recentSegments: Segment[] = [{ where: {}, sort: { receivedAt: -1, _id: -1 } }];

/** One page of the tickets a query selects, in the chosen order, with how many it selects in all. */
export async function listTickets(query: TicketListQuery): Promise<{ tickets: TicketDocument[]; total: number }> {
  const base = filterOf(query);
  if (query.limit === 0) return { tickets: [], total: await TicketModel.countDocuments(base) };
  const segments = query.sort === 'urgency' ? urgencySegments : recentSegments;
  const counts = await Promise.all(segments.map((segment) => TicketModel.countDocuments({ $and: [base, segment.where] })));
  const tickets: TicketDocument[] = [];
  let skip = query.offset;
  for (const [index, segment] of segments.entries()) {
    if (tickets.length === query.limit) break;
    if (skip >= counts[index]) {
      skip -= counts[index];
      continue;
    }
    tickets.push(
      ...(await TicketModel.find({ $and: [base, segment.where] })
        .sort(segment.sort)
        .skip(skip)
        .limit(query.limit - tickets.length)),
    );
    skip = 0;
  }
  return { tickets, total: counts.reduce((sum, count) => sum + count, 0) };
}

function filterOf(query: TicketListQuery): QueryFilter<TicketRecord> {
  return {
    commune: { $in: query.communes },
    queue: { $in: query.queues },
    ...(query.statuses ? { status: { $in: query.statuses } } : {}),
    ...(query.assigneeId !== undefined ? { assigneeId: query.assigneeId } : {}),
    ...(query.dueBefore ? { dueAt: { $lt: query.dueBefore } } : {}),
    ...(query.requestIds ? { requestId: { $in: query.requestIds } } : {}),
    ...(query.references ? { reference: { $in: query.references } } : {}),
  };
}
