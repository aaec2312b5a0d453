import { Router } from 'express';

import { duties } from '../../auth/duties';
import { toTicketListItemView } from '../../presenters/ticket-list-item-view';
import { requesterHistory } from '../../tickets/requester-history';
import type { TicketWorkflow } from '../../tickets/ticket-workflow';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';

/** Beside a ticket: the same citizen's other requests the user may see, and those likely to be duplicates. */
export function requesterHistoryRoutes(workflow: TicketWorkflow): Router {
  const router = Router();

  router.get('/api/tickets/:id/requester-history', requireUser, requireRole(...duties.tickets), async (request, response) => {
    const history = await requesterHistory(workflow, currentUser(response), request.params.id as string);
    response.json({
      tickets: history.tickets.map(toTicketListItemView),
      total: history.total,
      likelyDuplicates: history.likelyDuplicates.map(({ id, similarity, sameIntent }) => ({
        id,
        similarity: Math.round(similarity * 100) / 100,
        sameIntent,
      })),
    });
  });
  return router;
}

export const requesterHistoryOperations: ApiOperationGroup = {
  tag: 'Tickets',
  operations: [
    {
      method: 'GET',
      path: '/api/tickets/:id/requester-history',
      summary: "The same citizen's other requests (matched on the keyed hashes of e-mail and phone) and the likely duplicates to merge",
    },
  ],
};
