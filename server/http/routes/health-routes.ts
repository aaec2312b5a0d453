import { Router } from 'express';
import mongoose from 'mongoose';

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
