import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type RequestHandler } from 'express';

import type { ServiceMetrics } from '../../metrics/service-metrics';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { bearerToken } from '../authenticate';
import { HttpError } from '../http-error';
import { guardedBy } from '../route-guards';

export const metricsOperations: ApiOperationGroup = {
  tag: 'Operations',
  operations: [
    { method: 'GET', path: '/metrics', summary: 'Prometheus metrics (text exposition format)', success: { mediaType: 'text/plain' } },
  ],
};

/**
 * Prometheus metrics for whoever holds METRICS_TOKEN. A token rather than "loopback only": behind a reverse proxy
 * on the same machine every visitor comes from the loopback address (SECURITY.md).
 */
export function metricsRoutes(metrics: ServiceMetrics, metricsToken: string | undefined): Router {
  const router = Router();
  router.get('/metrics', requireMetricsToken(metricsToken), async (_request, response) => {
    response.setHeader('Cache-Control', 'no-store');
    response.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}

function requireMetricsToken(expected: string | undefined): RequestHandler {
  const expectedDigest = expected === undefined ? null : digest(expected);
  return guardedBy<RequestHandler>(
    (request, _response, next) => {
      if (!expectedDigest) {
        next(new HttpError(404, 'Les métriques ne sont pas activées sur ce serveur (METRICS_TOKEN).'));
        return;
      }
      const token = bearerToken(request.headers.authorization);
      // Digests of equal length, so that the comparison takes the same time whatever the token sent.
      const valid = token !== undefined && timingSafeEqual(digest(token), expectedDigest);
      next(valid ? undefined : new HttpError(401, 'Jeton des métriques absent ou incorrect.'));
    },
    { requires: 'metrics-token' },
  );
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
