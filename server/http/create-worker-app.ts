import express, { type Express } from 'express';
import helmet from 'helmet';

import type { Config } from '../config';
import type { Logger } from '../logger';
import type { ServiceMetrics } from '../metrics/service-metrics';
import { errorHandler, notFoundHandler } from './error-handler';
import { healthRoutes } from './routes/health-routes';
import { metricsRoutes } from './routes/metrics-routes';

/**
 * What a worker process of a cluster answers over HTTP: liveness, readiness and its metrics, for the process
 * manager and Prometheus. No API: the load balancer sends users to web processes only.
 */
export function createWorkerApp(metrics: ServiceMetrics, config: Config, logger: Logger): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(healthRoutes());
  app.use(metricsRoutes(metrics, config.metricsToken));
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
