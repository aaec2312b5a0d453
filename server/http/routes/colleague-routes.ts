import { Router } from 'express';

import { duties } from '../../auth/duties';
import type { TicketWorkflow } from '../../tickets/ticket-workflow';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';

/**
 * Colleagues by name, so that the web app shows who holds a ticket and who did what, never « Un·e collègue »:
 * those who work on some of the same tickets as the user (the ticket workflow decides).
 */
export function colleagueRoutes(workflow: TicketWorkflow): Router {
  const router = Router();
  router.get('/api/colleagues', requireUser, requireRole(...duties.tickets), async (_request, response) => {
    const colleagues = await workflow.colleaguesOf(currentUser(response));
    response.json({ colleagues: colleagues.map((user) => ({ id: user.id, displayName: user.displayName })) });
  });
  return router;
}

export const colleagueOperations: ApiOperationGroup = {
  tag: 'Tickets',
  operations: [
    { method: 'GET', path: '/api/colleagues', summary: 'Names of the active colleagues who work on some of the same tickets as the user' },
  ],
};
