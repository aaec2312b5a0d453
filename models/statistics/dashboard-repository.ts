import { TicketEventModel } from '../ticket/ticket-event-model';
import { TicketModel } from '../ticket/ticket-model';
import type { TicketEventFacts, TicketFacts } from './dashboard-statistics';

/**
 * The tickets of these communes received between two instants and their history, reduced to the facts the
 * dashboard counts (no personal data leaves this function).
 */
export async function loadDashboardFacts(
  from: Date,
  to: Date,
  communes: readonly string[],
): Promise<{ tickets: TicketFacts[]; events: TicketEventFacts[] }> {
  const tickets = await TicketModel.find({ commune: { $in: communes }, receivedAt: { $gte: from, $lt: to } }).lean();
  const ids = tickets.map((ticket) => ticket._id);
  const events = ids.length === 0 ? [] : await TicketEventModel.find({ ticketId: { $in: ids } }).lean();
  return {
    tickets: tickets.map((ticket) => ({
      id: ticket._id.toString(),
      commune: ticket.commune ?? null,
      queue: ticket.queue,
      receivedAt: ticket.receivedAt,
      status: ticket.status,
      dueAt: ticket.dueAt ?? null,
      suggestedQueue: ticket.suggestedQueue ?? null,
      satisfaction: ticket.satisfaction ? { rating: ticket.satisfaction.rating } : null,
      tags: [...ticket.tags],
    })),
    events: events.map((event) => ({
      ticketId: event.ticketId.toString(),
      type: event.type,
      at: event.at,
      actorId: event.actorId?.toString() ?? null,
      from: event.from ?? null,
      to: event.to ?? null,
    })),
  };
}
