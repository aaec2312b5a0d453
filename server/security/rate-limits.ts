import { rateLimit } from 'express-rate-limit';
import type { Config } from '../config';
import { HttpError } from '../http/http-error';

const oneMinute = 60_000;

/**
 * Failed sign-ins per client address: slows password guessing across accounts (each account also locks itself
 * after repeated failures). Successful sign-ins do not count.
 */
export function signInRateLimit(config: Pick<Config, 'signInRateLimitPerMinute'>) {
  return rateLimit({
    windowMs: oneMinute,
    limit: config.signInRateLimitPerMinute,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_request, _response, next) => next(new HttpError(429, 'Trop de tentatives de connexion. Réessayez dans une minute.')),
  });
}

/** Public intake per client address: a flood from one source cannot bury the other citizens' requests. */
export function intakeRateLimit(config: Pick<Config, 'intakeRateLimitPerMinute'>) {
  return rateLimit({
    windowMs: oneMinute,
    limit: config.intakeRateLimitPerMinute,
    skip: (request) => request.method !== 'POST',
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_request, _response, next) => next(new HttpError(429, 'Trop de demandes envoyées depuis votre connexion. Réessayez dans une minute.')),
  });
}
