import express, { Router } from 'express';
import { z } from 'zod';
import { openSession, revokeSession } from '../../../models/session-repository';
import { findUserByEmail, recordFailedSignIn, recordSuccessfulSignIn } from '../../../models/user-repository';
import { verifyPassword } from '../../auth/password-hashing';
import type { Config } from '../../config';
import { currentUser, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';

const signInSchema = z.strictObject({
  email: z.string().trim().min(1, "L'adresse e-mail est obligatoire.").max(254),
  password: z.string().min(1, 'Le mot de passe est obligatoire.').max(1024),
});

const lockAfterFailures = 5;
const lockMinutes = 15;
const wrongCredentials = 'Adresse e-mail ou mot de passe incorrect.';

export function authRoutes(config: Config): Router {
  const router = Router();

  router.post('/api/auth/sign-in', express.json({ limit: '8kb' }), async (request, response) => {
    const credentials = parseInput(signInSchema, request.body, 'Connexion');
    const user = await findUserByEmail(credentials.email);
    if (!user || !user.active) throw new HttpError(401, wrongCredentials);
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      throw new HttpError(423, 'Compte temporairement verrouillé après plusieurs échecs. Réessayez dans quelques minutes.');
    }
    if (!(await verifyPassword(credentials.password, user.passwordHash))) {
      await recordFailedSignIn(user, lockAfterFailures, lockMinutes);
      throw new HttpError(401, wrongCredentials);
    }
    await recordSuccessfulSignIn(user);
    const session = await openSession(user._id, config.sessionTtlMinutes);
    response.json({ token: session.token, expiresAt: session.expiresAt.toISOString(), user: userView(user) });
  });

  router.post('/api/auth/sign-out', requireUser, async (_request, response) => {
    await revokeSession(response.locals.token as string);
    response.status(204).end();
  });

  router.get('/api/auth/me', requireUser, (_request, response) => {
    response.json({ user: userView(currentUser(response)) });
  });
  return router;
}

function userView(user: ReturnType<typeof currentUser>) {
  return { id: user._id.toString(), email: user.email, displayName: user.displayName, role: user.role, queues: [...user.queues] };
}
