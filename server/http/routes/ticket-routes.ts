import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { defaultTaxonomy } from '../../../classifiers/taxonomy/taxonomy';
import { recordAuditEvent } from '../../../models/audit/audit-event-repository';
import { recordClassifierCorrection } from '../../../models/classifier/classifier-correction-repository';
import { findRequestById } from '../../../models/request/request-repository';
import { ticketStatuses } from '../../../models/ticket/ticket-model';
import {
  changeTicketStatus,
  findTicketById,
  listTickets,
  rerouteTicket,
  ticketHistory,
} from '../../../models/ticket/ticket-repository';
import { canSeeQueue, visibleQueues } from '../../auth/queue-access';
import type { TicketEvents } from '../../events/ticket-events';
import { intentGuesses } from '../../presenters/intent-guesses';
import { toTicketView } from '../../presenters/ticket-view';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { chosenIntentSchema, intentInChosenQueue } from '../intent-in-queue';
import { parseInput } from '../parse-input';

const listQuerySchema = z.strictObject({
  queue: z.string().regex(/^[a-z0-9-]{1,60}$/, 'identifiant de file invalide').optional(),
  status: z.enum(ticketStatuses).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
const statusChangeSchema = z.strictObject({ status: z.enum(ticketStatuses) });
const rerouteSchema = z
  .strictObject({
    queue: z.string().min(1, 'La file de destination est obligatoire.'),
    reason: z.string().trim().min(3, 'Indiquez la raison de la réorientation (3 caractères au moins).').max(500),
    /** The request's intent in the new queue; without it, retraining guesses one. */
    intent: chosenIntentSchema,
  })
  .superRefine(intentInChosenQueue(defaultTaxonomy));

/**
 * The agents' API: every route checks that the signed-in user serves the ticket's queue, and every read or change
 * of a ticket's personal data is recorded in the audit trail before the data leaves.
 */
export function ticketRoutes(queueIds: readonly string[], events: TicketEvents): Router {
  const router = Router();
  router.use('/api/tickets', requireUser, requireRole('agent', 'supervisor'));

  router.get('/api/tickets', async (request, response) => {
    const query = parseInput(listQuerySchema, request.query, 'Paramètres de recherche');
    const user = currentUser(response);
    const allowed = visibleQueues(user, queueIds);
    if (query.queue && !allowed.includes(query.queue)) throw new HttpError(403, "Vous ne servez pas cette file.");
    const { tickets, total } = await listTickets({
      queues: query.queue ? [query.queue] : allowed,
      status: query.status,
      page: query.page,
      pageSize: query.pageSize,
    });
    response.json({
      tickets: tickets.map((ticket) => listItemView(ticket)),
      page: query.page,
      pageSize: query.pageSize,
      total,
    });
  });

  router.get('/api/tickets/:id', async (request, response) => {
    const ticket = await visibleTicket(request.params.id, response, queueIds);
    await recordAuditEvent({ actor: currentUser(response), action: 'ticket.read', objectType: 'Ticket', objectId: ticket.id, details: { requestId: ticket.requestId } });
    const [ticketRequest, history] = await Promise.all([findRequestById(ticket.requestId), ticketHistory(ticket._id)]);
    response.json({
      ticket: toTicketView(ticket, ticketRequest),
      history: history.map((event) => ({
        type: event.type, at: event.at.toISOString(), actorId: event.actorId?.toString() ?? null,
        from: event.from ?? null, to: event.to ?? null, reason: event.reason ?? null,
      })),
    });
  });

  router.post('/api/tickets/:id/status', express.json({ limit: '4kb' }), async (request, response) => {
    const { status } = parseInput(statusChangeSchema, request.body, 'Changement de statut');
    const ticket = await visibleTicket(request.params.id, response, queueIds);
    const previousStatus = ticket.status;
    await changeTicketStatus(ticket, status, currentUser(response)._id);
    await recordAuditEvent({ actor: currentUser(response), action: 'ticket.status-changed', objectType: 'Ticket', objectId: ticket.id, details: { from: previousStatus, to: status } });
    const view = toTicketView(ticket, await findRequestById(ticket.requestId));
    events.emit('ticket.updated', view);
    response.json({ ticket: view });
  });

  router.post('/api/tickets/:id/reroute', express.json({ limit: '4kb' }), async (request, response) => {
    const { queue, reason, intent } = parseInput(rerouteSchema, request.body, 'Réorientation');
    if (!queueIds.includes(queue)) throw new HttpError(400, `La file « ${queue} » n'existe pas.`);
    const ticket = await visibleTicket(request.params.id, response, queueIds);
    if (ticket.queue === queue) throw new HttpError(409, 'Le ticket est déjà dans cette file.');
    const previousQueue = ticket.queue;
    await rerouteTicket(ticket, queue, reason, currentUser(response)._id);
    await recordClassifierCorrection({
      requestId: ticket.requestId, ticketId: ticket._id, source: 'reroute', fromQueue: previousQueue, queue, intent,
      previousIntent: ticket.intent, agentId: currentUser(response)._id,
    });
    await recordAuditEvent({ actor: currentUser(response), action: 'ticket.rerouted', objectType: 'Ticket', objectId: ticket.id, details: { from: previousQueue, to: queue } });
    const view = toTicketView(ticket, await findRequestById(ticket.requestId));
    events.emit('ticket.updated', { ...view, previousQueue });
    response.json({ ticket: view });
  });
  return router;
}

/** 404 for a ticket that does not exist and for one in a queue the user does not serve: no existence leak. */
async function visibleTicket(id: string, response: Response, queueIds: readonly string[]) {
  const ticket = await findTicketById(id);
  if (!ticket || !canSeeQueue(currentUser(response), ticket.queue, queueIds)) throw new HttpError(404, 'Ticket introuvable.');
  return ticket;
}

function listItemView(ticket: Awaited<ReturnType<typeof listTickets>>['tickets'][number]) {
  return {
    id: ticket._id.toString(),
    reference: ticket.reference,
    queue: ticket.queue,
    intent: ticket.intent,
    intentGuesses: intentGuesses(defaultTaxonomy, ticket),
    confidence: ticket.confidence,
    priority: ticket.priority,
    tags: [...ticket.tags],
    status: ticket.status,
    receivedAt: ticket.receivedAt.toISOString(),
    assigneeId: ticket.assigneeId?.toString() ?? null,
    dueAt: ticket.dueAt?.toISOString() ?? null,
  };
}
