import { Router } from 'express';
import { z } from 'zod';

import { countCorrectionsSince } from '../../../models/classifier/classifier-correction-repository';
import { findActiveHeadVersion, listHeadVersions } from '../../../models/classifier/classifier-head-version-repository';
import type { TicketScope, TicketViewer } from '../../../tickets/ticket-visibility';
import { duties } from '../../auth/duties';
import { correctionsToLearn } from '../../classification/corrections-to-learn';
import type { ClassifierHeadParts } from '../../classification/start-classifier-head';
import { toHeadVersionView } from '../../presenters/classifier-head-version-view';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';

const versionParameterSchema = z.coerce.number().int().min(1, 'numéro de version invalide');

/**
 * The supervisors' control of the transformer classifier's head (docs/model-api.md): versions and their scores,
 * corrections waiting to be learnt, retraining, activation and rollback.
 */
export function modelRoutes(
  parts: Pick<ClassifierHeadParts, 'runtime' | 'retraining'>,
  scopeOf: (viewer: TicketViewer) => TicketScope,
): Router {
  const router = Router();
  router.use('/api/model', requireUser, requireRole(...duties.steering));

  router.get('/api/model/versions', async (_request, response) => {
    const [active, versions] = await Promise.all([findActiveHeadVersion(), listHeadVersions()]);
    const activeVersion = active?.version ?? null;
    response.json({ activeVersion, versions: versions.map((version) => toHeadVersionView(version, activeVersion)) });
  });

  router.get('/api/model/corrections', async (_request, response) => {
    const active = await findActiveHeadVersion();
    const learntUntil = active?.correctionsUntil ?? null;
    const [waiting, total, corrections] = await Promise.all([
      countCorrectionsSince(learntUntil),
      countCorrectionsSince(null),
      correctionsToLearn(scopeOf(currentUser(response)).communes, learntUntil),
    ]);
    response.json({ activeVersion: active?.version ?? null, waiting, total, corrections });
  });

  /** Where a retraining in progress stands (polled by the model page while it waits for POST /api/model/retrain). */
  router.get('/api/model/retraining', (_request, response) => {
    const progress = parts.retraining.progress;
    response.json({ inProgress: parts.retraining.inProgress, ...(progress ?? { step: null, index: null, count: null }) });
  });

  router.post('/api/model/retrain', async (_request, response) => {
    if (parts.retraining.inProgress) throw new HttpError(409, 'Un réentraînement est déjà en cours.');
    const previousVersion = parts.runtime.activeVersion;
    const { version, activated } = await parts.retraining.retrain(currentUser(response));
    response.status(201).json({
      activated,
      previousVersion,
      activeVersion: parts.runtime.activeVersion,
      version: toHeadVersionView(version, parts.runtime.activeVersion),
    });
  });

  router.post('/api/model/versions/:version/activate', async (request, response) => {
    const versionNumber = parseInput(versionParameterSchema, request.params.version, 'Version');
    if (versionNumber === parts.runtime.activeVersion && (await findActiveHeadVersion())?.version === versionNumber) {
      throw new HttpError(409, `La version ${versionNumber} est déjà active.`);
    }
    const activation = await parts.runtime.activate(versionNumber, currentUser(response));
    if (activation.status === 'missing') throw new HttpError(404, `La version ${versionNumber} n'existe pas.`);
    if (activation.status === 'incompatible') {
      throw new HttpError(
        409,
        `La version ${versionNumber} a été entraînée pour un autre encodeur (${activation.encoder}) : elle ne peut pas être activée.`,
      );
    }
    response.json({ previousVersion: activation.previousVersion, version: toHeadVersionView(activation.version, versionNumber) });
  });

  return router;
}

export const modelOperations: ApiOperationGroup = {
  tag: 'Classifier model',
  operations: [
    { method: 'GET', path: '/api/model/versions', summary: "The classifier head's versions and their scores" },
    {
      method: 'GET',
      path: '/api/model/corrections',
      summary: 'Corrections waiting to be learnt, and the latest correction of each request by reference',
    },
    { method: 'GET', path: '/api/model/retraining', summary: 'The stage of the retraining in progress' },
    {
      method: 'POST',
      path: '/api/model/retrain',
      summary: 'Learn from the corrections; the new version is activated only if it is no worse',
      success: { status: 201 },
    },
    {
      method: 'POST',
      path: '/api/model/versions/:version/activate',
      summary: 'Activate a version (or roll back to it)',
      params: z.object({ version: versionParameterSchema }),
    },
  ],
};
