import { Router } from 'express';
import { z } from 'zod';

import { importOutcomes } from '../../../models/mail/imported-mail-model';
import { listImportedMail } from '../../../models/mail/mailbox-import-repository';
import { listSetAsideRequests, releaseSetAsideRequest } from '../../../models/request/mail-request-repository';
import type { TicketScope, TicketViewer } from '../../../tickets/ticket-visibility';
import type { ProcessingWorker } from '../../pipeline/processing-worker';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';

const pageSchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
const importsQuerySchema = pageSchema.extend({ outcome: z.enum(importOutcomes).optional() });

/** For supervisors: what the shared mailbox set aside as noise (and may release), and what each import became. */
export function mailboxRoutes(worker: ProcessingWorker, scopeOf: (viewer: TicketViewer) => TicketScope): Router {
  const router = Router();
  // Set-aside mail holds personal data: supervisors review it; admins manage accounts, not content.
  router.use('/api/mailbox', requireUser, requireRole('supervisor'));

  router.get('/api/mailbox/set-aside', async (request, response) => {
    const { page, pageSize } = parseInput(pageSchema, request.query, 'Paramètres de recherche');
    const { requests, total } = await listSetAsideRequests(scopeOf(currentUser(response)).communes, page, pageSize);
    response.json({
      messages: requests.map((stored) => ({
        id: stored._id.toString(),
        commune: stored.commune ?? null,
        receivedAt: stored.receivedAt.toISOString(),
        from: stored.requester?.email ?? null,
        subject: stored.subject,
        kind: stored.setAside?.kind ?? null,
        reason: stored.setAside?.reason ?? null,
        text: stored.text,
      })),
      page,
      pageSize,
      total,
    });
  });

  router.post('/api/mailbox/set-aside/:id/release', async (request, response) => {
    const released = await releaseSetAsideRequest(request.params.id as string, scopeOf(currentUser(response)).communes);
    if (!released) throw new HttpError(404, 'Message écarté introuvable (ou déjà transmis).');
    worker.schedule(released._id);
    response
      .status(202)
      .json({ id: released._id.toString(), status: 'received', message: 'Le message va être classé et orienté comme une demande.' });
  });

  router.get('/api/mailbox/imports', async (request, response) => {
    const query = parseInput(importsQuerySchema, request.query, 'Paramètres de recherche');
    const { records, total } = await listImportedMail(query);
    response.json({
      imports: records.map((record) => ({
        mailbox: record.mailbox,
        uid: record.uid,
        outcome: record.outcome,
        requestId: record.requestId?.toString() ?? null,
        ticketMessageId: record.ticketMessageId?.toString() ?? null,
        reason: record.reason ?? null,
        refusedAttachments: record.refusedAttachments ?? 0,
        at: record.at.toISOString(),
      })),
      page: query.page,
      pageSize: query.pageSize,
      total,
    });
  });
  return router;
}

export const mailboxOperations: ApiOperationGroup = {
  tag: 'Shared mailbox',
  operations: [
    {
      method: 'GET',
      path: '/api/mailbox/set-aside',
      summary: 'Mail set aside as noise (out-of-office, bounces, lists)',
      query: pageSchema,
    },
    {
      method: 'POST',
      path: '/api/mailbox/set-aside/:id/release',
      summary: 'Release set-aside mail: it becomes a request',
      success: { status: 202 },
    },
    { method: 'GET', path: '/api/mailbox/imports', summary: 'What each imported mail became', query: importsQuerySchema },
  ],
};
