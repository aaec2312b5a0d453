import express, { Router } from 'express';
import { z } from 'zod';

import { openTicketCountsOf } from '../../../models/accounts/colleague-repository';
import { replyDraftKinds } from '../../../models/replies/reply-draft-model';
import { findReplyDrafts, saveReplyDraft } from '../../../models/replies/reply-draft-repository';
import { duties } from '../../auth/duties';
import { toTicketMessageView } from '../../presenters/ticket-message-view';
import type { TicketWorkflow } from '../../tickets/ticket-workflow';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { parseInput } from '../parse-input';

const assignSchema = z.strictObject({
  /** The colleague's id, or null to give the ticket back to its queue. */
  assigneeId: z
    .string()
    .regex(/^[0-9a-f]{24}$/, 'identifiant de collègue invalide')
    .nullable(),
});
const noteSchema = z.strictObject({
  text: z.string().trim().min(1, 'Le texte de la note est obligatoire.').max(5_000, 'La note ne doit pas dépasser 5 000 caractères.'),
});
const draftSchema = z.strictObject({
  text: z.string().max(20_000, 'Le brouillon ne doit pas dépasser 20 000 caractères.'),
});
const draftParamsSchema = z.object({ id: z.string(), kind: z.enum(replyDraftKinds, 'brouillon inconnu : « reply » ou « note »') });

/**
 * Working together on a ticket: who may be given it (with what each already holds), giving it to a named
 * colleague, internal notes with mentions, and each agent's drafts. Every one of them reaches the ticket through
 * the ticket workflow's one visibility check.
 */
export function ticketCollaborationRoutes(workflow: TicketWorkflow): Router {
  const router = Router();
  const staff = [requireUser, requireRole(...duties.tickets)];

  /** The colleagues who may handle the ticket, with their load: whom to give it to, whom a note may mention. */
  router.get('/api/tickets/:id/assignees', ...staff, async (request, response) => {
    const handlers = await workflow.handlersOf(currentUser(response), request.params.id as string);
    const open = await openTicketCountsOf(handlers.map((user) => user._id));
    response.json({
      assignees: handlers.map((user) => ({
        id: user.id,
        displayName: user.displayName,
        role: user.role,
        available: user.available ?? true,
        capacity: user.capacity ?? 0,
        openTickets: open.get(user.id) ?? 0,
      })),
    });
  });

  router.post('/api/tickets/:id/assign', ...staff, express.json({ limit: '1kb' }), async (request, response) => {
    const { assigneeId } = parseInput(assignSchema, request.body, 'Attribution');
    response.json({ ticket: await workflow.assign(currentUser(response), request.params.id as string, assigneeId) });
  });

  router.post('/api/tickets/:id/notes', ...staff, express.json({ limit: '16kb' }), async (request, response) => {
    const { text } = parseInput(noteSchema, request.body, 'Note interne');
    const note = await workflow.addNote(currentUser(response), request.params.id as string, text);
    response.status(201).json({ note: toTicketMessageView(note) });
  });

  router.get('/api/tickets/:id/drafts', ...staff, async (request, response) => {
    const user = currentUser(response);
    const ticket = await workflow.visibleTicket(user, request.params.id as string);
    const drafts = await findReplyDrafts(user._id, ticket._id);
    const textOf = (kind: string) => drafts.find((draft) => draft.kind === kind)?.text ?? '';
    response.json({ drafts: { reply: textOf('reply'), note: textOf('note') } });
  });

  /** Saved as the agent types (the web app waits for a pause): an empty text removes the draft. */
  router.put('/api/tickets/:id/drafts/:kind', ...staff, express.json({ limit: '64kb' }), async (request, response) => {
    const { kind } = parseInput(draftParamsSchema, request.params, 'Brouillon');
    const { text } = parseInput(draftSchema, request.body, 'Brouillon');
    const user = currentUser(response);
    const ticket = await workflow.visibleTicket(user, request.params.id as string);
    await saveReplyDraft({ userId: user._id, ticketId: ticket._id, requestId: ticket.requestId, kind }, text);
    response.status(204).end();
  });
  return router;
}

export const ticketCollaborationOperations: ApiOperationGroup = {
  tag: 'Tickets',
  operations: [
    {
      method: 'GET',
      path: '/api/tickets/:id/assignees',
      summary: 'Colleagues who may handle the ticket, with the open tickets each holds',
    },
    {
      method: 'POST',
      path: '/api/tickets/:id/assign',
      summary: 'Give the ticket to a named colleague, or back to its queue',
      body: assignSchema,
    },
    {
      method: 'POST',
      path: '/api/tickets/:id/notes',
      summary: 'Add an internal note (never sent to the citizen); @mentioned colleagues are notified',
      body: noteSchema,
      success: { status: 201 },
    },
    { method: 'GET', path: '/api/tickets/:id/drafts', summary: "The signed-in agent's reply and note drafts on the ticket" },
    {
      method: 'PUT',
      path: '/api/tickets/:id/drafts/:kind',
      summary: 'Save a reply or note draft (an empty text removes it)',
      params: draftParamsSchema,
      body: draftSchema,
      success: { status: 204 },
    },
  ],
};
