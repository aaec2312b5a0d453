import express, { Router } from 'express';
import { z } from 'zod';
import { openAttachment } from '../../../models/request/attachment-store';
import { findRequestById } from '../../../models/request/request-repository';
import { conversationOf } from '../../../models/ticket/ticket-message-repository';
import { duties } from '../../auth/duties';
import type { TicketMailParts } from '../../mail/queue-ticket-mail';
import { replyToCitizen } from '../../mail/reply-to-citizen';
import { toTicketMessageView } from '../../presenters/ticket-message-view';
import type { TicketWorkflow } from '../../tickets/ticket-workflow';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';
import type { ApiOperationGroup } from '../api-docs/api-operation';

const replySchema = z.strictObject({
  text: z.string().trim().min(1, 'Le texte de la réponse est obligatoire.').max(20_000, 'La réponse ne doit pas dépasser 20 000 caractères.'),
});

/** The ticket's mail conversation: read it, answer the citizen, open an attachment. Same queue rule as tickets. */
export function ticketMailRoutes(workflow: TicketWorkflow, ticketMail: TicketMailParts): Router {
  const router = Router();
  const staff = [requireUser, requireRole(...duties.tickets)];

  router.get('/api/tickets/:id/messages', ...staff, async (request, response) => {
    const ticket = await workflow.visibleTicket(currentUser(response), request.params.id as string);
    const messages = await conversationOf(ticket.requestId);
    response.json({ messages: messages.map(toTicketMessageView) });
  });

  router.post('/api/tickets/:id/replies', ...staff, express.json({ limit: '64kb' }), async (request, response) => {
    const { text } = parseInput(replySchema, request.body, 'Réponse');
    const ticket = await workflow.visibleTicket(currentUser(response), request.params.id as string);
    const queued = await replyToCitizen(ticketMail, ticket, currentUser(response)._id, text);
    if (queued.suppressedReason) throw new HttpError(422, `La réponse ne peut pas être envoyée : ${queued.suppressedReason}`);
    response.status(202).json({ message: toTicketMessageView(queued.message) });
  });

  router.get('/api/tickets/:id/attachments/:storageId', ...staff, async (request, response) => {
    const ticket = await workflow.visibleTicket(currentUser(response), request.params.id as string);
    const storageId = request.params.storageId as string;
    const [ticketRequest, messages] = await Promise.all([findRequestById(ticket.requestId), conversationOf(ticket.requestId)]);
    const attachment = [...(ticketRequest?.attachments ?? []), ...messages.flatMap((message) => message.attachments)].find(
      (candidate) => candidate.storageId === storageId,
    );
    if (!attachment) throw new HttpError(404, 'Pièce jointe introuvable.');
    response.setHeader('Content-Type', attachment.contentType);
    // Always a download, never rendered in the agents' browser: the content comes from anyone on the internet.
    response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    await new Promise<void>((resolve, reject) => {
      openAttachment(storageId).on('error', reject).on('end', () => resolve()).pipe(response);
    });
  });
  return router;
}

export const ticketMailOperations: ApiOperationGroup = {
  tag: 'Tickets',
  operations: [
    { method: 'GET', path: '/api/tickets/:id/messages', summary: "A ticket's mail conversation with the citizen" },
    { method: 'POST', path: '/api/tickets/:id/replies', summary: 'Answer the citizen by mail (queued for delivery)', body: replySchema, success: { status: 202 } },
    {
      method: 'GET',
      path: '/api/tickets/:id/attachments/:storageId',
      summary: 'Download an attachment of the request or the conversation',
      success: { mediaType: 'application/octet-stream' },
    },
  ],
};
