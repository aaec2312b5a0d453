import { Router } from 'express';
import { z } from 'zod';

import { recordAuditEvent } from '../../../models/audit/audit-event-repository';
import { findRequestsByIds } from '../../../models/request/request-repository';
import { findTicketsChangedSince } from '../../../models/ticket/ticket-changes-repository';
import { duties } from '../../auth/duties';
import { toTicketView } from '../../presenters/ticket-view';
import type { TicketWorkflow } from '../../tickets/ticket-workflow';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { parseInput } from '../parse-input';

const changesQuerySchema = z.strictObject({
  since: z.iso.datetime({ offset: true, error: 'date attendue au format ISO 8601 (ex. 2026-03-01T08:00:00Z)' }),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

/**
 * What a live client missed while disconnected, when the server could not replay it (connection state recovery
 * failed: the process it was connected to died, or it stayed away too long). The same ticket views as the live
 * events, in the ticket workflow's scope of the user (queues and communes), each marked as the event it stands
 * for; every ticket sent is audited as a push to this user, like the live event it replaces.
 */
export function liveChangesRoutes(workflow: TicketWorkflow): Router {
  const router = Router();
  router.get('/api/live/changes', requireUser, requireRole(...duties.tickets), async (request, response) => {
    const query = parseInput(changesQuerySchema, request.query, 'Rattrapage des événements');
    const actor = currentUser(response);
    const since = new Date(query.since);
    const until = new Date();
    const tickets = await findTicketsChangedSince(workflow.scope(actor), since, query.limit);
    const requests = new Map(
      (await findRequestsByIds(tickets.map((ticket) => ticket.requestId))).map((stored) => [stored._id.toString(), stored]),
    );
    const changes = tickets.map((ticket) => ({
      event: ticket.createdAt > since ? ('ticket.created' as const) : ('ticket.updated' as const),
      ticket: toTicketView(ticket, requests.get(ticket.requestId.toString()) ?? null),
    }));
    for (const { event, ticket } of changes) {
      await recordAuditEvent({
        action: 'ticket.pushed',
        objectType: 'Ticket',
        objectId: ticket.id,
        commune: ticket.commune,
        details: { event, resync: true, recipients: [actor._id.toString()] },
      });
    }
    const complete = tickets.length < query.limit;
    // Incomplete: the client asks again from just before the last change it received, so that changes made in the
    // same millisecond are not skipped (that ticket comes again: shown once more, never lost).
    response.json({ changes, complete, until: (complete ? until : new Date(tickets.at(-1)!.updatedAt.getTime() - 1)).toISOString() });
  });
  return router;
}

export const liveChangesOperations: ApiOperationGroup = {
  tag: 'Tickets',
  operations: [
    {
      method: 'GET',
      path: '/api/live/changes',
      summary: 'Tickets changed since a date, for a live client whose connection could not be recovered',
      query: changesQuerySchema,
    },
  ],
};
