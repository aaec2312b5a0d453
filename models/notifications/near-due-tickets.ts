import { openStatuses } from '../../tickets/ticket-status';
import { TicketModel, type TicketDocument } from '../ticket/ticket-model';

/** Still-open tickets whose due date falls in [from, to): the ones about to miss it. */
export async function findTicketsDueBetween(from: Date, to: Date, limit: number): Promise<TicketDocument[]> {
  return TicketModel.find({ status: { $in: [...openStatuses] }, dueAt: { $gte: from, $lt: to } })
    .sort({ dueAt: 1 })
    .limit(limit);
}
