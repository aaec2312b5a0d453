import express, { Router } from 'express';
import { z } from 'zod';

import { openSession, revokeOtherSessionsOfUser, revokeSession } from '../../../models/accounts/session-repository';
import type { UserDocument } from '../../../models/accounts/user-model';
import {
  changePasswordHash,
  claimTotpTimeStep,
  findUserByEmail,
  setPendingTotpSecret,
  setTotpEnabled,
} from '../../../models/accounts/user-repository';
import { recordAuditEvent } from '../../../models/audit/audit-event-repository';
import { hashPassword, verifyPassword } from '../../auth/password-hashing';
import { newPasswordSchema } from '../../auth/password-policy';
import { frenchDelay, type SignInThrottle } from '../../auth/sign-in-throttle';
import { newTotpSecret, totpEnrolmentUri, totpTimeStepOf } from '../../auth/totp';
import type { Config } from '../../config';
import { toUserView } from '../../presenters/user-view';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';
import { signInRateLimit } from '../rate-limits';

const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Le code de vérification comporte 6 chiffres.');
const signInSchema = z.strictObject({
  email: z.string().trim().min(1, "L'adresse de courriel est obligatoire.").max(254),
  password: z.string().min(1, 'Le mot de passe est obligatoire.').max(1024),
  totpCode: totpCodeSchema.optional(),
});
const codeSchema = z.strictObject({ code: totpCodeSchema });
const passwordChangeSchema = z.strictObject({ currentPassword: z.string().min(1).max(1024), newPassword: newPasswordSchema });

const wrongCredentials = 'Adresse de courriel ou mot de passe incorrect.';
const wrongCode = 'Code de vérification incorrect ou déjà utilisé.';
/** Roles that may protect their account with a second factor (an agent may not need one; nothing stops adding it). */
const secondFactorRoles = ['supervisor', 'admin', 'dpo'] as const;

export function authRoutes(config: Config, throttle: SignInThrottle): Router {
  const router = Router();
  // Compared against when the e-mail is unknown, so that timing does not reveal which accounts exist.
  const decoyHash = hashPassword('decoy password, never matches');

  router.post('/api/auth/sign-in', signInRateLimit(config), express.json({ limit: '8kb' }), async (request, response) => {
    const credentials = parseInput(signInSchema, request.body, 'Connexion');
    const address = request.ip ?? 'adresse inconnue';
    const waitMs = await throttle.remainingDelayMs(credentials.email, address);
    if (waitMs > 0) {
      response.setHeader('Retry-After', String(Math.ceil(waitMs / 1000)));
      throw new HttpError(429, `Trop d'essais de connexion à ce compte depuis votre poste. Réessayez dans ${frenchDelay(waitMs)}.`);
    }
    const failed = async (user: UserDocument | null, step: 'password' | 'second-factor') => {
      await throttle.failed(credentials.email, address, user);
      if (user) await recordAuditEvent({ action: 'auth.sign-in-failed', objectType: 'User', objectId: user.id, details: { step } });
    };
    const user = await findUserByEmail(credentials.email);
    if (!user || !user.active) {
      await verifyPassword(credentials.password, await decoyHash);
      await failed(null, 'password');
      throw new HttpError(401, wrongCredentials);
    }
    if (!(await verifyPassword(credentials.password, user.passwordHash))) {
      await failed(user, 'password');
      throw new HttpError(401, wrongCredentials);
    }
    if (user.totpEnabled) {
      if (!credentials.totpCode) {
        response.status(401).json({ error: 'Saisissez le code de votre application d’authentification.', secondFactorRequired: true });
        return;
      }
      const timeStep = await totpTimeStepOf(user.totpSecret ?? '', credentials.totpCode);
      if (timeStep === null || !(await claimTotpTimeStep(user._id, timeStep))) {
        await failed(user, 'second-factor');
        throw new HttpError(401, wrongCode);
      }
    }
    await throttle.succeeded(credentials.email, address);
    const session = await openSession(user._id, config.sessionTtlMinutes);
    await recordAuditEvent({
      actor: user,
      action: 'auth.signed-in',
      objectType: 'User',
      objectId: user.id,
      details: { secondFactor: user.totpEnabled },
    });
    response.json({ token: session.token, expiresAt: session.expiresAt.toISOString(), user: toUserView(user) });
  });

  router.post('/api/auth/sign-out', requireUser, async (_request, response) => {
    await revokeSession(response.locals.token as string);
    response.status(204).end();
  });

  router.get('/api/auth/me', requireUser, (_request, response) => {
    response.json({ user: toUserView(currentUser(response)) });
  });

  router.post('/api/auth/password', requireUser, express.json({ limit: '8kb' }), async (request, response) => {
    const change = parseInput(passwordChangeSchema, request.body, 'Changement de mot de passe');
    const user = currentUser(response);
    if (!(await verifyPassword(change.currentPassword, user.passwordHash)))
      throw new HttpError(403, 'Le mot de passe actuel est incorrect.');
    await changePasswordHash(user._id, await hashPassword(change.newPassword));
    await revokeOtherSessionsOfUser(user._id, response.locals.token as string);
    await recordAuditEvent({ actor: user, action: 'auth.password-changed', objectType: 'User', objectId: user.id });
    response.status(204).end();
  });

  const secondFactorOwner = [requireUser, requireRole(...secondFactorRoles), express.json({ limit: '1kb' })];
  router.post('/api/auth/totp/setup', ...secondFactorOwner, async (_request, response) => {
    const user = currentUser(response);
    if (user.totpEnabled) throw new HttpError(409, 'La double authentification est déjà active : désactivez-la d’abord.');
    const secret = newTotpSecret();
    await setPendingTotpSecret(user._id, secret);
    response.json({ secret, uri: totpEnrolmentUri(config.totpIssuer, user.email, secret) });
  });
  router.post('/api/auth/totp/enable', ...secondFactorOwner, async (request, response) => {
    const { code } = parseInput(codeSchema, request.body, 'Activation');
    const user = currentUser(response);
    if (!user.totpSecret || user.totpEnabled) throw new HttpError(409, 'Commencez par demander un nouveau secret (totp/setup).');
    await requireValidCode(user, code);
    await setTotpEnabled(user._id, true);
    await recordAuditEvent({ actor: user, action: 'auth.second-factor-enabled', objectType: 'User', objectId: user.id });
    response.status(204).end();
  });
  router.post('/api/auth/totp/disable', ...secondFactorOwner, async (request, response) => {
    const { code } = parseInput(codeSchema, request.body, 'Désactivation');
    const user = currentUser(response);
    if (!user.totpEnabled) throw new HttpError(409, 'La double authentification n’est pas active.');
    await requireValidCode(user, code);
    await setTotpEnabled(user._id, false);
    await recordAuditEvent({ actor: user, action: 'auth.second-factor-disabled', objectType: 'User', objectId: user.id });
    response.status(204).end();
  });
  return router;
}

export const authOperations: ApiOperationGroup = {
  tag: 'Sign-in',
  operations: [
    {
      method: 'POST',
      path: '/api/auth/sign-in',
      summary: 'Sign in with e-mail, password and, when enabled, a TOTP code',
      body: signInSchema,
    },
    { method: 'POST', path: '/api/auth/sign-out', summary: 'End this session', success: { status: 204 } },
    { method: 'GET', path: '/api/auth/me', summary: 'The signed-in user' },
    {
      method: 'POST',
      path: '/api/auth/password',
      summary: 'Change one’s password (other sessions are ended)',
      body: passwordChangeSchema,
      success: { status: 204 },
    },
    { method: 'POST', path: '/api/auth/totp/setup', summary: 'Start enrolling a second factor: a new TOTP secret' },
    {
      method: 'POST',
      path: '/api/auth/totp/enable',
      summary: 'Enable the second factor with a first code',
      body: codeSchema,
      success: { status: 204 },
    },
    {
      method: 'POST',
      path: '/api/auth/totp/disable',
      summary: 'Disable the second factor with a current code',
      body: codeSchema,
      success: { status: 204 },
    },
  ],
};

async function requireValidCode(user: UserDocument, code: string): Promise<void> {
  const timeStep = await totpTimeStepOf(user.totpSecret ?? '', code);
  if (timeStep === null || !(await claimTotpTimeStep(user._id, timeStep))) throw new HttpError(403, wrongCode);
}
