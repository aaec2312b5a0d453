import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { userOfSessionToken } from '../../models/session-repository';
import { visibleQueues } from '../auth/queue-access';
import type { TicketEvents } from '../events/ticket-events';
import type { Logger } from '../logger';
import type { RuleSetEvents } from '../routing/rule-set-events';

const queueRoom = (queueId: string) => `queue:${queueId}`;
const supervisorsRoom = 'supervisors';

/**
 * Pushes ticket events to the agents of the ticket's queue only: a socket joins the rooms of the queues its user
 * may see, decided on the server from the session token, never from what the client asks for.
 */
export function startLivePush(
  httpServer: HttpServer,
  events: TicketEvents,
  queueIds: readonly string[],
  logger: Logger,
  ruleSetEvents?: RuleSetEvents,
): Server {
  const io = new Server(httpServer, { serveClient: false, cors: { origin: false } });

  io.use(async (socket, next) => {
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
    const user = token ? await userOfSessionToken(token).catch(() => null) : null;
    if (!user) {
      next(new Error('Authentification requise : jeton absent, invalide ou expiré.'));
      return;
    }
    socket.data.userId = user._id.toString();
    socket.data.queues = visibleQueues(user, queueIds);
    socket.data.supervises = user.role === 'supervisor' || user.role === 'admin';
    next();
  });

  io.on('connection', (socket) => {
    const queues = socket.data.queues as string[];
    socket.join(queues.map(queueRoom));
    if (socket.data.supervises) socket.join(supervisorsRoom);
    socket.emit('session.ready', { queues });
    logger.debug({ userId: socket.data.userId, queues: queues.length }, 'agent connected to live push');
  });

  events.on('ticket.created', (ticket) => {
    io.to(queueRoom(ticket.queue)).emit('ticket.created', ticket);
  });
  events.on('ticket.updated', (ticket) => {
    const { previousQueue, ...view } = ticket;
    io.to(queueRoom(view.queue)).emit('ticket.updated', view);
    // The former queue's agents only learn that the ticket left: they may no longer read its content.
    if (previousQueue && previousQueue !== view.queue) {
      io.to(queueRoom(previousQueue)).except(queueRoom(view.queue)).emit('ticket.moved', { id: view.id, reference: view.reference, from: previousQueue, to: view.queue });
    }
  });
  ruleSetEvents?.on('rules.published', (publication) => {
    io.to(supervisorsRoom).emit('rules.published', publication);
  });
  return io;
}
