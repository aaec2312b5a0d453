import express, { Router } from 'express';
import { z } from 'zod';

import { recordAuditEvent } from '../../../models/audit/audit-event-repository';
import type { TicketViewer } from '../../../tickets/ticket-visibility';
import type { Logger } from '../../logger';
import type { RetentionPolicy } from '../../privacy/retention-policy';
import { auditPurge, purgeExpiredData } from '../../privacy/retention-purge';
import {
  dataSubjectSchema,
  eraseSubjectData,
  exportSubjectData,
  rectificationSchema,
  rectifySubjectData,
} from '../../privacy/subject-rights';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { parseInput } from '../parse-input';

const purgeSchema = z.strictObject({ dryRun: z.boolean({ error: 'Indiquez dryRun : true pour simuler, false pour purger.' }) });
const rectifySchema = z.strictObject({ subject: dataSubjectSchema, changes: rectificationSchema });
const eraseSchema = z.strictObject({
  subject: dataSubjectSchema,
  confirm: z.literal(true, { error: 'Confirmez l’effacement définitif (confirm : true).' }),
});

/**
 * The DPO's API: data subjects' rights and retention. The person is designated in the body, never in the URL, so
 * that an address does not end up in access logs. Every action is audited, with ids and counts only. A DPO
 * answers for the communes of their account (an EPCI's DPO: every commune of the EPCI, searched together).
 */
export function privacyRoutes(
  policy: RetentionPolicy,
  logger: Logger,
  communesOf: (viewer: TicketViewer) => { communes: string[] },
): Router {
  const router = Router();
  router.use('/api/privacy', requireUser, requireRole('dpo'), express.json({ limit: '4kb' }));

  router.post('/api/privacy/subject/export', async (request, response) => {
    const subject = parseInput(dataSubjectSchema, request.body, 'Personne concernée');
    const exported = await exportSubjectData(subject, communesOf(currentUser(response)).communes);
    await recordAuditEvent({
      actor: currentUser(response),
      action: 'privacy.subject-exported',
      objectType: 'DataSubject',
      objectId: 'subject-request',
      details: { requestIds: exported.requests.map((item) => item.id), designatedBy: Object.keys(subject) },
    });
    response.setHeader('Content-Disposition', 'attachment; filename="export-donnees-personnelles.json"');
    response.json(exported);
  });

  router.post('/api/privacy/subject/rectify', async (request, response) => {
    const { subject, changes } = parseInput(rectifySchema, request.body, 'Rectification');
    const { requestIds } = await rectifySubjectData(subject, changes, communesOf(currentUser(response)).communes);
    await recordAuditEvent({
      actor: currentUser(response),
      action: 'privacy.subject-rectified',
      objectType: 'DataSubject',
      objectId: 'subject-request',
      details: { requestIds, fields: Object.keys(changes), designatedBy: Object.keys(subject) },
    });
    response.json({ rectified: requestIds.length });
  });

  router.post('/api/privacy/subject/erase', async (request, response) => {
    const { subject } = parseInput(eraseSchema, request.body, 'Effacement');
    const erased = await eraseSubjectData(subject, communesOf(currentUser(response)).communes);
    await recordAuditEvent({
      actor: currentUser(response),
      action: 'privacy.subject-erased',
      objectType: 'DataSubject',
      objectId: 'subject-request',
      details: { ...erased, designatedBy: Object.keys(subject) },
    });
    logger.info(
      { requests: erased.requests, messages: erased.messages, attachments: erased.attachments },
      'data subject erased on the DPO request',
    );
    response.json({
      erased: { requests: erased.requests, tickets: erased.tickets, messages: erased.messages, attachments: erased.attachments },
    });
  });

  router.get('/api/privacy/retention/policy', (_request, response) => {
    response.json({ policy });
  });

  router.post('/api/privacy/retention/purge', async (request, response) => {
    const { dryRun } = parseInput(purgeSchema, request.body, 'Purge');
    const report = await purgeExpiredData(policy, { dryRun });
    await auditPurge(report, currentUser(response));
    logger.info({ dryRun, anonymised: report.anonymised, deleted: report.deleted }, 'retention purge run by the DPO');
    response.json({ report });
  });
  return router;
}

export const privacyOperations: ApiOperationGroup = {
  tag: 'Personal data',
  operations: [
    {
      method: 'POST',
      path: '/api/privacy/subject/export',
      summary: "Export a person's data (designated in the body, never in the URL)",
      body: dataSubjectSchema,
    },
    { method: 'POST', path: '/api/privacy/subject/rectify', summary: "Rectify a person's data", body: rectifySchema },
    { method: 'POST', path: '/api/privacy/subject/erase', summary: "Erase a person's data for good", body: eraseSchema },
    { method: 'GET', path: '/api/privacy/retention/policy', summary: 'The retention policy in force' },
    {
      method: 'POST',
      path: '/api/privacy/retention/purge',
      summary: 'Purge what is past its retention, or simulate it',
      body: purgeSchema,
    },
  ],
};
