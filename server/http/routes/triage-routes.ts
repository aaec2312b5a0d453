import express, { Router } from 'express';
import { z } from 'zod';

import { defaultTaxonomy } from '../../../classifiers/taxonomy/taxonomy';
import { queueModes } from '../../../models/queue/queue-model';
import { listPendingSuggestions } from '../../../models/ticket/ticket-repository';
import { duties } from '../../auth/duties';
import { intentGuesses } from '../../presenters/intent-guesses';
import { changeQueueMode } from '../../routing/change-queue-mode';
import { agreementByQueue } from '../../routing/pilot-agreement';
import type { TicketWorkflow } from '../../tickets/ticket-workflow';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { chosenIntentSchema, intentInChosenQueue } from '../intent-in-queue';
import { parseInput } from '../parse-input';

const decisionSchema = z
  .strictObject({ queue: z.string().min(1, 'La file choisie est obligatoire.'), intent: chosenIntentSchema })
  .superRefine(intentInChosenQueue(defaultTaxonomy));
const queueIdSchema = z.string().regex(/^[a-z0-9-]{1,60}$/, 'identifiant de file invalide');
const modeSchema = z.strictObject({ mode: z.enum(queueModes) });
const agreementQuerySchema = z.strictObject({ window: z.coerce.number().int().min(1).max(10_000).optional() });
const pendingQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export interface TriageParts {
  queueIds: readonly string[];
  /** Where tickets of queues in `suggest` mode wait for an agent's confirmation. */
  receptionQueue: string;
  workflow: TicketWorkflow;
  agreementWindow: number;
}

/**
 * Pilot mode: the reception agents confirm or correct the suggested queue and intent in one action, supervisors
 * switch a queue between `suggest` and `auto` and read how often the suggestions were right.
 */
export function triageRoutes(parts: TriageParts): Router {
  const router = Router();
  router.use('/api/triage', requireUser);
  // Confirming suggestions is ticket work; queue modes and agreement figures are steering.
  router.use(['/api/triage/suggestions', '/api/triage/tickets'], requireRole(...duties.tickets));
  const supervisorsOnly = requireRole(...duties.steering);

  router.get('/api/triage/suggestions', async (request, response) => {
    const { limit } = parseInput(pendingQuerySchema, request.query, 'Paramètres');
    const scope = parts.workflow.scope(currentUser(response));
    if (!scope.queues.includes(parts.receptionQueue)) throw new HttpError(403, "Vous ne servez pas la file d'accueil.");
    const tickets = await listPendingSuggestions(parts.receptionQueue, scope.communes, limit);
    response.json({
      tickets: tickets.map((ticket) => ({
        id: ticket._id.toString(),
        reference: ticket.reference,
        queue: ticket.queue,
        suggestedQueue: ticket.suggestedQueue,
        intent: ticket.intent,
        intentGuesses: intentGuesses(defaultTaxonomy, ticket),
        confidence: ticket.confidence,
        priority: ticket.priority,
        receivedAt: ticket.receivedAt.toISOString(),
      })),
    });
  });

  router.post('/api/triage/tickets/:id', express.json({ limit: '4kb' }), async (request, response) => {
    const choice = parseInput(decisionSchema, request.body, 'Décision');
    response.json(await parts.workflow.decideSuggestion(currentUser(response), request.params.id, choice));
  });

  router.get('/api/triage/agreement', supervisorsOnly, async (request, response) => {
    const { window } = parseInput(agreementQuerySchema, request.query, 'Paramètres');
    response.json({
      queues: await agreementByQueue(parts.queueIds, parts.workflow.scope(currentUser(response)).communes, window ?? parts.agreementWindow),
    });
  });

  router.put('/api/triage/queues/:queueId/mode', supervisorsOnly, express.json({ limit: '1kb' }), async (request, response) => {
    const { mode } = parseInput(modeSchema, request.body, 'Mode de la file');
    const queueId = parseInput(queueIdSchema, request.params.queueId, 'File');
    if (!parts.queueIds.includes(queueId)) throw new HttpError(404, `La file « ${queueId} » n'existe pas.`);
    if (queueId === parts.receptionQueue && mode === 'suggest') {
      throw new HttpError(400, "La file d'accueil reçoit les suggestions : elle ne peut pas elle-même être en mode suggestion.");
    }
    const previous = await changeQueueMode(queueId, mode, currentUser(response)._id);
    if (previous === null) throw new HttpError(404, `La file « ${queueId} » n'existe pas.`);
    response.json({ queue: queueId, mode, previousMode: previous });
  });
  return router;
}

export const triageOperations: ApiOperationGroup = {
  tag: 'Reception triage',
  operations: [
    {
      method: 'GET',
      path: '/api/triage/suggestions',
      summary: 'Tickets waiting in reception for their suggested queue to be confirmed',
      query: pendingQuerySchema,
    },
    { method: 'POST', path: '/api/triage/tickets/:id', summary: 'Confirm or correct the suggested queue and intent', body: decisionSchema },
    { method: 'GET', path: '/api/triage/agreement', summary: 'How often suggestions were right, per queue', query: agreementQuerySchema },
    {
      method: 'PUT',
      path: '/api/triage/queues/:queueId/mode',
      summary: 'Switch a queue between suggestions (pilot) and automatic routing',
      params: z.object({ queueId: queueIdSchema }),
      body: modeSchema,
    },
  ],
};
