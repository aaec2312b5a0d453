import express, { Router } from 'express';
import { z } from 'zod';
import { findRequestById } from '../../../models/request/request-repository';
import type { TicketDocument } from '../../../models/ticket/ticket-model';
import { findTicketByReference, mergeTicket } from '../../../models/ticket/ticket-merge-repository';
import { canSeeQueue } from '../../auth/queue-access';
import type { TicketEvents } from '../../events/ticket-events';
import { toTicketView } from '../../presenters/ticket-view';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';
import { visibleTicket } from '../visible-ticket';

const mergeSchema = z.strictObject({
  into: z.string().trim().toUpperCase().regex(/^AIG-\d{4}-\d{6}$/, 'référence attendue au format AIG-AAAA-NNNNNN'),
});

/** Merging a duplicate (a citizen who wrote twice) into the ticket that is kept; both must be in the agent's queues. */
export function ticketMergeRoutes(queueIds: readonly string[], events: TicketEvents): Router {
  const router = Router();
  router.post(
    '/api/tickets/:id/merge',
    requireUser,
    requireRole('agent', 'supervisor'),
    express.json({ limit: '1kb' }),
    async (request, response) => {
      const { into } = parseInput(mergeSchema, request.body, 'Fusion');
      const duplicate = await visibleTicket(request.params.id as string, response, queueIds);
      const kept = await findTicketByReference(into);
      if (!kept || !canSeeQueue(currentUser(response), kept.queue, queueIds)) throw new HttpError(404, `La demande ${into} est introuvable dans vos files.`);
      if (kept._id.equals(duplicate._id)) throw new HttpError(400, 'Une demande ne peut pas être fusionnée avec elle-même.');
      if (duplicate.status === 'closed') throw new HttpError(409, 'Cette demande est déjà close : elle ne peut plus être fusionnée.');
      if (kept.status === 'closed') throw new HttpError(409, `La demande ${into} est close : fusionnez plutôt dans une demande en cours.`);
      await mergeTicket(duplicate, kept, currentUser(response)._id);
      const [duplicateView, keptView] = await Promise.all([viewOf(duplicate), viewOf(kept)]);
      events.emit('ticket.updated', duplicateView);
      events.emit('ticket.updated', keptView);
      response.json({ ticket: duplicateView, into: { id: keptView.id, reference: keptView.reference } });
    },
  );
  return router;
}

async function viewOf(ticket: TicketDocument) {
  return toTicketView(ticket, await findRequestById(ticket.requestId));
}
