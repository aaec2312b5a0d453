import { requesterLabel, requestExcerpt, ticketText } from '../../../../tickets/ticket-row';
import type { Ticket, TicketSummary } from '../../api/api-types';

/** The list row of a ticket pushed live (which carries the whole ticket). */
export function summaryOfTicket(ticket: Ticket): TicketSummary {
  return {
    id: ticket.id,
    reference: ticket.reference,
    queue: ticket.queue,
    intent: ticket.intent,
    confidence: ticket.confidence,
    priority: ticket.priority,
    tags: ticket.tags,
    status: ticket.status,
    receivedAt: ticket.receivedAt,
    assigneeId: ticket.assigneeId,
    dueAt: ticket.dueAt ?? null,
    subject: ticket.request?.subject || null,
    requester: requesterLabel(ticket.request?.requester),
    excerpt: ticket.request
      ? requestExcerpt(ticketText({ split: ticket.part !== null, part: ticket.part ?? 0, parts: ticket.parts }, ticket.request.text))
      : '',
    completeness: ticket.assistance?.checklist
      ? { status: ticket.assistance.checklist.status, label: ticket.assistance.checklist.label }
      : null,
  };
}
