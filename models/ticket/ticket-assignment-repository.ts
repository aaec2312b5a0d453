import type { Types } from 'mongoose';
import { TicketEventModel } from './ticket-event-model';
import type { TicketDocument } from './ticket-model';

/**
 * An agent takes a ticket: it becomes theirs (even from a colleague, who sees it change live) and a new ticket
 * becomes open. Both facts go to the history.
 */
export async function takeTicket(ticket: TicketDocument, agentId: Types.ObjectId, now = new Date()): Promise<TicketDocument> {
  const previousAssignee = ticket.assigneeId?.toString();
  const previousStatus = ticket.status;
  ticket.assigneeId = agentId;
  if (ticket.status === 'new') ticket.status = 'open';
  await ticket.save();
  await TicketEventModel.create({ ticketId: ticket._id, at: now, type: 'assigned', actorId: agentId, from: previousAssignee, to: agentId.toString() });
  if (ticket.status !== previousStatus) {
    await TicketEventModel.create({ ticketId: ticket._id, at: now, type: 'status-changed', actorId: agentId, from: previousStatus, to: ticket.status });
  }
  return ticket;
}
