import type { Types } from 'mongoose';

import { TicketEventModel } from '../ticket/ticket-event-model';

/**
 * The latest history entry of a kind (the ticket set to `pending`, moved to a queue): a notification is written
 * once per such entry, so that the events that follow (a note, a second look) do not send it again, while a
 * second time the ticket waits for the citizen does.
 */
export async function latestMilestoneId(
  ticketId: Types.ObjectId,
  type: 'status-changed' | 'rerouted',
  to: string,
): Promise<Types.ObjectId | null> {
  const event = await TicketEventModel.findOne({ ticketId, type, to }).sort({ at: -1, _id: -1 });
  return event?._id ?? null;
}
