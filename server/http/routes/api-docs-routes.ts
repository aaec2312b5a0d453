import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import type { oas31 } from 'zod-openapi';

import { version } from '../../../package.json';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { openApiDocument } from '../api-docs/openapi-document';
import { servedRoutes } from '../api-docs/route-access';

const viewerDirectory = path.resolve(__dirname, '../api-docs/viewer');
const swaggerUiDirectory = path.dirname(require.resolve('swagger-ui-dist/package.json'));
/** The only files of swagger-ui-dist the page uses (its own index.html would load a demo API from the internet). */
const swaggerUiFiles = new Set(['/swagger-ui.css', '/swagger-ui-bundle.js']);

export const apiDocsOperations: ApiOperationGroup = {
  tag: 'API documentation',
  operations: [
    {
      method: 'GET',
      path: '/api/docs',
      summary: 'Readable API documentation (Swagger UI, served locally)',
      success: { mediaType: 'text/html' },
    },
    { method: 'GET', path: '/api/docs/openapi.json', summary: 'This OpenAPI 3.1 document' },
  ],
};

/**
 * The OpenAPI document, generated once from the operations the route modules declare and from the guards of the
 * routes the application really serves, and a page that shows it. Public: it describes what the source code
 * (AGPL) already shows, and holds no data.
 */
export function apiDocsRoutes(groups: readonly ApiOperationGroup[]): Router {
  const router = Router();
  let document: oas31.OpenAPIObject | undefined;

  router.get('/api/docs/openapi.json', (request, response) => {
    document ??= openApiDocument(groups, servedRoutes(request.app), version);
    response.json(document);
  });
  router.get('/api/docs', (_request, response) => {
    response.sendFile(path.join(viewerDirectory, 'index.html'));
  });
  router.use('/api/docs/assets', onlyFiles(swaggerUiFiles), express.static(swaggerUiDirectory, { index: false, maxAge: '1d' }));
  router.use('/api/docs/viewer', onlyFiles(new Set(['/start-viewer.js'])), express.static(viewerDirectory, { index: false }));
  return router;
}

function onlyFiles(files: ReadonlySet<string>): RequestHandler {
  return (request, _response, next) => next(files.has(request.path) ? undefined : 'router');
}
