import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';

import { activeSessionOfToken } from '../../models/accounts/session-repository';
import { recordAuditEvent } from '../../models/audit/audit-event-repository';
import { ticketScope } from '../../tickets/ticket-visibility';
import { hasDuty } from '../auth/duties';
import type { CommuneDirectory } from '../communes/commune-directory';
import type { TicketEvents } from '../events/ticket-events';
import type { Logger } from '../logger';
import { toTicketView, type TicketView } from '../presenters/ticket-view';
import type { RuleSetEvents } from '../routing/rule-set-events';

/** A queue's tickets of one commune: what a socket may receive is decided per queue and per commune. */
const queueRoom = (commune: string, queueId: string) => `queue:${commune}:${queueId}`;
const supervisorsRoom = 'supervisors';
// setTimeout's ceiling: a session longer than ~24 days is re-checked by the periodic check instead.
const longestTimerMs = 2 ** 31 - 1;

export interface LivePushOptions {
  /** How often connected sockets' sessions are checked again (sign-out, revocation, deactivated user). */
  sessionCheckMs: number;
  /** Origins (besides the server's own) whose pages may open a socket. */
  allowedOrigins: readonly string[];
  /** In a cluster, the adapter that carries events between processes (Redis Streams: it replays what a socket missed). */
  adapter?: ServerOptions['adapter'];
}

/**
 * How long a dropped connection may come back and receive what it missed (connection state recovery); past it, or
 * when recovery fails, the web app asks for the tickets changed since its last event (live-resync).
 */
export const recoveryWindowMs = 2 * 60_000;

/**
 * Pushes ticket events to the agents of the ticket's queue only: a socket joins the rooms of the queues its user
 * may see, decided on the server from the session token, never from what the client asks for. Clients send no
 * events (none is listened to). A socket is closed when its session expires or is revoked, and every push of a
 * ticket's personal data is recorded in the audit trail with the users it reached. A worker process of a cluster
 * has no HTTP server (`httpServer` null): it only emits, through the adapter, to the web processes' sockets.
 */
export function startLivePush(
  httpServer: HttpServer | null,
  events: TicketEvents,
  service: { queueIds: readonly string[]; communes: Pick<CommuneDirectory, 'serviceCommunes' | 'defaultCommune'> },
  logger: Logger,
  ruleSetEvents?: RuleSetEvents,
  options: LivePushOptions = { sessionCheckMs: 30_000, allowedOrigins: [] },
): Server {
  const io = new Server(httpServer ?? undefined, {
    serveClient: false,
    ...(options.adapter ? { adapter: options.adapter } : {}),
    // The session is checked again on recovery (the middleware runs): a revoked session does not come back.
    connectionStateRecovery: { maxDisconnectionDuration: recoveryWindowMs, skipMiddlewares: false },
    cors: { origin: false },
    maxHttpBufferSize: 16 * 1024,
    allowRequest: (request, callback) => {
      const origin = request.headers.origin;
      callback(null, !origin || options.allowedOrigins.includes(origin) || new URL(origin).host === request.headers.host);
    },
  });

  /** Admits a socket whose token opens an active session; undefined when admitted, the refusal otherwise. */
  const admit = async (socket: Socket): Promise<Error | undefined> => {
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
    const session = token ? await activeSessionOfToken(token).catch(() => null) : null;
    const user = session?.user;
    if (!user) return new Error('Authentification requise : jeton absent, invalide ou expiré.');
    socket.data.userId = user._id.toString();
    socket.data.token = token;
    socket.data.expiresAt = session.expiresAt.getTime();
    const scope = ticketScope(user, { queueIds: service.queueIds, ...service.communes.serviceCommunes() });
    socket.data.queues = scope.queues;
    socket.data.communes = scope.communes;
    socket.data.rooms = scope.communes.flatMap((commune) => scope.queues.map((queue) => queueRoom(commune, queue)));
    socket.data.supervises = hasDuty(user.role, 'steering');
    return undefined;
  };
  io.use((socket, next) => {
    void admit(socket).then(next, next);
  });

  io.on('connection', (socket) => {
    const queues = socket.data.queues as string[];
    const rooms = socket.data.rooms as string[];
    // A recovered socket gets its former rooms back: those its user may no longer see are left.
    const allowedRooms = new Set([socket.id, ...rooms, ...(socket.data.supervises ? [supervisorsRoom] : [])]);
    for (const room of socket.rooms) if (!allowedRooms.has(room)) void socket.leave(room);
    // With the in-memory adapter join is synchronous; with a cluster adapter it returns a promise that only
    // fails when the adapter is gone, which the adapter itself reports.
    void socket.join(rooms);
    if (socket.data.supervises) void socket.join(supervisorsRoom);
    // `at`, the server's time: the client's reference for asking what it missed should this connection drop.
    socket.emit('session.ready', { queues, communes: socket.data.communes as string[], at: new Date().toISOString() });
    const expiry = setTimeout(() => endSession(socket), Math.min(longestTimerMs, (socket.data.expiresAt as number) - Date.now()));
    socket.once('disconnect', () => clearTimeout(expiry));
    logger.debug({ userId: socket.data.userId, queues: queues.length }, 'agent connected to live push');
  });

  const sessionCheck = setInterval(() => {
    for (const socket of io.of('/').sockets.values()) {
      activeSessionOfToken(socket.data.token as string)
        .then((still) => (still ? undefined : endSession(socket)))
        .catch((error: unknown) => logger.error({ err: error }, 'live push session check failed'));
    }
  }, options.sessionCheckMs);
  sessionCheck.unref();
  // A worker process has no sockets of its own to check.
  if (httpServer) httpServer.once('close', () => clearInterval(sessionCheck));
  else clearInterval(sessionCheck);

  /**
   * Emits to a queue's room, then audits who received the ticket's personal data. The emit comes first: in a
   * cluster, listing the room's sockets asks every process and waits for the slowest (a dead one until it
   * times out), which must never hold an event back.
   */
  const pushTicket = (room: string, event: 'ticket.created' | 'ticket.updated', ticket: TicketView & { followUp?: unknown }) => {
    io.to(room).emit(event, ticket);
    io.in(room)
      .fetchSockets()
      .then(async (sockets) => {
        if (sockets.length === 0) return;
        const recipients = [...new Set(sockets.map((socket) => socket.data.userId as string))];
        await recordAuditEvent({
          action: 'ticket.pushed',
          objectType: 'Ticket',
          objectId: ticket.id,
          commune: ticket.commune,
          details: { event, recipients },
        });
      })
      .catch((error: unknown) => logger.error({ err: error, ticketId: ticket.id }, 'live push failed'));
  };

  events.on('ticket.created', ({ ticket, request }) => {
    pushTicket(queueRoom(ticket.commune ?? service.communes.defaultCommune, ticket.queue), 'ticket.created', toTicketView(ticket, request));
  });
  events.on('ticket.updated', ({ ticket, request, previousQueue, followUp }) => {
    const view = toTicketView(ticket, request);
    const commune = ticket.commune ?? service.communes.defaultCommune;
    // Agents' lists mark a ticket the citizen wrote again about.
    pushTicket(queueRoom(commune, view.queue), 'ticket.updated', followUp ? { ...view, followUp } : view);
    // The former queue's agents only learn that the ticket left: they may no longer read its content.
    if (previousQueue && previousQueue !== view.queue) {
      io.to(queueRoom(commune, previousQueue))
        .except(queueRoom(commune, view.queue))
        .emit('ticket.moved', { id: view.id, reference: view.reference, from: previousQueue, to: view.queue });
    }
  });
  ruleSetEvents?.on('rules.published', (publication) => {
    io.to(supervisorsRoom).emit('rules.published', publication);
  });
  return io;
}

function endSession(socket: Socket): void {
  socket.emit('session.ended', { reason: 'Session expirée ou révoquée : reconnectez-vous.' });
  socket.disconnect(true);
}
