import express, { Router } from 'express';
import { z } from 'zod';

import type { ChecklistSetVersionDocument } from '../../../models/checklists/checklist-set-version-model';
import { listChecklistSetVersions } from '../../../models/checklists/checklist-set-version-repository';
import { assistanceModes } from '../../../routing-rules/checklists/checklist-schema';
import { hasBlockingChecklistProblems } from '../../../routing-rules/checklists/checklist-set-problems';
import { agreementByIntent } from '../../answers/assisted-replies';
import type { ChecklistSetWorkflow } from '../../answers/checklist-set-workflow';
import { duties } from '../../auth/duties';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { parseInput } from '../parse-input';

const versionParamSchema = z.coerce.number({ error: 'numéro de version attendu' }).int().min(1);
const createDraftSchema = z.strictObject({ basedOnVersion: z.number().int().min(1).optional(), checklistSet: z.unknown().optional() });
const editDraftSchema = z.strictObject({
  checklistSet: z.unknown().refine((value) => value !== undefined, 'les listes sont obligatoires'),
});
const rollbackSchema = z.strictObject({
  reason: z.string().trim().min(3, 'indiquez la raison (3 caractères au moins)').max(500).optional(),
});
const modeSchema = z.strictObject({
  intent: z.string().regex(/^[a-z0-9-]{1,60}$/, 'identifiant de motif invalide'),
  mode: z.enum(assistanceModes, { error: 'mode attendu : off, pilot ou automatic' }),
});

/**
 * The supervisors' checklists API: the version in force and its history, drafts, publication, rollback, the
 * per-intent switch (off, pilot, automatic) and the pilot agreement rate that tells when to switch.
 */
export function checklistRoutes(workflow: ChecklistSetWorkflow, agreementWindow: number): Router {
  const router = Router();
  router.use('/api/checklists', requireUser, requireRole(...duties.steering));
  const json = express.json({ limit: '512kb' });

  router.get('/api/checklists/active', async (_request, response) => {
    response.json(withProblems(workflow, await workflow.published()));
  });

  router.get('/api/checklists/versions', async (_request, response) => {
    response.json({ versions: (await listChecklistSetVersions()).map((version) => versionView(version, false)) });
  });

  router.post('/api/checklists/versions', json, async (request, response) => {
    const body = parseInput(createDraftSchema, request.body ?? {}, 'Brouillon');
    response.status(201).json(withProblems(workflow, await workflow.createDraft(currentUser(response), body)));
  });

  router.get('/api/checklists/versions/:version', async (request, response) => {
    response.json(withProblems(workflow, await workflow.version(parseInput(versionParamSchema, request.params.version, 'Version'))));
  });

  router.put('/api/checklists/versions/:version', json, async (request, response) => {
    const version = parseInput(versionParamSchema, request.params.version, 'Version');
    const { checklistSet } = parseInput(editDraftSchema, request.body, 'Brouillon');
    response.json(withProblems(workflow, await workflow.editDraft(currentUser(response), version, checklistSet)));
  });

  router.post('/api/checklists/versions/:version/publish', async (request, response) => {
    const version = parseInput(versionParamSchema, request.params.version, 'Version');
    response.json({ version: versionView(await workflow.publish(currentUser(response), version), false) });
  });

  router.post('/api/checklists/versions/:version/rollback', json, async (request, response) => {
    const version = parseInput(versionParamSchema, request.params.version, 'Version');
    const { reason } = parseInput(rollbackSchema, request.body ?? {}, 'Retour à une version précédente');
    response.json({ version: versionView(await workflow.rollback(currentUser(response), version, reason), false) });
  });

  router.post('/api/checklists/modes', json, async (request, response) => {
    const { intent, mode } = parseInput(modeSchema, request.body, 'Mode du motif');
    response.json({ version: versionView(await workflow.setMode(currentUser(response), intent, mode), false) });
  });

  router.get('/api/checklists/agreement', async (_request, response) => {
    response.json({ window: agreementWindow, intents: await agreementByIntent(agreementWindow) });
  });
  return router;
}

function withProblems(workflow: ChecklistSetWorkflow, version: ChecklistSetVersionDocument) {
  const problems = workflow.problemsOf(version.checklistSet);
  return {
    version: versionView(version, true),
    problems,
    publishable: version.status === 'draft' && !hasBlockingChecklistProblems(problems),
  };
}

function versionView(version: ChecklistSetVersionDocument, withSet: boolean) {
  return {
    version: version.version,
    status: version.status,
    authorId: version.authorId?.toString() ?? null,
    createdAt: version.createdAt.toISOString(),
    basedOnVersion: version.basedOnVersion ?? null,
    restoredFromVersion: version.restoredFromVersion ?? null,
    publishedAt: version.publishedAt?.toISOString() ?? null,
    archivedAt: version.archivedAt?.toISOString() ?? null,
    changes: [...version.changes],
    ...(withSet ? { checklistSet: version.checklistSet } : {}),
  };
}

export const checklistOperations: ApiOperationGroup = {
  tag: 'Checklists and answers',
  operations: [
    { method: 'GET', path: '/api/checklists/active', summary: 'The checklists and answers in force, with their problems' },
    { method: 'GET', path: '/api/checklists/versions', summary: 'Every version, newest first' },
    {
      method: 'POST',
      path: '/api/checklists/versions',
      summary: 'Create a draft from the version in force or another',
      body: createDraftSchema,
      success: { status: 201 },
    },
    { method: 'GET', path: '/api/checklists/versions/:version', summary: 'One version with its problems' },
    { method: 'PUT', path: '/api/checklists/versions/:version', summary: "Replace a draft's content", body: editDraftSchema },
    { method: 'POST', path: '/api/checklists/versions/:version/publish', summary: 'Publish a valid draft (audited)' },
    {
      method: 'POST',
      path: '/api/checklists/versions/:version/rollback',
      summary: 'Publish a copy of an earlier version (audited)',
      body: rollbackSchema,
    },
    {
      method: 'POST',
      path: '/api/checklists/modes',
      summary: "Switch one intent's request or answer off, to pilot or to automatic (a new version)",
      body: modeSchema,
    },
    { method: 'GET', path: '/api/checklists/agreement', summary: 'Per intent, how often agents sent the pilot suggestion as it was' },
  ],
};
