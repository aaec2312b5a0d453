import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import type { RequestDocument } from '../../models/request/request-model';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import { intentGuesses } from './intent-guesses';
import { ticketAssistanceView } from './ticket-assistance-view';

/**
 * What an authorised agent sees of a ticket, built field by field so that nothing stored (internal state,
 * hashes, future encrypted fields) reaches a client by accident.
 */
export function toTicketView(ticket: TicketDocument, request: RequestDocument | null) {
  return {
    id: ticket._id.toString(),
    reference: ticket.reference,
    /** The commune it was written to (INSEE code; GET /api/communes names it): an EPCI's agents serve several. */
    commune: ticket.commune ?? null,
    queue: ticket.queue,
    intent: ticket.intent,
    /** Pre-fills the intent agents confirm or change when they reroute or triage. */
    intentGuesses: intentGuesses(defaultTaxonomy, ticket),
    confidence: ticket.confidence,
    decidedBy: ticket.decidedBy,
    language: ticket.language,
    priority: ticket.priority,
    tags: [...ticket.tags],
    status: ticket.status,
    assigneeId: ticket.assigneeId?.toString() ?? null,
    ruleSetVersion: ticket.ruleSetVersion ?? null,
    acknowledgementTemplate: ticket.acknowledgementTemplate ?? null,
    dueAt: ticket.dueAt?.toISOString() ?? null,
    escalateTo: ticket.escalateTo ?? null,
    escalatedAt: ticket.escalatedAt?.toISOString() ?? null,
    suggestedQueue: ticket.suggestedQueue ?? null,
    suggestionOutcome: ticket.suggestionOutcome
      ? {
          queue: ticket.suggestionOutcome.queue ?? null,
          agreed: ticket.suggestionOutcome.agreed ?? null,
          at: ticket.suggestionOutcome.at?.toISOString() ?? null,
        }
      : null,
    receivedAt: ticket.receivedAt.toISOString(),
    entities: ticket.entities.map((entity) => ({
      type: entity.type,
      value: entity.value,
      text: entity.text,
      start: entity.start,
      end: entity.end,
      // A date read in a quoted message's header: when that message was sent, not a date the citizen gives.
      fromQuotedHistory: entity.fromQuotedHistory === true,
    })),
    trace: ticket.trace,
    /** Requests for several services found in the message: reception's suggestions, or the split's linked tickets. */
    parts: (ticket.parts ?? []).map((part) => ({
      queue: part.queue,
      intent: part.intent,
      confidence: part.confidence,
      text: part.text,
      start: part.start,
      end: part.end,
      ticketId: part.ticketId?.toString() ?? null,
      reference: part.reference ?? null,
    })),
    /** When the request was split: which of `parts` this ticket handles (the others are its sibling tickets). */
    part: ticket.split ? ticket.part : null,
    /** Its checklist (« complet », « manque : … ») and the missing-information request or answer prepared for it. */
    assistance: ticketAssistanceView(ticket),
    request: request
      ? {
          id: request._id.toString(),
          channel: request.channel,
          subject: request.subject,
          text: request.text,
          requester: {
            name: request.requester?.name ?? null,
            email: request.requester?.email ?? null,
            phone: request.requester?.phone ?? null,
          },
          attachments: request.attachments.map((attachment) => ({
            filename: attachment.filename,
            contentType: attachment.contentType,
            size: attachment.size,
            storageId: attachment.storageId ?? null,
            refusedReason: attachment.refusedReason ?? null,
          })),
        }
      : null,
  };
}

export type TicketView = ReturnType<typeof toTicketView>;
