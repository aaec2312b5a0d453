import express, { Router } from 'express';
import { z } from 'zod';

import { recordAuditEvent } from '../../../models/audit/audit-event-repository';
import { listQueuesByIds, setQueueSignature } from '../../../models/queue/queue-repository';
import type { CannedResponseDocument } from '../../../models/replies/canned-response-model';
import {
  createCannedResponse,
  deleteCannedResponse,
  findCannedResponse,
  listCannedResponses,
  updateCannedResponse,
} from '../../../models/replies/canned-response-repository';
import { ticketStatuses } from '../../../tickets/ticket-status';
import type { TicketViewer } from '../../../tickets/ticket-visibility';
import { duties } from '../../auth/duties';
import { assertSettingLevelAccess, type SettingsScope } from '../../communes/setting-level-access';
import { cannedResponseProblems, cannedResponseVariables } from '../../replies/canned-response-text';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';
import { settingLevelOf, settingLevelQuery } from '../setting-level-request';

const signatureSchema = z.strictObject({
  signature: z.string().trim().max(500, 'La signature ne doit pas dépasser 500 caractères.'),
});

function cannedResponseSchema(queueIds: readonly string[]) {
  return z.strictObject({
    queue: z.string().refine((queue) => queueIds.includes(queue), 'file inconnue'),
    title: z.string().trim().min(1, 'Le titre est obligatoire.').max(80, 'Le titre ne doit pas dépasser 80 caractères.'),
    body: z
      .string()
      .trim()
      .min(1, 'Le texte est obligatoire.')
      .max(10_000, 'Le texte ne doit pas dépasser 10 000 caractères.')
      .superRefine((body, context) => {
        for (const message of cannedResponseProblems(body)) context.addIssue({ code: 'custom', message });
      }),
    /** A macro: the status the ticket takes when the reply is sent. */
    status: z.enum(ticketStatuses).optional(),
    /** A macro: tags added when the reply is sent. */
    tags: z.array(z.string().trim().min(1).max(60)).max(10).default([]),
  });
}

const duplicateTitle = 'Ce service a déjà une réponse type de ce titre à ce niveau : choisissez-en un autre.';

/**
 * What the supervisors set for agents' replies: each service's signature, and its canned responses (with their
 * variables, and as macros a status and tags), the service's (`?commune=` absent: every commune's) and each
 * commune's own: a supervisor sees the service's and their communes' and changes those of their level. Every
 * change is audited with its commune.
 */
export function replySettingsRoutes(queueIds: readonly string[], settingsScopeOf: (viewer: TicketViewer) => SettingsScope): Router {
  const router = Router();
  const steering = [requireUser, requireRole(...duties.steering)];
  const responseSchema = cannedResponseSchema(queueIds);
  /** The stored response, once the signed-in user passes the one check for changing its level. */
  const changeable = async (id: string, response: express.Response) => {
    const found = await findCannedResponse(id);
    if (!found) throw new HttpError(404, 'Réponse type introuvable.');
    assertSettingLevelAccess(settingsScopeOf(currentUser(response)), found.commune ?? null, 'change');
    return found;
  };

  router.get('/api/reply-settings', ...steering, async (_request, response) => {
    const { communes } = settingsScopeOf(currentUser(response));
    const [queues, responses] = await Promise.all([listQueuesByIds(queueIds), listCannedResponses(queueIds, communes)]);
    response.json({
      signatures: queues.map((queue) => ({ queue: queue._id, label: queue.label, signature: queue.signature ?? '' })),
      cannedResponses: responses.map(cannedResponseView),
      variables: cannedResponseVariables,
    });
  });

  router.put('/api/queues/:queueId/signature', ...steering, express.json({ limit: '4kb' }), async (request, response) => {
    const { signature } = parseInput(signatureSchema, request.body, 'Signature');
    const queueId = request.params.queueId as string;
    const before = queueIds.includes(queueId) ? await setQueueSignature(queueId, signature) : null;
    if (before === null) throw new HttpError(404, 'File introuvable.');
    await recordAuditEvent({
      actor: currentUser(response),
      action: 'queue.signature-changed',
      objectType: 'Queue',
      objectId: queueId,
      details: { from: before, to: signature },
    });
    response.json({ queue: queueId, signature });
  });

  router.post('/api/canned-responses', ...steering, express.json({ limit: '32kb' }), async (request, response) => {
    const commune = settingLevelOf(request, response, settingsScopeOf, 'change');
    const fields = parseInput(responseSchema, request.body, 'Réponse type');
    const created = await createCannedResponse(fields, commune, currentUser(response)._id);
    if (!created) throw new HttpError(409, duplicateTitle);
    await audit(response, 'canned-response.created', created);
    response.status(201).json({ cannedResponse: cannedResponseView(created) });
  });

  router.put('/api/canned-responses/:id', ...steering, express.json({ limit: '32kb' }), async (request, response) => {
    const fields = parseInput(responseSchema, request.body, 'Réponse type');
    await changeable(request.params.id as string, response);
    const updated = await updateCannedResponse(request.params.id as string, fields, currentUser(response)._id);
    if (updated === undefined) throw new HttpError(404, 'Réponse type introuvable.');
    if (updated === null) throw new HttpError(409, duplicateTitle);
    await audit(response, 'canned-response.updated', updated);
    response.json({ cannedResponse: cannedResponseView(updated) });
  });

  router.delete('/api/canned-responses/:id', ...steering, async (request, response) => {
    await changeable(request.params.id as string, response);
    const deleted = await deleteCannedResponse(request.params.id as string);
    if (!deleted) throw new HttpError(404, 'Réponse type introuvable.');
    await audit(response, 'canned-response.deleted', deleted);
    response.status(204).end();
  });
  return router;
}

async function audit(response: express.Response, action: string, cannedResponse: CannedResponseDocument): Promise<void> {
  await recordAuditEvent({
    actor: currentUser(response),
    action,
    objectType: 'CannedResponse',
    objectId: cannedResponse.id,
    commune: cannedResponse.commune ?? null,
    details: { queue: cannedResponse.queue, title: cannedResponse.title },
  });
}

function cannedResponseView(cannedResponse: CannedResponseDocument) {
  return {
    id: cannedResponse.id,
    queue: cannedResponse.queue,
    commune: cannedResponse.commune ?? null,
    level: cannedResponse.commune ? ('commune' as const) : ('service' as const),
    title: cannedResponse.title,
    body: cannedResponse.body,
    status: cannedResponse.status ?? null,
    tags: [...cannedResponse.tags],
  };
}

export function replySettingsOperations(queueIds: readonly string[]): ApiOperationGroup {
  const body = cannedResponseSchema(queueIds);
  return {
    tag: 'Replies',
    operations: [
      {
        method: 'GET',
        path: '/api/reply-settings',
        summary:
          "Each service's reply signature, and the canned responses of the service's level and of the user's communes (with their variables)",
      },
      {
        method: 'PUT',
        path: '/api/queues/:queueId/signature',
        summary: "Set a service's signature under its agents' replies",
        body: signatureSchema,
      },
      {
        method: 'POST',
        path: '/api/canned-responses',
        summary: "Create a canned response (a macro when it sets a status or tags) at the service's level or a commune's",
        query: settingLevelQuery,
        body,
        success: { status: 201 },
      },
      { method: 'PUT', path: '/api/canned-responses/:id', summary: 'Change a canned response (its level stays)', body },
      {
        method: 'DELETE',
        path: '/api/canned-responses/:id',
        summary: 'Delete a canned response of a level the user changes',
        success: { status: 204 },
      },
    ],
  };
}
