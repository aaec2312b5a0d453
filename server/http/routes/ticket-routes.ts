import express, { Router } from 'express';
import { z } from 'zod';

import { defaultTaxonomy } from '../../../classifiers/taxonomy/taxonomy';
import { ticketStatuses } from '../../../tickets/ticket-status';
import { duties } from '../../auth/duties';
import { ticketCompletenessView } from '../../presenters/ticket-assistance-view';
import { toTicketListItemView } from '../../presenters/ticket-list-item-view';
import { ticketHistoryView } from '../../tickets/ticket-history-view';
import { ticketFilterSchema, ticketPageSchema } from '../../tickets/ticket-list';
import type { TicketWorkflow } from '../../tickets/ticket-workflow';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { chosenIntentSchema, intentInChosenQueue } from '../intent-in-queue';
import { parseInput } from '../parse-input';

const listQuerySchema = ticketFilterSchema.extend(ticketPageSchema.shape);
const statusChangeSchema = z.strictObject({ status: z.enum(ticketStatuses) });
const rerouteSchema = z
  .strictObject({
    queue: z.string().min(1, 'La file de destination est obligatoire.'),
    reason: z.string().trim().min(3, 'Indiquez la raison de la réorientation (3 caractères au moins).').max(500),
    /** The request's intent in the new queue; without it, retraining guesses one. */
    intent: chosenIntentSchema,
  })
  .superRefine(intentInChosenQueue(defaultTaxonomy));
const mergeSchema = z.strictObject({
  into: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^AIG-\d{4}-\d{6}$/, 'référence attendue au format AIG-AAAA-NNNNNN'),
});

/** The agents' ticket API: parse, call the ticket workflow (which checks visibility and audits), respond. */
export function ticketRoutes(workflow: TicketWorkflow): Router {
  const router = Router();
  router.use('/api/tickets', requireUser, requireRole(...duties.tickets));

  router.get('/api/tickets', async (request, response) => {
    const query = parseInput(listQuerySchema, request.query, 'Paramètres de recherche');
    const { tickets, total, asOf } = await workflow.list(currentUser(response), query);
    response.json({ tickets: tickets.map(listItemView), page: query.page, pageSize: query.pageSize, total, asOf: asOf.toISOString() });
  });

  router.get('/api/tickets/:id', async (request, response) => {
    const { ticket, history } = await workflow.read(currentUser(response), request.params.id);
    response.json({ ticket, history: await ticketHistoryView(history) });
  });

  router.post('/api/tickets/:id/status', express.json({ limit: '4kb' }), async (request, response) => {
    const { status } = parseInput(statusChangeSchema, request.body, 'Changement de statut');
    response.json({ ticket: await workflow.changeStatus(currentUser(response), request.params.id, status) });
  });

  /** "Prendre en charge": the signed-in agent takes the ticket; colleagues see it live. */
  router.post('/api/tickets/:id/take', async (request, response) => {
    response.json({ ticket: await workflow.take(currentUser(response), request.params.id) });
  });

  router.post('/api/tickets/:id/reroute', express.json({ limit: '4kb' }), async (request, response) => {
    const target = parseInput(rerouteSchema, request.body, 'Réorientation');
    response.json({ ticket: await workflow.reroute(currentUser(response), request.params.id, target) });
  });

  /** Merging a duplicate (a citizen who wrote twice) into the ticket that is kept. */
  router.post('/api/tickets/:id/merge', express.json({ limit: '1kb' }), async (request, response) => {
    const { into } = parseInput(mergeSchema, request.body, 'Fusion');
    const merged = await workflow.merge(currentUser(response), request.params.id, into);
    response.json({ ticket: merged.ticket, into: { id: merged.into.id, reference: merged.into.reference } });
  });
  return router;
}

type ListedTicket = Awaited<ReturnType<TicketWorkflow['list']>>['tickets'][number];

function listItemView(listed: ListedTicket) {
  return {
    ...toTicketListItemView(listed),
    completeness: ticketCompletenessView(listed.ticket),
  };
}

export const ticketOperations: ApiOperationGroup = {
  tag: 'Tickets',
  operations: [
    {
      method: 'GET',
      path: '/api/tickets',
      summary: 'Tickets of the queues the user serves: views, search by reference, name, e-mail, phone or words, urgency order, pages',
      query: listQuerySchema,
    },
    { method: 'GET', path: '/api/tickets/:id', summary: 'One ticket with its request, facts and routing trace (the read is audited)' },
    { method: 'POST', path: '/api/tickets/:id/status', summary: "Change a ticket's status", body: statusChangeSchema },
    { method: 'POST', path: '/api/tickets/:id/take', summary: 'Take a ticket (assign it to oneself)' },
    { method: 'POST', path: '/api/tickets/:id/reroute', summary: 'Send a ticket to another queue, with the reason', body: rerouteSchema },
    { method: 'POST', path: '/api/tickets/:id/merge', summary: 'Merge a ticket into another (a duplicate request)', body: mergeSchema },
  ],
};
