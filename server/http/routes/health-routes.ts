import { Router } from 'express';
import mongoose from 'mongoose';

import type { ApiOperationGroup } from '../api-docs/api-operation';

/** Liveness (the process answers) and readiness (the database is reachable, so requests can be accepted). */
export function healthRoutes(): Router {
  const router = Router();
  router.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/ready', async (_request, response) => {
    try {
      await mongoose.connection.db!.admin().ping();
      response.json({ status: 'ready' });
    } catch {
      response.status(503).json({ status: 'not-ready', error: 'La base de données ne répond pas.' });
    }
  });
  return router;
}

export const healthOperations: ApiOperationGroup = {
  tag: 'Operations',
  operations: [
    { method: 'GET', path: '/health', summary: 'Liveness: the process answers' },
    { method: 'GET', path: '/ready', summary: 'Readiness: the database is reachable (503 otherwise)' },
  ],
};
