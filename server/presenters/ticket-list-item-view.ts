import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import type { RequestDocument } from '../../models/request/request-model';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import { requesterLabel, requestExcerpt, ticketText } from '../../tickets/ticket-row';
import { intentGuesses } from './intent-guesses';

/**
 * A row of the agents' lists (GET /api/tickets, a citizen's other requests): enough to tell requests apart and to
 * act on one (who wrote, subject, the start of the message, due date, assignee), field by field.
 */
export function toTicketListItemView({ ticket, request }: { ticket: TicketDocument; request: RequestDocument | null }) {
  return {
    id: ticket._id.toString(),
    reference: ticket.reference,
    /** The commune it was written to (INSEE code): an EPCI's agents serve several. */
    commune: ticket.commune ?? null,
    queue: ticket.queue,
    intent: ticket.intent,
    intentGuesses: intentGuesses(defaultTaxonomy, ticket),
    confidence: ticket.confidence,
    priority: ticket.priority,
    tags: [...ticket.tags],
    status: ticket.status,
    receivedAt: ticket.receivedAt.toISOString(),
    assigneeId: ticket.assigneeId?.toString() ?? null,
    dueAt: ticket.dueAt?.toISOString() ?? null,
    requester: requesterLabel(request?.requester),
    subject: request?.subject || null,
    excerpt: request ? requestExcerpt(ticketText(ticket, request.text)) : '',
  };
}

export type TicketListItemView = ReturnType<typeof toTicketListItemView>;
