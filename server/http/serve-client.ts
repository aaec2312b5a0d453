import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import helmet from 'helmet';

import type { ApiOperationGroup } from './api-docs/api-operation';

/** Where `npm run build:client` writes the web app (see client/vite.config.ts). */
export const builtClientDirectory = path.resolve(__dirname, '../../build/client');

/**
 * The web app's page gets a stricter policy than helmet's defaults: its own scripts and styles only (no inline
 * code or style, no CDN), socket.io on the same origin ('self' covers ws: and wss: to the same host). No
 * upgrade-insecure-requests: during a trial the app is often opened over plain http on the town hall's network,
 * where upgrading would break every asset; TLS belongs to the reverse proxy in production.
 */
const clientPagePolicy = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'font-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  },
});

/**
 * Serves the built web app: hashed assets cached for a year, the page itself never cached so that a new release
 * is picked up at the next load. The app routes with the URL fragment, so `/` is its only page.
 */
export function serveClient(directory = builtClientDirectory): Router {
  const router = Router();
  const page = path.join(directory, 'index.html');
  router.use('/assets', express.static(path.join(directory, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  router.get(['/', '/index.html'], clientPagePolicy, (_request, response) => {
    if (!existsSync(page)) {
      response
        .status(503)
        .type('text/plain; charset=utf-8')
        .send("L'application web n'est pas construite : lancez « npm run build:client ».");
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(page);
  });
  router.get('/favicon.svg', (_request, response, next) => {
    response.sendFile(path.join(directory, 'favicon.svg'), { maxAge: '1d' }, (error) => (error ? next() : undefined));
  });
  return router;
}

export const webAppOperations: ApiOperationGroup = {
  tag: 'Web app',
  operations: [
    { method: 'GET', path: '/', summary: "The agents' and supervisors' web app", success: { mediaType: 'text/html' } },
    { method: 'GET', path: '/index.html', summary: "The agents' and supervisors' web app", success: { mediaType: 'text/html' } },
    { method: 'GET', path: '/favicon.svg', summary: 'The web app icon', success: { mediaType: 'image/svg+xml' } },
  ],
};
