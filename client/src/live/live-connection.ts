import { io, type Socket } from 'socket.io-client';

import type { Ticket } from '../api/api-types';
import type { AgentNotification, PresenceActivity, TicketPresence } from '../api/desk-types';
import { deliverMissedChanges, LiveCheckpoint, type LiveChanges } from './live-resync';

export interface TicketMoved {
  id: string;
  reference: string;
  from: string;
  to: string;
}

export interface LiveEvents {
  'ticket.created': Ticket;
  'ticket.updated': Ticket;
  'ticket.moved': TicketMoved;
  'rules.published': unknown;
  /** Colleagues on a ticket this user announced being on (« Marie répond à cette demande »). */
  'ticket.presence': TicketPresence;
  /** A notice for this user only: assigned, mentioned, the citizen replied, a due date near. */
  'notification.created': AgentNotification;
  /** The connection's state changed: shown to the agent so that a silent list is never mistaken for a quiet day. */
  status: LiveStatus;
}
export type LiveStatus = 'connecting' | 'connected' | 'disconnected';

type Listener<Event extends keyof LiveEvents> = (payload: LiveEvents[Event]) => void;

/**
 * The session's socket.io connection. Views subscribe to ticket events and unsubscribe when they go away; the
 * server decides which queues' events reach this user. After a connection loss the server replays what was missed
 * (connection state recovery); when it cannot (the server process died, or the loss lasted too long), the tickets
 * changed meanwhile are fetched and handed to the views as the events they missed.
 */
export class LiveConnection {
  private readonly socket: Socket;
  private readonly listeners = new Map<keyof LiveEvents, Set<Listener<keyof LiveEvents>>>();
  private readonly checkpoint = new LiveCheckpoint();
  private presence: { ticketId: string; activity: PresenceActivity } | null = null;
  status: LiveStatus = 'connecting';

  constructor(
    private readonly token: string,
    onRefused: () => void,
  ) {
    this.socket = io({ auth: { token }, reconnectionDelayMax: 10_000 });
    for (const event of [
      'ticket.created',
      'ticket.updated',
      'ticket.moved',
      'rules.published',
      'ticket.presence',
      'notification.created',
    ] as const) {
      this.socket.on(event, (payload: unknown) => this.emit(event, payload as LiveEvents[typeof event]));
    }
    this.socket.on('session.ready', ({ at }: { at: string }) => {
      const missedSince = this.checkpoint.connected(at, this.socket.recovered);
      this.setStatus('connected');
      if (this.presence) this.socket.emit('ticket.presence', this.presence);
      if (missedSince) void this.resync(missedSince);
    });
    this.socket.on('session.ended', onRefused);
    this.socket.on('disconnect', (reason) => {
      this.checkpoint.disconnected();
      this.setStatus('disconnected');
      // The server closed it (session revoked or expired): it will not accept us again with this token.
      if (reason === 'io server disconnect') onRefused();
    });
    this.socket.on('connect_error', (error) => {
      this.setStatus('disconnected');
      if (/authentification/i.test(error.message)) onRefused();
    });
  }

  on<Event extends keyof LiveEvents>(event: Event, listener: Listener<Event>): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as Listener<keyof LiveEvents>);
    this.listeners.set(event, set);
    return () => set.delete(listener as Listener<keyof LiveEvents>);
  }

  /**
   * Says what this user does on a ticket, to the colleagues on it (the server checks the user may see it). The
   * latest one is said again after a reconnection, since the server forgot it with the old connection.
   */
  announcePresence(ticketId: string, activity: PresenceActivity): void {
    this.presence = activity === 'left' ? null : { ticketId, activity };
    this.socket.emit('ticket.presence', { ticketId, activity });
  }

  /** Says the latest presence again: a colleague just arrived on the ticket and does not know it yet. */
  repeatPresence(): void {
    if (this.presence) this.socket.emit('ticket.presence', this.presence);
  }

  close(): void {
    this.socket.close();
    this.listeners.clear();
  }

  private async resync(since: string): Promise<void> {
    const fetchPage = async (from: string): Promise<LiveChanges> => {
      const response = await fetch(`/api/live/changes?since=${encodeURIComponent(from)}`, {
        headers: { Accept: 'application/json', Authorization: `Bearer ${this.token}` },
        credentials: 'same-origin',
      });
      if (!response.ok) throw new Error(`rattrapage refusé (${response.status})`);
      return (await response.json()) as LiveChanges;
    };
    // A failed catch-up is not fatal: the views also reload their lists when the connection comes back.
    await deliverMissedChanges(since, fetchPage, ({ event, ticket }) => this.emit(event, ticket)).catch(() => undefined);
  }

  private setStatus(status: LiveStatus): void {
    this.status = status;
    this.emit('status', status);
  }

  private emit<Event extends keyof LiveEvents>(event: Event, payload: LiveEvents[Event]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as Listener<Event>)(payload);
  }
}
