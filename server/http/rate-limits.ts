import { rateLimit } from 'express-rate-limit';

import type { Config } from '../config';
import { currentUser } from './authenticate';
import { HttpError } from './http-error';

const oneMinute = 60_000;

/**
 * Failed sign-ins per client address, all accounts together: a flood guard against spraying many accounts (each
 * costs a scrypt hash). Set high, since a mairie's agents share one address; what slows down guessing one account's
 * password is the per-(account, address) throttle (auth/sign-in-throttle). Successful sign-ins do not count.
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
    handler: (_request, _response, next) =>
      next(new HttpError(429, 'Trop de demandes envoyées depuis votre connexion. Réessayez dans une minute.')),
  });
}

/**
 * Simulations over stored requests per user and hour: each says which requests a draft matches, so many of them in a
 * row would recover messages piece by piece. Counted per account (behind the route's sign-in check).
 */
export function simulationRateLimit(config: Pick<Config, 'ruleSimulationsPerHour'>) {
  return rateLimit({
    windowMs: 60 * oneMinute,
    limit: config.ruleSimulationsPerHour,
    keyGenerator: (_request, response) => currentUser(response)._id.toString(),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_request, _response, next) =>
      next(
        new HttpError(
          429,
          `Trop de simulations en une heure (${config.ruleSimulationsPerHour} au plus) : chaque simulation lit les demandes des citoyens. Réessayez plus tard.`,
        ),
      ),
  });
}
