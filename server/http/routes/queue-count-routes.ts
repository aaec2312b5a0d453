import { Router } from 'express';

import { countWaitingTickets } from '../../../models/queue/queue-count-repository';
import type { TicketScope, TicketViewer } from '../../../tickets/ticket-visibility';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireUser } from '../authenticate';

/** The number of tickets waiting in each queue the user serves, by status (the workspace's live counts). */
export function queueCountRoutes(scopeOf: (viewer: TicketViewer) => TicketScope): Router {
  const router = Router();
  router.get('/api/queues/counts', requireUser, async (_request, response) => {
    const scope = scopeOf(currentUser(response));
    response.json({ counts: await countWaitingTickets(scope.queues, scope.communes) });
  });
  return router;
}

export const queueCountOperations: ApiOperationGroup = {
  tag: 'Queues',
  operations: [{ method: 'GET', path: '/api/queues/counts', summary: 'Waiting tickets per queue the user may see' }],
};
