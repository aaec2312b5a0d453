import { Router } from 'express';
import { findRequestById } from '../../../models/request/request-repository';
import { takeTicket } from '../../../models/ticket/ticket-assignment-repository';
import type { TicketEvents } from '../../events/ticket-events';
import { toTicketView } from '../../presenters/ticket-view';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { visibleTicket } from '../visible-ticket';

/** "Prendre en charge": the signed-in agent takes a ticket of a queue they serve; colleagues see it live. */
export function ticketAssignmentRoutes(queueIds: readonly string[], events: TicketEvents): Router {
  const router = Router();
  router.post('/api/tickets/:id/take', requireUser, requireRole('agent', 'supervisor'), async (request, response) => {
    const ticket = await visibleTicket(request.params.id as string, response, queueIds);
    await takeTicket(ticket, currentUser(response)._id);
    const view = toTicketView(ticket, await findRequestById(ticket.requestId));
    events.emit('ticket.updated', view);
    response.json({ ticket: view });
  });
  return router;
}
