import express, { Router } from 'express';
import { z } from 'zod';

import { findUserById } from '../../../models/accounts/user-repository';
import { listAgentNotifications, markAgentNotificationsRead } from '../../../models/notifications/agent-notification-repository';
import { duties } from '../../auth/duties';
import type { Clock } from '../../clock';
import { agentNotificationView } from '../../notifications/agent-notifications';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { parseInput } from '../parse-input';

const readSchema = z.union([
  z.strictObject({
    ids: z
      .array(z.string().regex(/^[0-9a-f]{24}$/, 'identifiant invalide'))
      .min(1)
      .max(200),
  }),
  z.strictObject({ all: z.literal(true) }),
]);

/** The signed-in user's own notices (assigned, mentioned, citizen replied, due date near); nobody else's. */
export function agentNotificationRoutes(now: Clock): Router {
  const router = Router();
  router.use('/api/notifications', requireUser, requireRole(...duties.tickets));

  router.get('/api/notifications', async (_request, response) => {
    const { notifications, unread } = await listAgentNotifications(currentUser(response)._id, 50);
    const actorIds = [...new Set(notifications.flatMap((notification) => (notification.actorId ? [notification.actorId.toString()] : [])))];
    const names = new Map(
      (await Promise.all(actorIds.map((id) => findUserById(id)))).flatMap((user) => (user ? [[user.id, user.displayName] as const] : [])),
    );
    response.json({
      unread,
      notifications: notifications.map((notification) =>
        agentNotificationView(notification, names.get(notification.actorId?.toString() ?? '')),
      ),
    });
  });

  router.post('/api/notifications/read', express.json({ limit: '16kb' }), async (request, response) => {
    const which = parseInput(readSchema, request.body, 'Notifications lues');
    await markAgentNotificationsRead(currentUser(response)._id, 'all' in which ? 'all' : which.ids, now());
    response.status(204).end();
  });
  return router;
}

export const agentNotificationOperations: ApiOperationGroup = {
  tag: 'Notifications',
  operations: [
    { method: 'GET', path: '/api/notifications', summary: "The signed-in user's latest notices and how many are unread" },
    {
      method: 'POST',
      path: '/api/notifications/read',
      summary: 'Mark some or all of them read',
      body: readSchema,
      success: { status: 204 },
    },
  ],
};
