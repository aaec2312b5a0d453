import { randomBytes } from 'node:crypto';
import express, { Router } from 'express';
import { z } from 'zod';

import { revokeSessionsOfUser } from '../../../models/accounts/session-repository';
import { delayedAccounts } from '../../../models/accounts/sign-in-throttle-repository';
import { userRoles, type UserDocument } from '../../../models/accounts/user-model';
import {
  createUser,
  findUserByEmail,
  findUserById,
  listUsers,
  setTotpEnabled,
  updateUserAccess,
} from '../../../models/accounts/user-repository';
import { recordAuditEvent } from '../../../models/audit/audit-event-repository';
import { inseeCodeSchema, sirenSchema } from '../../../routing-rules/communes/commune-schema';
import { duties } from '../../auth/duties';
import { hashPassword } from '../../auth/password-hashing';
import type { SignInThrottle } from '../../auth/sign-in-throttle';
import { toUserView } from '../../presenters/user-view';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';

/**
 * An account's queues are among the town hall's, known at start-up. Its communes (INSEE codes) or its EPCI (SIREN)
 * say where it works; unset at creation, the creating admin's own.
 */
function accountSchemas(queueIds: readonly string[]) {
  const queueId = z.enum(queueIds as [string, ...string[]], { error: 'file inconnue' });
  const communes = z.array(inseeCodeSchema).max(500);
  const epci = sirenSchema.nullable();
  return {
    newUserSchema: z.strictObject({
      email: z.email("L'adresse de courriel est invalide.").max(254),
      displayName: z.string().trim().min(1, 'Le nom est obligatoire.').max(200),
      role: z.enum(userRoles),
      queues: z.array(queueId).max(queueIds.length).default([]),
      communes: communes.optional(),
      epci: epci.optional(),
    }),
    accessChangeSchema: z
      .strictObject({
        role: z.enum(userRoles).optional(),
        queues: z.array(queueId).max(queueIds.length).optional(),
        active: z.boolean().optional(),
        communes: communes.optional(),
        epci: epci.optional(),
      })
      .refine((change) => Object.keys(change).length > 0, 'Aucune modification demandée.'),
  };
}

/** Which accounts an admin manages (the ticket workflow's visibility rules) and which communes exist. */
export interface AccountScope {
  mayManageAccount(manager: UserDocument, account: { communes?: readonly string[] | null; epci?: string | null }): boolean;
  communeExists(insee: string): boolean;
}

/**
 * Admins manage accounts and nothing else: they see no ticket and no citizen's data. An admin manages the accounts
 * of their scope only (a commune's admin, its accounts; an EPCI's admin, the EPCI's and its communes'): others are
 * neither listed nor found.
 */
export function userRoutes(queueIds: readonly string[], throttle: SignInThrottle, accounts: AccountScope): Router {
  const { newUserSchema, accessChangeSchema } = accountSchemas(queueIds);
  const router = Router();
  router.use('/api/users', requireUser, requireRole(...duties.accounts), express.json({ limit: '4kb' }));

  router.get('/api/users', async (_request, response) => {
    const delayed = await delayedAccounts();
    const admin = currentUser(response);
    const users = (await listUsers()).filter((user) => accounts.mayManageAccount(admin, user));
    response.json({ users: users.map((user) => toUserView(user, delayed.get(user.id))) });
  });

  router.post('/api/users', async (request, response) => {
    const { communes, epci, ...account } = parseInput(newUserSchema, request.body, 'Compte');
    const admin = currentUser(response);
    const asked =
      communes === undefined && epci === undefined
        ? { communes: [...(admin.communes ?? [])], epci: admin.epci ?? null }
        : { communes: communes ?? [], epci: epci ?? null };
    const scope = withinScope(admin, asked, accounts);
    if (await findUserByEmail(account.email)) throw new HttpError(409, 'Un compte existe déjà avec cette adresse.');
    // Shown once to the admin, who hands it over; the user changes it at first sign-in (POST /api/auth/password).
    const password = randomBytes(12).toString('base64url');
    const user = await createUser({
      ...account,
      communes: scope.communes,
      ...(scope.epci ? { epci: scope.epci } : {}),
      passwordHash: await hashPassword(password),
    });
    await recordAuditEvent({
      actor: admin,
      action: 'user.created',
      objectType: 'User',
      objectId: user.id,
      details: { role: user.role, queues: [...user.queues], communes: scope.communes, epci: scope.epci },
    });
    response.status(201).json({ user: toUserView(user), initialPassword: password });
  });

  router.patch('/api/users/:id', async (request, response) => {
    const { communes, epci, ...access } = parseInput(accessChangeSchema, request.body, 'Modification du compte');
    const admin = currentUser(response);
    const target = await existingUser(request.params.id as string, admin, accounts);
    const scope =
      communes === undefined && epci === undefined
        ? {}
        : withinScope(
            admin,
            { communes: communes ?? [...(target.communes ?? [])], epci: epci === undefined ? (target.epci ?? null) : epci },
            accounts,
          );
    const change = { ...access, ...scope };
    if (target._id.equals(admin._id) && (change.active === false || (change.role && change.role !== 'admin'))) {
      throw new HttpError(409, 'Vous ne pouvez pas retirer vos propres droits d’administration.');
    }
    const updated = (await updateUserAccess(target._id, change))!;
    // A narrower or removed access must not survive in sessions opened before the change.
    const revokedSessions = await revokeSessionsOfUser(target._id);
    await recordAuditEvent({
      actor: admin,
      action: 'user.access-changed',
      objectType: 'User',
      objectId: target.id,
      details: {
        from: {
          role: target.role,
          queues: [...target.queues],
          active: target.active,
          communes: [...(target.communes ?? [])],
          epci: target.epci ?? null,
        },
        to: change,
        revokedSessions,
      },
    });
    response.json({ user: toUserView(updated) });
  });

  router.post('/api/users/:id/sessions/revoke', async (request, response) => {
    const target = await existingUser(request.params.id as string, currentUser(response), accounts);
    const revokedSessions = await revokeSessionsOfUser(target._id);
    await recordAuditEvent({
      actor: currentUser(response),
      action: 'user.sessions-revoked',
      objectType: 'User',
      objectId: target.id,
      details: { revokedSessions },
    });
    response.json({ revokedSessions });
  });

  router.post('/api/users/:id/sign-in/unlock', async (request, response) => {
    const target = await existingUser(request.params.id as string, currentUser(response), accounts);
    const addresses = await throttle.unlock(target);
    await recordAuditEvent({
      actor: currentUser(response),
      action: 'user.sign-in-unlocked',
      objectType: 'User',
      objectId: target.id,
      details: { addresses },
    });
    response.json({ addresses });
  });

  router.post('/api/users/:id/totp/reset', async (request, response) => {
    const target = await existingUser(request.params.id as string, currentUser(response), accounts);
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
      {
        method: 'POST',
        path: '/api/users',
        summary: 'Create an account; its first password is shown once',
        body: newUserSchema,
        success: { status: 201 },
      },
      {
        method: 'PATCH',
        path: '/api/users/:id',
        summary: "Change an account's role, queues or activity (its sessions end)",
        body: accessChangeSchema,
      },
      { method: 'POST', path: '/api/users/:id/sessions/revoke', summary: "End an account's sessions" },
      { method: 'POST', path: '/api/users/:id/sign-in/unlock', summary: 'Lift the sign-in delays of an account' },
      {
        method: 'POST',
        path: '/api/users/:id/totp/reset',
        summary: "Remove an account's second factor (its sessions end)",
        success: { status: 204 },
      },
    ],
  };
}

/** An account of the admin's scope, or 404 as for one that does not exist. */
async function existingUser(id: string, admin: UserDocument, accounts: AccountScope): Promise<UserDocument> {
  const user = await findUserById(id);
  if (!user || !accounts.mayManageAccount(admin, user)) throw new HttpError(404, 'Compte introuvable.');
  return user;
}

/** A scope the admin may give: communes the service has, within the admin's own scope. */
function withinScope(
  admin: UserDocument,
  scope: { communes: string[]; epci: string | null },
  accounts: AccountScope,
): { communes: string[]; epci: string | null } {
  const unknown = scope.communes.filter((insee) => !accounts.communeExists(insee));
  if (unknown.length > 0) throw new HttpError(400, `Commune inconnue de ce service : ${unknown.join(', ')}.`);
  if (!accounts.mayManageAccount(admin, scope)) throw new HttpError(403, 'Vous ne gérez pas les comptes de ces communes.');
  return scope;
}
