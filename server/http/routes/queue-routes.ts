import { Router } from 'express';

import { listQueuesByIds } from '../../../models/queue/queue-repository';
import { visibleQueues } from '../../../tickets/ticket-visibility';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireUser } from '../authenticate';

export function queueRoutes(queueIds: readonly string[]): Router {
  const router = Router();
  router.get('/api/queues', requireUser, async (_request, response) => {
    const allowed = visibleQueues(currentUser(response), queueIds);
    const queues = await listQueuesByIds(allowed);
    response.json({
      queues: queues.map((queue) => ({
        id: queue._id,
        label: queue.label,
        description: queue.description,
        mode: queue.mode,
        commune: queue.commune ?? null,
      })),
    });
  });
  return router;
}

export const queueOperations: ApiOperationGroup = {
  tag: 'Queues',
  operations: [{ method: 'GET', path: '/api/queues', summary: 'The queues the user may see, with their mode' }],
};
