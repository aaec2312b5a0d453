import { randomBytes } from 'node:crypto';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import express, { Router } from 'express';
import { z } from 'zod';
import { recordAuditEvent } from '../../../models/audit/audit-event-repository';
import { revokeSessionsOfUser } from '../../../models/accounts/session-repository';
import { userRoles, type UserDocument } from '../../../models/accounts/user-model';
import { createUser, findUserByEmail, findUserById, listUsers, setTotpEnabled, updateUserAccess } from '../../../models/accounts/user-repository';
import { duties } from '../../auth/duties';
import { hashPassword } from '../../auth/password-hashing';
import type { SignInThrottle } from '../../auth/sign-in-throttle';
import { delayedAccounts } from '../../../models/accounts/sign-in-throttle-repository';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';
import { toUserView } from '../../presenters/user-view';

/** An account's queues are among the town hall's, known at start-up. */
function accountSchemas(queueIds: readonly string[]) {
  const queueId = z.enum(queueIds as [string, ...string[]], { error: 'file inconnue' });
  return {
    newUserSchema: z.strictObject({
      email: z.email("L'adresse e-mail est invalide.").max(254),
      displayName: z.string().trim().min(1, 'Le nom est obligatoire.').max(200),
      role: z.enum(userRoles),
      queues: z.array(queueId).max(queueIds.length).default([]),
    }),
    accessChangeSchema: z
      .strictObject({ role: z.enum(userRoles).optional(), queues: z.array(queueId).max(queueIds.length).optional(), active: z.boolean().optional() })
      .refine((change) => Object.keys(change).length > 0, 'Aucune modification demandée.'),
  };
}

/** Admins manage accounts and nothing else: they see no ticket and no citizen's data. */
export function userRoutes(queueIds: readonly string[], throttle: SignInThrottle): Router {
  const { newUserSchema, accessChangeSchema } = accountSchemas(queueIds);
  const router = Router();
  router.use('/api/users', requireUser, requireRole(...duties.accounts), express.json({ limit: '4kb' }));

  router.get('/api/users', async (_request, response) => {
    const delayed = await delayedAccounts();
    response.json({ users: (await listUsers()).map((user) => toUserView(user, delayed.get(user.id))) });
  });

  router.post('/api/users', async (request, response) => {
    const account = parseInput(newUserSchema, request.body, 'Compte');
    if (await findUserByEmail(account.email)) throw new HttpError(409, 'Un compte existe déjà avec cette adresse.');
    // Shown once to the admin, who hands it over; the user changes it at first sign-in (POST /api/auth/password).
    const password = randomBytes(12).toString('base64url');
    const user = await createUser({ ...account, passwordHash: await hashPassword(password) });
    await recordAuditEvent({ actor: currentUser(response), action: 'user.created', objectType: 'User', objectId: user.id, details: { role: user.role, queues: [...user.queues] } });
    response.status(201).json({ user: toUserView(user), initialPassword: password });
  });

  router.patch('/api/users/:id', async (request, response) => {
    const change = parseInput(accessChangeSchema, request.body, 'Modification du compte');
    const target = await existingUser(request.params.id as string);
    const admin = currentUser(response);
    if (target._id.equals(admin._id) && (change.active === false || (change.role && change.role !== 'admin'))) {
      throw new HttpError(409, 'Vous ne pouvez pas retirer vos propres droits d’administration.');
    }
    const updated = (await updateUserAccess(target._id, change))!;
    // A narrower or removed access must not survive in sessions opened before the change.
    const revokedSessions = await revokeSessionsOfUser(target._id);
    await recordAuditEvent({
      actor: admin, action: 'user.access-changed', objectType: 'User', objectId: target.id,
      details: { from: { role: target.role, queues: [...target.queues], active: target.active }, to: change, revokedSessions },
    });
    response.json({ user: toUserView(updated) });
  });

  router.post('/api/users/:id/sessions/revoke', async (request, response) => {
    const target = await existingUser(request.params.id as string);
    const revokedSessions = await revokeSessionsOfUser(target._id);
    await recordAuditEvent({ actor: currentUser(response), action: 'user.sessions-revoked', objectType: 'User', objectId: target.id, details: { revokedSessions } });
    response.json({ revokedSessions });
  });

  router.post('/api/users/:id/sign-in/unlock', async (request, response) => {
    const target = await existingUser(request.params.id as string);
    const addresses = await throttle.unlock(target);
    await recordAuditEvent({ actor: currentUser(response), action: 'user.sign-in-unlocked', objectType: 'User', objectId: target.id, details: { addresses } });
    response.json({ addresses });
  });

  router.post('/api/users/:id/totp/reset', async (request, response) => {
    const target = await existingUser(request.params.id as string);
    await setTotpEnabled(target._id, false);
    await revokeSessionsOfUser(target._id);
    await recordAuditEvent({ actor: currentUser(response), action: 'user.second-factor-reset', objectType: 'User', objectId: target.id });
    response.status(204).end();
  });
  return router;
}

export function userOperations(queueIds: readonly string[]): ApiOperationGroup {
  const { newUserSchema, accessChangeSchema } = accountSchemas(queueIds);
  return {
    tag: 'Accounts',
    operations: [
      { method: 'GET', path: '/api/users', summary: 'Every account, with any sign-in delay' },
      { method: 'POST', path: '/api/users', summary: 'Create an account; its first password is shown once', body: newUserSchema, success: { status: 201 } },
      { method: 'PATCH', path: '/api/users/:id', summary: "Change an account's role, queues or activity (its sessions end)", body: accessChangeSchema },
      { method: 'POST', path: '/api/users/:id/sessions/revoke', summary: "End an account's sessions" },
      { method: 'POST', path: '/api/users/:id/sign-in/unlock', summary: "Lift the sign-in delays of an account" },
      { method: 'POST', path: '/api/users/:id/totp/reset', summary: "Remove an account's second factor (its sessions end)", success: { status: 204 } },
    ],
  };
}

async function existingUser(id: string): Promise<UserDocument> {
  const user = await findUserById(id);
  if (!user) throw new HttpError(404, 'Compte introuvable.');
  return user;
}
