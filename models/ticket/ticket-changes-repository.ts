import { TicketModel, type TicketDocument } from './ticket-model';

/**
 * Tickets of these queues and communes changed after `since`, oldest change first, for a live client that missed
 * events while it was disconnected. Served by the index on (commune, queue, updatedAt).
 */
export async function findTicketsChangedSince(
  scope: { queues: readonly string[]; communes: readonly string[] },
  since: Date,
  limit: number,
): Promise<TicketDocument[]> {
  return TicketModel.find({ commune: { $in: [...scope.communes] }, queue: { $in: [...scope.queues] }, updatedAt: { $gt: since } })
    .sort({ updatedAt: 1, _id: 1 })
    .limit(limit);
}
