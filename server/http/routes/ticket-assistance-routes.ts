import express, { Router } from 'express';
import { z } from 'zod';

import type { AssistedReplies } from '../../answers/assisted-replies';
import { duties } from '../../auth/duties';
import { ticketAssistanceView } from '../../presenters/ticket-assistance-view';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { parseInput } from '../parse-input';

const sendSchema = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1, 'Le texte ne peut pas être vide.')
    .max(20_000, 'Le texte ne doit pas dépasser 20 000 caractères.')
    .optional(),
});

/** The agent's one click on a prepared missing-information request or answer: send it (as is or edited), or dismiss it. */
export function ticketAssistanceRoutes(replies: AssistedReplies): Router {
  const router = Router();
  const staff = [requireUser, requireRole(...duties.tickets)];

  router.post('/api/tickets/:id/assistance/send', ...staff, express.json({ limit: '64kb' }), async (request, response) => {
    const { text } = parseInput(sendSchema, request.body ?? {}, 'Envoi de la suggestion');
    const ticket = await replies.send(currentUser(response), request.params.id as string, text);
    // Only what changed: the ticket's personal data is read (and audited) through GET /api/tickets/:id.
    response.status(202).json({ assistance: ticketAssistanceView(ticket) });
  });

  router.post('/api/tickets/:id/assistance/dismiss', ...staff, async (request, response) => {
    const ticket = await replies.dismiss(currentUser(response), request.params.id as string);
    response.json({ assistance: ticketAssistanceView(ticket) });
  });
  return router;
}

export const ticketAssistanceOperations: ApiOperationGroup = {
  tag: 'Tickets',
  operations: [
    {
      method: 'POST',
      path: '/api/tickets/:id/assistance/send',
      summary: 'Send the prepared missing-information request or answer to the citizen',
      body: sendSchema,
      success: { status: 202 },
    },
    { method: 'POST', path: '/api/tickets/:id/assistance/dismiss', summary: 'Dismiss the prepared missing-information request or answer' },
  ],
};
