import express, { Router } from 'express';
import { z } from 'zod';

import { openAttachment } from '../../../models/request/attachment-store';
import { ticketTimelineOf } from '../../../models/ticket/ticket-message-repository';
import { ticketStatuses } from '../../../tickets/ticket-status';
import { duties } from '../../auth/duties';
import { toTicketMessageView } from '../../presenters/ticket-message-view';
import { findTicketAttachment } from '../../tickets/ticket-attachment';
import type { TicketReplies } from '../../tickets/ticket-replies';
import type { TicketWorkflow } from '../../tickets/ticket-workflow';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';

const replySchema = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1, 'Le texte de la réponse est obligatoire.')
    .max(20_000, 'La réponse ne doit pas dépasser 20 000 caractères.'),
  /** Set in the same action: « Répondre et mettre en attente » (pending), a macro's status. */
  status: z.enum(ticketStatuses).optional(),
  /** A macro's tags, added to the ticket's. */
  tags: z
    .array(z.string().trim().min(1).max(60, 'étiquette trop longue (60 caractères au plus)'))
    .max(10, 'dix étiquettes au plus')
    .optional(),
});

/**
 * The ticket's conversation: read it (agents also see their internal notes), answer the citizen, open an
 * attachment. Same queue rule as tickets.
 */
export function ticketMailRoutes(workflow: TicketWorkflow, replies: TicketReplies): Router {
  const router = Router();
  const staff = [requireUser, requireRole(...duties.tickets)];

  router.get('/api/tickets/:id/messages', ...staff, async (request, response) => {
    const ticket = await workflow.visibleTicket(currentUser(response), request.params.id as string);
    const messages = await ticketTimelineOf(ticket.requestId);
    response.json({ messages: messages.map(toTicketMessageView) });
  });

  router.post('/api/tickets/:id/replies', ...staff, express.json({ limit: '64kb' }), async (request, response) => {
    const { text, ...then } = parseInput(replySchema, request.body, 'Réponse');
    const replied = await replies.reply(currentUser(response), request.params.id as string, text, then);
    response.status(202).json({ message: toTicketMessageView(replied.message), ticket: replied.ticket });
  });

  router.get('/api/tickets/:id/attachments/:storageId', ...staff, async (request, response) => {
    const ticket = await workflow.visibleTicket(currentUser(response), request.params.id as string);
    const storageId = request.params.storageId as string;
    const attachment = await findTicketAttachment(ticket, storageId);
    if (!attachment) throw new HttpError(404, 'Pièce jointe introuvable.');
    response.setHeader('Content-Type', attachment.contentType);
    // Always a download, never rendered in the agents' browser: the content comes from anyone on the internet.
    response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    await new Promise<void>((resolve, reject) => {
      openAttachment(storageId)
        .on('error', reject)
        .on('end', () => resolve())
        .pipe(response);
    });
  });
  return router;
}

export const ticketMailOperations: ApiOperationGroup = {
  tag: 'Tickets',
  operations: [
    {
      method: 'GET',
      path: '/api/tickets/:id/messages',
      summary: "A ticket's mail conversation with the citizen, and the agents' internal notes",
    },
    {
      method: 'POST',
      path: '/api/tickets/:id/replies',
      summary: 'Answer the citizen by mail (queued for delivery), setting a status and tags in the same action',
      body: replySchema,
      success: { status: 202 },
    },
    {
      method: 'GET',
      path: '/api/tickets/:id/attachments/:storageId',
      summary: 'Download an attachment of the request or the conversation',
      success: { mediaType: 'application/octet-stream' },
    },
  ],
};
