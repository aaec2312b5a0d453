import { Router } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';
import { auditChainAnchors, auditEventsInChainOrder, countUnchainedAuditEvents, listAuditEvents } from '../../../models/audit/audit-event-repository';
import { verifyAuditChain } from '../../security/verify-audit-chain';
import type { TicketViewer } from '../../../tickets/ticket-visibility';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { parseInput } from '../parse-input';
import type { ApiOperationGroup } from '../api-docs/api-operation';

const listQuerySchema = z.strictObject({
  objectType: z.string().regex(/^[A-Za-z-]{1,40}$/).optional(),
  objectId: z.string().regex(/^[\w:/.-]{1,100}$/).optional(),
  actorId: z.string().refine((id) => Types.ObjectId.isValid(id), 'identifiant invalide').optional(),
  action: z.string().regex(/^[a-z.-]{1,60}$/).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * The DPO reads the audit trail of the communes they answer for (an EPCI's DPO: all of its communes) and checks
 * the chain; nobody can change it through the API.
 */
export function auditRoutes(communeScopeOf: (viewer: TicketViewer) => { communes: string[]; serviceWide: boolean }): Router {
  const router = Router();
  router.use('/api/audit', requireUser, requireRole('dpo'));

  router.get('/api/audit/events', async (request, response) => {
    const query = parseInput(listQuerySchema, request.query, 'Paramètres de recherche');
    const { events, total } = await listAuditEvents({
      ...query,
      ...communeScopeOf(currentUser(response)),
      actorId: query.actorId ? new Types.ObjectId(query.actorId) : undefined,
    });
    response.json({
      events: events.map((event) => ({
        sequence: event.sequence ?? null,
        at: event.at.toISOString(),
        actorId: event.actorId?.toString() ?? null,
        actorRole: event.actorRole ?? null,
        action: event.action,
        objectType: event.objectType,
        objectId: event.objectId,
        commune: event.commune ?? null,
        details: event.details ?? null,
        hash: event.hash ?? null,
      })),
      page: query.page,
      pageSize: query.pageSize,
      total,
    });
  });

  router.get('/api/audit/verify', async (_request, response) => {
    const [verdict, unchained] = await Promise.all([auditChainAnchors().then((anchors) => verifyAuditChain(auditEventsInChainOrder(), anchors)), countUnchainedAuditEvents()]);
    response.json({ ...verdict, unchained });
  });
  return router;
}

export const auditOperations: ApiOperationGroup = {
  tag: 'Audit trail',
  operations: [
    { method: 'GET', path: '/api/audit/events', summary: 'Search the audit trail', query: listQuerySchema },
    { method: 'GET', path: '/api/audit/verify', summary: "Check the audit trail's hash chain" },
  ],
};
