import { Types } from 'mongoose';

import type { ticketEventTypes } from '../../tickets/ticket-change';
import { TicketEventModel } from './ticket-event-model';
import { TicketModel, type TicketDocument } from './ticket-model';

/** The request's ticket; for a split request, its first part's (the one its acknowledgement named). */
export async function findTicketByRequestId(requestId: Types.ObjectId): Promise<TicketDocument | null> {
  return TicketModel.findOne({ requestId }).sort({ part: 1 });
}

export async function findTicketByReference(reference: string): Promise<TicketDocument | null> {
  return TicketModel.findOne({ reference });
}

export async function recordTicketEvent(event: {
  ticketId: Types.ObjectId;
  type: (typeof ticketEventTypes)[number];
  actorId?: Types.ObjectId;
  from?: string;
  to?: string;
  reason?: string;
  messageId?: Types.ObjectId;
  at?: Date;
}): Promise<Types.ObjectId> {
  const created = await TicketEventModel.create({ ...event, at: event.at ?? new Date() });
  return created._id;
}

/** The last time the ticket was marked resolved: a closing message is sent once per resolution. */
export async function latestResolutionEventId(ticketId: Types.ObjectId): Promise<Types.ObjectId | null> {
  const event = await TicketEventModel.findOne({ ticketId, type: 'status-changed', to: 'resolved' }).sort({ at: -1, _id: -1 });
  return event?._id ?? null;
}

/** Stores the citizen's rating once: the link is single-use because a rated ticket is never rated again. */
export async function rateTicket(ticketId: Types.ObjectId, rating: number, now = new Date()): Promise<TicketDocument | null> {
  const rated = await TicketModel.findOneAndUpdate(
    { _id: ticketId, satisfaction: null },
    { $set: { satisfaction: { rating, ratedAt: now } } },
    { returnDocument: 'after' },
  );
  if (rated) await recordTicketEvent({ ticketId, type: 'satisfaction-rated', to: String(rating), at: now });
  return rated;
}

export interface SatisfactionFigures {
  queue: string;
  ratings: number;
  average: number;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
}

/** Ratings per queue in these communes for the dashboards, counted here because the emulated database has no `$avg`. */
export async function satisfactionByQueue(
  scope: { queues: readonly string[]; communes: readonly string[] },
  since: Date,
): Promise<SatisfactionFigures[]> {
  const rated = await TicketModel.find({
    commune: { $in: scope.communes },
    queue: { $in: scope.queues },
    'satisfaction.ratedAt': { $gte: since },
  }).lean();
  const byQueue = new Map<string, SatisfactionFigures>();
  for (const ticket of rated) {
    const rating = ticket.satisfaction?.rating;
    if (!rating) continue;
    const figures = byQueue.get(ticket.queue) ?? {
      queue: ticket.queue,
      ratings: 0,
      average: 0,
      distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
    };
    figures.average = (figures.average * figures.ratings + rating) / (figures.ratings + 1);
    figures.ratings += 1;
    figures.distribution[String(rating) as keyof SatisfactionFigures['distribution']] += 1;
    byQueue.set(ticket.queue, figures);
  }
  return [...byQueue.values()].sort((left, right) => left.queue.localeCompare(right.queue));
}

/** Tickets created since `since`, for the start-up check that every e-mail request got its acknowledgement. */
export async function findTicketsCreatedSince(since: Date, limit: number): Promise<TicketDocument[]> {
  return TicketModel.find({ createdAt: { $gte: since } })
    .sort({ createdAt: 1 })
    .limit(limit);
}
