import { Router } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';

import { auditChainAnchors, auditEventsInChainOrder, countUnchainedAuditEvents } from '../../../models/audit/audit-event-repository';
import type { TicketViewer } from '../../../tickets/ticket-visibility';
import { auditActionLabels } from '../../presenters/audit-event-view';
import { auditTrailActors, readAuditTrail } from '../../privacy/audit-trail';
import { verifyAuditChain } from '../../security/verify-audit-chain';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';

const listQuerySchema = z.strictObject({
  objectType: z
    .string()
    .regex(/^[A-Za-z-]{1,40}$/)
    .optional(),
  objectId: z
    .string()
    .regex(/^[\w:/.-]{1,100}$/)
    .optional(),
  actorId: z
    .string()
    .refine((id) => Types.ObjectId.isValid(id), 'identifiant invalide')
    .optional(),
  action: z
    .string()
    .regex(/^[a-z.-]{1,60}$/)
    .optional(),
  reference: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^AIG-\d{4}-\d{6}$/, 'référence attendue au format AIG-AAAA-NNNNNN')
    .optional(),
  from: z.iso.date('date attendue au format AAAA-MM-JJ').optional(),
  to: z.iso.date('date attendue au format AAAA-MM-JJ').optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * The DPO reads the audit trail of the communes they answer for (an EPCI's DPO: all of its communes) and checks
 * the chain; nobody can change it through the API.
 */
export function auditRoutes(
  communeScopeOf: (viewer: TicketViewer) => { communes: string[]; serviceWide: boolean },
  timeZone: string,
): Router {
  const router = Router();
  router.use('/api/audit', requireUser, requireRole('dpo'));

  router.get('/api/audit/events', async (request, response) => {
    const query = parseInput(listQuerySchema, request.query, 'Paramètres de recherche');
    if (query.from && query.to && query.from > query.to) throw new HttpError(400, 'La date de début doit précéder la date de fin.');
    const { events, total } = await readAuditTrail(query, communeScopeOf(currentUser(response)), timeZone);
    response.json({ events, page: query.page, pageSize: query.pageSize, total });
  });

  /** The choices of the DPO's filters: the people who appear in the trail, by name, and the actions, in French. */
  router.get('/api/audit/filters', async (_request, response) => {
    const actions = Object.entries(auditActionLabels).map(([code, label]) => ({ code, label }));
    response.json({ actors: await auditTrailActors(communeScopeOf(currentUser(response))), actions });
  });

  router.get('/api/audit/verify', async (_request, response) => {
    const [verdict, unchained] = await Promise.all([
      auditChainAnchors().then((anchors) => verifyAuditChain(auditEventsInChainOrder(), anchors)),
      countUnchainedAuditEvents(),
    ]);
    response.json({ ...verdict, unchained });
  });
  return router;
}

export const auditOperations: ApiOperationGroup = {
  tag: 'Audit trail',
  operations: [
    {
      method: 'GET',
      path: '/api/audit/events',
      summary: 'Search the audit trail by action, person, period (town hall days) and request reference, with names and French labels',
      query: listQuerySchema,
    },
    {
      method: 'GET',
      path: '/api/audit/filters',
      summary: 'The choices of the audit trail filters: the accounts that appear in it, by name, and the actions in French',
    },
    { method: 'GET', path: '/api/audit/verify', summary: "Check the audit trail's hash chain" },
  ],
};
