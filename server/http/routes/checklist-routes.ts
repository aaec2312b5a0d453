import express, { Router, type Request } from 'express';
import { z } from 'zod';

import type { ChecklistSetVersionDocument } from '../../../models/checklists/checklist-set-version-model';
import { assistanceModes } from '../../../routing-rules/checklists/checklist-schema';
import { hasBlockingChecklistProblems } from '../../../routing-rules/checklists/checklist-set-problems';
import { settingLevelSchema, type SettingLevel } from '../../../routing-rules/communes/setting-levels';
import type { ChecklistSetWorkflow } from '../../answers/checklist-set-workflow';
import { duties } from '../../auth/duties';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { parseInput } from '../parse-input';
import { settingLevelQuery } from '../setting-level-request';

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

const levelOf = (request: Request) => parseInput(settingLevelSchema, request.query, 'Commune');

/**
 * The supervisors' checklists API: the version in force and its history, drafts, publication, rollback, the
 * per-intent switch (off, pilot, automatic) and the pilot agreement rate that tells when to switch. `?commune=INSEE`
 * names a commune's level (its own set, which replaces the service's for its requests), absent the service's; the
 * routes naming a version act at that version's level.
 */
export function checklistRoutes(workflow: ChecklistSetWorkflow, agreementWindow: number): Router {
  const router = Router();
  router.use('/api/checklists', requireUser, requireRole(...duties.steering));
  const json = express.json({ limit: '512kb' });

  router.get('/api/checklists/active', async (request, response) => {
    response.json(inForceView(workflow, await workflow.published(currentUser(response), levelOf(request))));
  });

  router.delete('/api/checklists/active', async (request, response) => {
    response.json(inForceView(workflow, await workflow.removeOverride(currentUser(response), levelOf(request))));
  });

  router.get('/api/checklists/versions', async (request, response) => {
    const versions = await workflow.versions(currentUser(response), levelOf(request));
    response.json({ versions: versions.map((version) => versionView(version, false)) });
  });

  router.post('/api/checklists/versions', json, async (request, response) => {
    const commune = levelOf(request);
    const body = parseInput(createDraftSchema, request.body ?? {}, 'Brouillon');
    response.status(201).json(withProblems(workflow, await workflow.createDraft(currentUser(response), commune, body)));
  });

  router.get('/api/checklists/versions/:version', async (request, response) => {
    const version = parseInput(versionParamSchema, request.params.version, 'Version');
    response.json(withProblems(workflow, await workflow.version(currentUser(response), version)));
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
    const commune = levelOf(request);
    const { intent, mode } = parseInput(modeSchema, request.body, 'Mode du motif');
    response.json({ version: versionView(await workflow.setMode(currentUser(response), commune, intent, mode), false) });
  });

  router.get('/api/checklists/agreement', async (request, response) => {
    response.json({ window: agreementWindow, intents: await workflow.agreement(currentUser(response), levelOf(request), agreementWindow) });
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

/** The set in force at a level, and the level it comes from ('service' at a commune without its own). */
function inForceView(workflow: ChecklistSetWorkflow, inForce: { version: ChecklistSetVersionDocument; level: SettingLevel }) {
  return { ...withProblems(workflow, inForce.version), level: inForce.level };
}

function versionView(version: ChecklistSetVersionDocument, withSet: boolean) {
  return {
    version: version.version,
    commune: version.commune ?? null,
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
    {
      method: 'GET',
      path: '/api/checklists/active',
      summary: "The checklists and answers in force at the service's level or a commune's, with their problems and level",
      query: settingLevelQuery,
    },
    {
      method: 'DELETE',
      path: '/api/checklists/active',
      summary: "A commune's own set withdrawn: it takes the service's again (audited)",
      query: settingLevelQuery,
    },
    { method: 'GET', path: '/api/checklists/versions', summary: 'Every version of one level, newest first', query: settingLevelQuery },
    {
      method: 'POST',
      path: '/api/checklists/versions',
      summary: 'Create a draft of one level from the version in force there or another',
      query: settingLevelQuery,
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
      summary: "Switch one intent's request or answer off, to pilot or to automatic (a new version of the level)",
      query: settingLevelQuery,
      body: modeSchema,
    },
    {
      method: 'GET',
      path: '/api/checklists/agreement',
      summary: "Per intent, how often agents sent the pilot suggestion as it was, in one commune's tickets or all the user's",
      query: settingLevelQuery,
    },
  ],
};
