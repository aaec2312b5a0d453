import type { TicketStatus } from './ticket-status';

export const ticketEventTypes = [
  'created',
  'status-changed',
  'rerouted',
  'assigned',
  'merged',
  // The mail side: a citizen's follow-up, the re-opening it causes, mail sent or deliberately not sent, a rating.
  'follow-up',
  'reopened',
  'mail-queued',
  'mail-suppressed',
  'attachment-refused',
  'satisfaction-rated',
  // Working together: an internal note (never sent to the citizen), tags added by an agent's macro.
  'note-added',
  'tagged',
] as const;
export type TicketEventType = (typeof ticketEventTypes)[number];

/** The facts of a ticket the lifecycle decides on (ids as strings: the domain knows no database). */
export interface TicketState {
  reference: string;
  queue: string;
  status: TicketStatus;
  assigneeId: string | null;
  tags: readonly string[];
  dueAt: Date | null;
  escalateTo: string | null;
  escalatedAt: Date | null;
  suggestedQueue: string | null;
  suggestionDecided: boolean;
}

/** One entry of a ticket's append-only history. */
export interface HistoryEntry {
  type: TicketEventType;
  actorId?: string;
  from?: string;
  to?: string;
  reason?: string;
  messageId?: string;
}

/** The fields a change writes; `assigneeId: null` removes the assignee. */
export type TicketFields = Partial<Pick<TicketState, 'queue' | 'status' | 'assigneeId' | 'tags' | 'escalatedAt'>> & {
  suggestionOutcome?: { queue: string; agreed: boolean; at: Date; by: string };
};

/**
 * A change the lifecycle allows: what to write, the history it leaves, and `expected`, the facts it was decided
 * on. The store applies it only while those facts still hold, so two agents acting at once cannot both win.
 */
export interface TicketChange {
  expected: Partial<Pick<TicketState, 'queue' | 'status' | 'assigneeId'>> & { escalatedAt?: null; suggestionDecided?: false };
  set: TicketFields;
  history: HistoryEntry[];
}

export type RefusalKind = 'conflict' | 'invalid';

/** A change the lifecycle refuses, with the reason for the person who asked, in French. */
export interface TicketRefusal {
  refused: RefusalKind;
  message: string;
}

export type TicketDecision = TicketChange | TicketRefusal;

export function isRefusal<Allowed extends object>(decision: Allowed | TicketRefusal): decision is TicketRefusal {
  return 'refused' in decision;
}
