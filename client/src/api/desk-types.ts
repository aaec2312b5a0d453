/** The shapes of the agents' desk API (working together, composer, notifications), typed from the server where it exports them. */
import type { AgentNotificationView } from '../../../server/notifications/agent-notifications';
import type { PresenceActivity } from '../../../server/sockets/agent-desk-sockets';
import type { Ticket, TicketStatus } from './api-types';

export type AgentNotification = AgentNotificationView;
export type { PresenceActivity };

/** GET /api/colleagues */
export interface Colleague {
  id: string;
  displayName: string;
}

/** GET /api/tickets/:id/assignees */
export interface Assignee extends Colleague {
  role: 'agent' | 'supervisor';
  available: boolean;
  capacity: number;
  openTickets: number;
}

/** Pushed on `ticket.presence` to the agents on the same ticket. */
export interface TicketPresence {
  ticketId: string;
  userId: string;
  displayName: string;
  activity: PresenceActivity;
}

/** GET /api/tickets/:id/canned-responses: filled in for the ticket; a macro when it sets a status or tags. */
export interface CannedResponse {
  id: string;
  title: string;
  /** The ticket's commune's own response; null: the service's. */
  commune: string | null;
  text: string;
  status: TicketStatus | null;
  tags: string[];
}

/** POST /api/tickets/:id/replies/preview */
export interface MailPreview {
  to: string;
  subject: string;
  text: string;
}

/** POST /api/tickets/:id/replies */
export interface ReplyAnswer {
  ticket: Ticket | null;
}

/** GET /api/reply-settings (supervisors) */
export interface ReplySettings {
  signatures: Array<{ queue: string; label: string; signature: string }>;
  cannedResponses: Array<{
    id: string;
    queue: string;
    /** The commune whose own response it is; null: the service's, offered on every commune's tickets. */
    commune: string | null;
    level: 'commune' | 'service';
    title: string;
    body: string;
    status: TicketStatus | null;
    tags: string[];
  }>;
  variables: Record<string, string>;
}
