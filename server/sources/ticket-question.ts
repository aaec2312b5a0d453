import { askedText } from '../../classifiers/sources/asked-text';
import { findRequestById } from '../../models/request/request-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';

/** What the citizen asks in a ticket, with what masking needs to hide their name and resolve their dates. */
export interface TicketQuestion {
  text: string;
  requesterName?: string;
  receivedAt: Date;
}

/**
 * The ticket's own part of a split message, else the message's subject and text without quoted history: the text
 * its sources are searched with and a drafted reply answers.
 */
export async function ticketQuestion(ticket: TicketDocument): Promise<TicketQuestion> {
  const citizenRequest = await findRequestById(ticket.requestId);
  const context = {
    requesterName: citizenRequest?.requester?.name ?? undefined,
    receivedAt: citizenRequest?.receivedAt ?? ticket.createdAt ?? new Date(),
  };
  const part = ticket.split ? ticket.parts?.[ticket.part] : undefined;
  if (part) return { text: part.text, ...context };
  return { text: citizenRequest ? askedText(citizenRequest.subject, citizenRequest.text) : '', ...context };
}
