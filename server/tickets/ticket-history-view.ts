import type { Types } from 'mongoose';

import { deliveryStatusesOf } from '../../models/ticket/ticket-message-repository';

interface StoredHistoryEvent {
  type: string;
  at: Date;
  actorId?: Types.ObjectId | null;
  from?: string | null;
  to?: string | null;
  reason?: string | null;
  messageId?: Types.ObjectId | null;
}

/**
 * A ticket's history as agents read it. A mail's entry says where that mail stands now (waiting, sent, failed),
 * read from the outbox at each reading: the entry is written when the mail is queued, long before it is sent.
 */
export async function ticketHistoryView(history: readonly StoredHistoryEvent[]) {
  const deliveries = await deliveryStatusesOf(history.flatMap((event) => (event.messageId ? [event.messageId] : [])));
  return history.map((event) => ({
    type: event.type,
    at: event.at.toISOString(),
    actorId: event.actorId?.toString() ?? null,
    from: event.from ?? null,
    to: event.to ?? null,
    reason: event.reason ?? null,
    delivery: event.messageId ? (deliveries.get(event.messageId.toString()) ?? null) : null,
  }));
}
