import type { Server, Socket } from 'socket.io';
import { z } from 'zod';

import { findUserById } from '../../models/accounts/user-repository';
import type { Logger } from '../logger';
import type { AgentNotifications } from '../notifications/agent-notifications';
import type { TicketWorkflow } from '../tickets/ticket-workflow';

const userRoom = (userId: string) => `user:${userId}`;
const presenceRoom = (ticketId: string) => `presence:${ticketId}`;

/** What an agent says about what they do on a ticket: looking at it, writing a reply, or gone. */
const presenceSchema = z.strictObject({
  ticketId: z.string().regex(/^[0-9a-f]{24}$/),
  activity: z.enum(['viewing', 'replying', 'left']),
});
export type PresenceActivity = z.infer<typeof presenceSchema>['activity'];

/**
 * The agents' desk over the live connection: each user's own notices reach their sockets only, and agents on the
 * same ticket see each other (« Marie répond à cette demande ») so that two people do not answer the same citizen.
 * Presence is said only to those on the ticket, and only by someone the ticket workflow lets see it.
 */
export function attachAgentDesk(
  io: Server,
  parts: { tickets: Pick<TicketWorkflow, 'visibleTicket'>; notifications: AgentNotifications; logger: Logger },
): void {
  io.on('connection', (socket) => {
    const userId = socket.data.userId as string;
    void socket.join(userRoom(userId));
    // Acknowledged (when the client asks) with whether it was accepted: the agent may see the ticket.
    socket.on('ticket.presence', (payload: unknown, acknowledge?: unknown) => {
      announce(socket, payload)
        .then((accepted) => (typeof acknowledge === 'function' ? acknowledge(accepted) : undefined))
        .catch((error: unknown) => parts.logger.error({ err: error, userId }, 'presence failed'));
    });
    // Rooms are still known while disconnecting: those on the same tickets learn that this agent left.
    socket.on('disconnecting', () => {
      for (const room of socket.rooms) {
        if (room.startsWith('presence:'))
          socket.to(room).emit('ticket.presence', {
            ticketId: room.slice('presence:'.length),
            userId,
            displayName: socket.data.displayName ?? '',
            activity: 'left',
          });
      }
    });
  });

  async function announce(socket: Socket, payload: unknown): Promise<boolean> {
    const parsed = presenceSchema.safeParse(payload);
    if (!parsed.success) return false;
    const { ticketId, activity } = parsed.data;
    const user = await findUserById(socket.data.userId as string);
    if (!user) return false;
    // The one visibility check: an agent who may not see the ticket neither joins its room nor hears of it.
    const visible = await parts.tickets.visibleTicket(user, ticketId).then(
      () => true,
      () => false,
    );
    if (!visible) return false;
    socket.data.displayName = user.displayName;
    const room = presenceRoom(ticketId);
    socket.to(room).emit('ticket.presence', { ticketId, userId: user.id, displayName: user.displayName, activity });
    if (activity === 'left') await socket.leave(room);
    else await socket.join(room);
    return true;
  }

  parts.notifications.on('notification.created', (userId, view) => {
    io.to(userRoom(userId)).emit('notification.created', view);
  });
}
