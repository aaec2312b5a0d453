import type { RequestDocument } from '../../models/request/request-model';
import { findRequestById } from '../../models/request/request-repository';
import { findOtherRequestIdsOfRequester } from '../../models/request/request-search-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import { likelyDuplicates, type DuplicateCandidate, type DuplicateFacts } from '../../tickets/duplicate-candidates';
import type { ListedTicket } from './ticket-list';
import type { TicketActor, TicketWorkflow } from './ticket-workflow';

/** The citizen's most recent other requests shown beside a ticket; older ones are found by searching. */
export const historyLength = 50;

export interface RequesterHistory {
  tickets: ListedTicket[];
  /** How many the citizen's other requests the user may see, when more than `historyLength`. */
  total: number;
  likelyDuplicates: DuplicateCandidate[];
}

/**
 * The same citizen's other requests, matched on the keyed hashes of their e-mail address and phone number (never on
 * the values), listed through the ticket workflow so that only those the user may see appear, newest first; with
 * the ones likely to be the same matter, offered as merge targets. Not audited apart: it is shown with the
 * ticket, whose read is.
 */
export async function requesterHistory(workflow: TicketWorkflow, actor: TicketActor, ticketId: string): Promise<RequesterHistory> {
  const ticket = await workflow.visibleTicket(actor, ticketId);
  const request = await findRequestById(ticket.requestId);
  const requestIds = request ? await findOtherRequestIdsOfRequester(request) : [];
  if (!request || requestIds.length === 0) return { tickets: [], total: 0, likelyDuplicates: [] };
  const { tickets, total } = await workflow.list(actor, {
    view: 'all',
    status: 'any',
    sort: 'recent',
    page: 1,
    pageSize: historyLength,
    requestIds,
  });
  const others = tickets.flatMap((listed) => (listed.request ? [duplicateFacts(listed.ticket, listed.request)] : []));
  return { tickets, total, likelyDuplicates: likelyDuplicates(duplicateFacts(ticket, request), others) };
}

function duplicateFacts(ticket: TicketDocument, request: RequestDocument): DuplicateFacts {
  return {
    id: ticket.id as string,
    intent: ticket.intent,
    status: ticket.status,
    receivedAt: ticket.receivedAt,
    words: (request.get('searchTokens') as string[] | undefined) ?? [],
  };
}
