import type { ErrorRequestHandler, RequestHandler } from 'express';

import { ApplicationError, type ApplicationErrorKind } from '../application-error';
import type { Logger } from '../logger';
import { HttpError } from './http-error';

const statusOfKind: Record<ApplicationErrorKind, number> = { invalid: 400, forbidden: 403, 'not-found': 404, conflict: 409, rejected: 422 };

export const notFoundHandler: RequestHandler = (_request, response) => {
  response.status(404).json({ error: 'Ressource introuvable.' });
};

/** Every failure becomes JSON with a French message; internals (stack traces, driver messages) never leave. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, request, response, _next) => {
    const bodyParserType = (error as { type?: string }).type;
    if (error instanceof HttpError) {
      response.status(error.status).json({ error: error.message, ...(error.details ? { details: error.details } : {}) });
      return;
    }
    if (error instanceof ApplicationError) {
      response.status(statusOfKind[error.kind]).json({ error: error.message, ...error.body });
      return;
    }
    if (bodyParserType === 'entity.too.large') {
      response.status(413).json({ error: 'La demande est trop volumineuse.' });
      return;
    }
    if (bodyParserType === 'entity.parse.failed') {
      response.status(400).json({ error: "Le corps de la requête n'est pas un JSON valide." });
      return;
    }
    if (bodyParserType === 'encoding.unsupported' || bodyParserType === 'charset.unsupported') {
      response.status(415).json({ error: "L'encodage de la requête n'est pas pris en charge." });
      return;
    }
    if (isClientBodyError(error)) {
      response.status(400).json({ error: undecodableBodyMessage(error) });
      return;
    }
    logger.error({ err: error, method: request.method, path: request.path }, 'unhandled error');
    response.status(500).json({
      error: 'Une erreur interne est survenue. Votre demande n’a pas été perdue si elle avait été confirmée ; réessayez plus tard.',
    });
  };
}

/**
 * The body parser answers a body it could not read (a gzip body that is not gzip, a stream cut short) with an
 * http-errors 4xx and no `type`: the client's fault, not a failure of the service.
 */
function isClientBodyError(error: unknown): error is { status: number; code?: string } {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500 && (error as { expose?: unknown }).expose === true;
}

function undecodableBodyMessage(error: { code?: string }): string {
  return typeof error.code === 'string' && error.code.startsWith('Z_')
    ? "Le corps de la requête est déclaré compressé (Content-Encoding) mais ne l'est pas correctement."
    : "Le corps de la requête n'a pas pu être lu.";
}
