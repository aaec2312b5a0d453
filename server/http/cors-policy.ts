import type { RequestHandler } from 'express';

import { HttpError } from './http-error';

const safeMethods = new Set(['GET', 'HEAD']);

/**
 * Strict CORS: only the configured origins (the mairie's own website, for the public form) may call the API from a
 * browser. A request from any other site that could change something is refused outright, whatever it carries,
 * which also closes the door to cross-site request forgery.
 */
export function corsPolicy(allowedOrigins: readonly string[]): RequestHandler {
  return (request, response, next) => {
    const origin = request.headers.origin;
    if (!origin) {
      next();
      return;
    }
    const allowed = allowedOrigins.includes(origin);
    const sameOrigin = origin === `${request.protocol}://${request.headers.host}`;
    if (allowed) {
      response.vary('Origin');
      response.setHeader('Access-Control-Allow-Origin', origin);
      response.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key');
      response.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
      response.setHeader('Access-Control-Max-Age', '600');
    }
    if (request.method === 'OPTIONS') {
      response.status(allowed ? 204 : 403).end();
      return;
    }
    next(
      allowed || sameOrigin || safeMethods.has(request.method)
        ? undefined
        : new HttpError(403, "Cette origine n'est pas autorisée à utiliser l'API."),
    );
  };
}
