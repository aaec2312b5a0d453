import express, { Router } from 'express';
import { z } from 'zod';

import type { RuleSetSimulationDocument } from '../../../models/rules/rule-set-simulation-model';
import type { RuleSetVersionDocument } from '../../../models/rules/rule-set-version-model';
import { listRuleSetVersions } from '../../../models/rules/rule-set-version-repository';
import type { RuleSet } from '../../../routing-rules/rule-schema';
import { hasBlockingProblems } from '../../../routing-rules/rule-set-problem';
import { duties } from '../../auth/duties';
import type { Config } from '../../config';
import { latestRuleSetChanges } from '../../routing/rule-set-audit';
import { type RuleSetWorkflow } from '../../routing/rule-set-workflow';
import { jsonlSimulationInputs } from '../../routing/simulation-inputs';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { parseInput } from '../parse-input';
import { simulationRateLimit } from '../rate-limits';

const versionParamSchema = z.coerce.number({ error: 'numéro de version attendu' }).int().min(1);
const createDraftSchema = z.strictObject({
  basedOnVersion: z.number().int().min(1).optional(),
  ruleSet: z.unknown().optional(),
});
const editDraftSchema = z.strictObject({ ruleSet: z.unknown().refine((value) => value !== undefined, 'le jeu de règles est obligatoire') });
const validateSchema = editDraftSchema;
const simulateSchema = z.strictObject({
  limit: z.number().int().min(1, 'au moins 1 demande').max(10_000, '10 000 demandes au plus').optional(),
});
const publishSchema = z.strictObject({ simulationId: z.string().min(1).optional() });
const rollbackSchema = z.strictObject({
  reason: z.string().trim().min(3, 'indiquez la raison (3 caractères au moins)').max(500).optional(),
});

const maxRuleSetBytes = '512kb';
const maxJsonlBytes = '10mb';

/**
 * The supervisors' rule API: read the rules in force and their history, draft, validate, simulate, publish,
 * roll back. Validation problems come back as 422 with French messages located rule by rule.
 */
export function ruleRoutes(workflow: RuleSetWorkflow, config: Pick<Config, 'ruleSimulationsPerHour'>): Router {
  const router = Router();
  router.use('/api/rule-sets', requireUser, requireRole(...duties.steering));
  const json = express.json({ limit: maxRuleSetBytes });

  router.get('/api/rule-sets/active', async (_request, response) => {
    response.json({ version: versionView(await workflow.published(), true) });
  });

  router.get('/api/rule-sets/versions', async (_request, response) => {
    response.json({ versions: (await listRuleSetVersions()).map((version) => versionView(version, false)) });
  });

  router.post('/api/rule-sets/versions', json, async (request, response) => {
    const body = parseInput(createDraftSchema, request.body ?? {}, 'Brouillon');
    const draft = await workflow.createDraft(currentUser(response), body);
    response.status(201).json(withProblems(workflow, draft));
  });

  router.get('/api/rule-sets/versions/:version', async (request, response) => {
    const version = await workflow.version(parseInput(versionParamSchema, request.params.version, 'Version'));
    response.json(withProblems(workflow, version));
  });

  router.put('/api/rule-sets/versions/:version', json, async (request, response) => {
    const versionNumber = parseInput(versionParamSchema, request.params.version, 'Version');
    const { ruleSet } = parseInput(editDraftSchema, request.body, 'Brouillon');
    const draft = await workflow.editDraft(currentUser(response), versionNumber, ruleSet);
    response.json(withProblems(workflow, draft));
  });

  router.post('/api/rule-sets/validate', json, (request, response) => {
    const { ruleSet } = parseInput(validateSchema, request.body, 'Validation');
    const problems = workflow.problemsOf(ruleSet);
    response.json({ problems, publishable: !hasBlockingProblems(problems) });
  });

  router.post('/api/rule-sets/versions/:version/validate', async (request, response) => {
    const version = await workflow.version(parseInput(versionParamSchema, request.params.version, 'Version'));
    const problems = workflow.problemsOf(version.ruleSet);
    response.json({ problems, publishable: !hasBlockingProblems(problems) });
  });

  router.post(
    '/api/rule-sets/versions/:version/simulate',
    simulationRateLimit(config),
    express.text({ type: ['application/x-ndjson', 'application/jsonl'], limit: maxJsonlBytes }),
    json,
    async (request, response) => {
      const versionNumber = parseInput(versionParamSchema, request.params.version, 'Version');
      const source =
        typeof request.body === 'string'
          ? { uploaded: jsonlSimulationInputs(request.body) }
          : parseInput(simulateSchema, request.body ?? {}, 'Simulation');
      const simulation = await workflow.simulate(currentUser(response), versionNumber, source);
      response.status(201).json({ simulation: simulationView(simulation) });
    },
  );

  router.get('/api/rule-sets/simulations/:id', async (request, response) => {
    response.json({ simulation: simulationView(await workflow.simulation(request.params.id)) });
  });

  router.post('/api/rule-sets/versions/:version/publish', json, async (request, response) => {
    const versionNumber = parseInput(versionParamSchema, request.params.version, 'Version');
    const { simulationId } = parseInput(publishSchema, request.body ?? {}, 'Publication');
    const published = await workflow.publish(currentUser(response), versionNumber, simulationId);
    response.json({
      version: versionView(published.version, false),
      diff: published.diff,
      simulation: simulationView(published.simulation),
    });
  });

  router.post('/api/rule-sets/versions/:version/rollback', json, async (request, response) => {
    const versionNumber = parseInput(versionParamSchema, request.params.version, 'Version');
    const { reason } = parseInput(rollbackSchema, request.body ?? {}, 'Retour à une version précédente');
    const restored = await workflow.rollback(currentUser(response), versionNumber, reason);
    response.json({ version: versionView(restored.version, false), diff: restored.diff, simulation: restored.simulation });
  });

  router.get('/api/rule-sets/audit', async (_request, response) => {
    response.json({ events: await latestRuleSetChanges(200) });
  });

  return router;
}

function withProblems(workflow: RuleSetWorkflow, version: RuleSetVersionDocument) {
  const problems = workflow.problemsOf(version.ruleSet);
  return { version: versionView(version, true), problems, publishable: version.status === 'draft' && !hasBlockingProblems(problems) };
}

function versionView(version: RuleSetVersionDocument, withRuleSet: boolean) {
  const ruleSet = version.ruleSet as RuleSet;
  return {
    version: version.version,
    status: version.status,
    revision: version.revision ?? 1,
    authorId: version.authorId?.toString() ?? null,
    createdAt: version.createdAt.toISOString(),
    updatedAt: version.updatedAt.toISOString(),
    basedOnVersion: version.basedOnVersion ?? null,
    restoredFromVersion: version.restoredFromVersion ?? null,
    publishedAt: version.publishedAt?.toISOString() ?? null,
    publishedBy: version.publishedBy?.toString() ?? null,
    archivedAt: version.archivedAt?.toISOString() ?? null,
    ruleCount: ruleSet.rules.length,
    diff: version.diff ?? null,
    ...(withRuleSet ? { ruleSet } : {}),
  };
}

function simulationView(simulation: RuleSetSimulationDocument) {
  return {
    id: simulation._id.toString(),
    draftVersion: simulation.draftVersion,
    draftRevision: simulation.draftRevision,
    activeVersion: simulation.activeVersion,
    source: simulation.source,
    requestCount: simulation.requestCount,
    skipped: simulation.skipped ?? 0,
    before: simulation.before,
    after: simulation.after,
    moved: simulation.moved,
    changed: simulation.changed ?? [],
    createdAt: simulation.createdAt.toISOString(),
  };
}

const versionParams = z.object({ version: versionParamSchema });

export const ruleOperations: ApiOperationGroup = {
  tag: 'Routing rules',
  operations: [
    { method: 'GET', path: '/api/rule-sets/active', summary: 'The published rule set in force' },
    { method: 'GET', path: '/api/rule-sets/versions', summary: 'Every rule set version, drafts and history' },
    {
      method: 'POST',
      path: '/api/rule-sets/versions',
      summary: 'Create a draft, empty or from a version',
      body: createDraftSchema,
      success: { status: 201 },
    },
    { method: 'GET', path: '/api/rule-sets/versions/:version', summary: 'One version with its validation problems', params: versionParams },
    { method: 'PUT', path: '/api/rule-sets/versions/:version', summary: 'Edit a draft', params: versionParams, body: editDraftSchema },
    { method: 'POST', path: '/api/rule-sets/validate', summary: 'Validate a rule set without storing it', body: validateSchema },
    { method: 'POST', path: '/api/rule-sets/versions/:version/validate', summary: 'Validate a stored version', params: versionParams },
    {
      method: 'POST',
      path: '/api/rule-sets/versions/:version/simulate',
      summary: 'Replay stored requests (or an uploaded JSON Lines file) through a draft',
      params: versionParams,
      body: { mediaTypes: ['application/json', 'application/x-ndjson', 'application/jsonl'], schema: simulateSchema },
      success: { status: 201 },
    },
    { method: 'GET', path: '/api/rule-sets/simulations/:id', summary: 'One simulation and what it moved' },
    {
      method: 'POST',
      path: '/api/rule-sets/versions/:version/publish',
      summary: 'Publish a draft after its simulation',
      params: versionParams,
      body: publishSchema,
    },
    {
      method: 'POST',
      path: '/api/rule-sets/versions/:version/rollback',
      summary: 'Publish an earlier version again',
      params: versionParams,
      body: rollbackSchema,
    },
    { method: 'GET', path: '/api/rule-sets/audit', summary: 'The latest changes to the rules' },
  ],
};
