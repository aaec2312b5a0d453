import { Types } from 'mongoose';
import { z } from 'zod';

import type { RequestDocument } from '../../models/request/request-model';
import { findRequestsByIds } from '../../models/request/request-repository';
import { findRequestIdsMatching } from '../../models/request/request-search-repository';
import { listTickets } from '../../models/ticket/ticket-list-repository';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import { deskViews, nobody, statusFilters, viewCriteria } from '../../tickets/desk-views';
import { parseTicketSearch } from '../../tickets/ticket-search';
import { ticketStatuses } from '../../tickets/ticket-status';
import type { TicketScope } from '../../tickets/ticket-visibility';

/** What selects and orders the tickets of a list: what the agents' screen sends, and what a saved view keeps. */
export const ticketFilterSchema = z.strictObject({
  queue: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/, 'identifiant de file invalide')
    .optional(),
  status: z.enum([...statusFilters, ...ticketStatuses]).optional(),
  view: z.enum(deskViews).default('all'),
  q: z.string().trim().max(200, 'La recherche est trop longue (200 caractères au plus).').optional(),
  sort: z.enum(['urgency', 'recent']).default('urgency'),
});
export type TicketFilter = z.infer<typeof ticketFilterSchema>;

export const ticketPageSchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type TicketPage = z.infer<typeof ticketPageSchema>;

/** A list's filter and page, and, for a citizen's history, the requests it is limited to. */
export type TicketListFilter = TicketFilter & TicketPage & { requestIds?: readonly Types.ObjectId[] };

export interface ListedTicket {
  ticket: TicketDocument;
  request: RequestDocument | null;
}

/**
 * The page of tickets a filter selects inside the scope the ticket workflow decided for the actor (never widened
 * here), each with its request for the row's requester, subject and excerpt, and the instant it was read at (what
 * « en retard » was measured against, and the screen's countdowns). The search goes through keyed hashes
 * only: references as stored, e-mail and phone through their lookup hashes, words through the word index.
 */
export async function findListedTickets(
  scope: TicketScope,
  filter: TicketListFilter,
  viewer: { actorId: string; now: Date },
): Promise<{ tickets: ListedTicket[]; total: number; asOf: Date }> {
  const nothing = { tickets: [], total: 0, asOf: viewer.now };
  const search = filter.q ? parseTicketSearch(filter.q) : null;
  const found = search ? await findRequestIdsMatching({ words: search.words, emails: search.emails, phones: search.phones }) : null;
  const requestIds =
    found && filter.requestIds
      ? filter.requestIds.filter((id) => found.some((other) => other.equals(id)))
      : (found ?? filter.requestIds ?? null);
  const criteria = viewCriteria(filter.view, filter.status, viewer.actorId, viewer.now);
  if (requestIds?.length === 0 || criteria.statuses?.length === 0) return nothing;
  const { tickets, total } = await listTickets({
    ...scope,
    statuses: criteria.statuses,
    ...(criteria.assignee ? { assigneeId: criteria.assignee === nobody ? null : new Types.ObjectId(criteria.assignee) } : {}),
    dueBefore: criteria.dueBefore,
    ...(requestIds ? { requestIds } : {}),
    ...(search && search.references.length > 0 ? { references: search.references } : {}),
    sort: filter.sort,
    offset: (filter.page - 1) * filter.pageSize,
    limit: filter.pageSize,
  });
  const requests = new Map((await findRequestsByIds(tickets.map((ticket) => ticket.requestId))).map((request) => [request.id, request]));
  return {
    tickets: tickets.map((ticket) => ({ ticket, request: requests.get(ticket.requestId.toString()) ?? null })),
    total,
    asOf: viewer.now,
  };
}
