import express, { Router } from 'express';
import { z } from 'zod';

import { duties } from '../../auth/duties';
import type { DeskViewWorkflow } from '../../tickets/desk-view-workflow';
import { ticketFilterSchema } from '../../tickets/ticket-list';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { parseInput } from '../parse-input';

const savedViewSchema = z.strictObject({
  name: z.string().trim().min(1, 'Donnez un nom à la vue.').max(60, 'Le nom de la vue est trop long (60 caractères au plus).'),
  filter: ticketFilterSchema,
});

/** The list's views with their counts, and each user's own saved views: parse, call, respond. */
export function deskViewRoutes(views: DeskViewWorkflow): Router {
  const router = Router();
  router.use('/api/desk-views', requireUser, requireRole(...duties.tickets));

  router.get('/api/desk-views', async (_request, response) => {
    response.json({ views: await views.list(currentUser(response)) });
  });

  router.post('/api/desk-views', express.json({ limit: '2kb' }), async (request, response) => {
    const { name, filter } = parseInput(savedViewSchema, request.body, 'Vue enregistrée');
    response.status(201).json({ view: await views.save(currentUser(response), name, filter) });
  });

  router.delete('/api/desk-views/:id', async (request, response) => {
    await views.remove(currentUser(response), request.params.id as string);
    response.status(204).end();
  });
  return router;
}

export const deskViewOperations: ApiOperationGroup = {
  tag: 'Tickets',
  operations: [
    {
      method: 'GET',
      path: '/api/desk-views',
      summary: "The list's views (mine, unassigned, overdue, waiting for the citizen, the user's own) with their counts",
    },
    {
      method: 'POST',
      path: '/api/desk-views',
      summary: 'Save a view of the list under a name (for the signed-in user only)',
      body: savedViewSchema,
      success: { status: 201 },
    },
    { method: 'DELETE', path: '/api/desk-views/:id', summary: "Delete one of the user's saved views", success: { status: 204 } },
  ],
};
