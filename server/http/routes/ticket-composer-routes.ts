import express, { Router } from 'express';
import { z } from 'zod';

import { openAttachment } from '../../../models/request/attachment-store';
import { duties } from '../../auth/duties';
import { cannedResponsesFor } from '../../replies/canned-responses-for-ticket';
import { inlinePreviewType, previewableTypes } from '../../replies/inline-preview-type';
import { findTicketAttachment } from '../../tickets/ticket-attachment';
import type { TicketReplies } from '../../tickets/ticket-replies';
import type { TicketWorkflow } from '../../tickets/ticket-workflow';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';

const previewSchema = z.strictObject({
  text: z.string().max(20_000, 'La réponse ne doit pas dépasser 20 000 caractères.'),
});

/**
 * A previewed attachment is a document of its own, from anyone on the internet: it may show itself (an image, a
 * PDF) but never run anything, load anything or reach the app, whatever it holds.
 */
const previewPolicy =
  "sandbox; default-src 'none'; img-src 'self' data: blob:; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'";

/** What the composer needs: the exact mail before sending, the service's canned responses, attachments shown inline. */
export function ticketComposerRoutes(workflow: TicketWorkflow, replies: TicketReplies): Router {
  const router = Router();
  const staff = [requireUser, requireRole(...duties.tickets)];

  router.post('/api/tickets/:id/replies/preview', ...staff, express.json({ limit: '64kb' }), async (request, response) => {
    const { text } = parseInput(previewSchema, request.body, 'Aperçu');
    response.json({ mail: await replies.preview(currentUser(response), request.params.id as string, text) });
  });

  router.get('/api/tickets/:id/canned-responses', ...staff, async (request, response) => {
    const user = currentUser(response);
    const ticket = await workflow.visibleTicket(user, request.params.id as string);
    response.json({ responses: await cannedResponsesFor(ticket, user.displayName) });
  });

  /** Images and PDF only, checked by their first bytes; anything else is only ever downloaded (…/attachments/:storageId). */
  router.get('/api/tickets/:id/attachments/:storageId/preview', ...staff, async (request, response) => {
    const ticket = await workflow.visibleTicket(currentUser(response), request.params.id as string);
    const attachment = await findTicketAttachment(ticket, request.params.storageId as string);
    if (!attachment?.storageId) throw new HttpError(404, 'Pièce jointe introuvable.');
    const content = await readAll(openAttachment(attachment.storageId));
    const type = inlinePreviewType(attachment.contentType, content.subarray(0, 16));
    if (!type)
      throw new HttpError(
        415,
        'Cette pièce jointe ne peut pas être affichée ici (seules les images et les PDF le peuvent) : téléchargez-la.',
      );
    response.setHeader('Content-Type', type);
    response.setHeader('Content-Disposition', 'inline');
    response.setHeader('Content-Security-Policy', previewPolicy);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'private, no-store');
    response.end(content);
  });
  return router;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const ticketComposerOperations: ApiOperationGroup = {
  tag: 'Tickets',
  operations: [
    {
      method: 'POST',
      path: '/api/tickets/:id/replies/preview',
      summary: 'The reply mail exactly as it would go out (nothing is sent)',
      body: previewSchema,
    },
    {
      method: 'GET',
      path: '/api/tickets/:id/canned-responses',
      summary: "The ticket's service's canned responses, filled in for this ticket",
    },
    {
      method: 'GET',
      path: '/api/tickets/:id/attachments/:storageId/preview',
      summary: `Show an image or PDF attachment inline, sandboxed (${previewableTypes.join(', ')})`,
      success: { mediaType: 'application/octet-stream' },
    },
  ],
};
