import type { RequestHandler, Response } from 'express';

import { userOfSessionToken } from '../../models/accounts/session-repository';
import type { UserDocument, UserRole } from '../../models/accounts/user-model';
import { HttpError } from './http-error';
import { guardedBy } from './route-guards';

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header ?? '');
  return match?.[1];
}

/** Rejects the request unless it carries a valid session token; the user is then in `response.locals.user`. */
export const requireUser: RequestHandler = guardedBy<RequestHandler>(
  async (request, response, next) => {
    const token = bearerToken(request.headers.authorization);
    const user = token ? await userOfSessionToken(token) : null;
    if (!user) {
      next(new HttpError(401, 'Authentification requise : connectez-vous.'));
      return;
    }
    response.locals.user = user;
    response.locals.token = token;
    next();
  },
  { requires: 'session' },
);

export function requireRole(...roles: UserRole[]): RequestHandler {
  const handler: RequestHandler = (_request, response, next) => {
    next(roles.includes(currentUser(response).role) ? undefined : new HttpError(403, "Vous n'avez pas les droits nécessaires."));
  };
  return guardedBy(handler, { requires: 'role', roles });
}

export function currentUser(response: Response): UserDocument {
  return response.locals.user as UserDocument;
}
