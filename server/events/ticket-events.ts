import { EventEmitter } from 'node:events';

import type { RequestDocument } from '../../models/request/request-model';
import type { TicketDocument } from '../../models/ticket/ticket-model';

/** A ticket as stored, with its request: listeners build the view they need without reading them again. */
export interface TicketFacts {
  ticket: TicketDocument;
  request: RequestDocument | null;
}

export interface TicketEventMap {
  'ticket.created': [TicketFacts];
  /**
   * `previousQueue`: the ticket left that queue. `followUp`: the change is a citizen's new message, `reopened`
   * when it re-opened the ticket.
   */
  'ticket.updated': [TicketFacts & { previousQueue?: string; followUp?: { messageId: string; reopened: boolean } }];
  /** Someone gave the ticket to a colleague (its assignee is told; the change itself is also `ticket.updated`). */
  'ticket.assigned': [TicketNotice & { assigneeId: string | null }];
  /** An internal note, with the colleagues it mentions (they are told). */
  'ticket.noted': [TicketNotice & { noteId: string; mentioned: string[] }];
}

/** Enough to tell an agent about a ticket: who acted, and which ticket by its reference (no citizen's data). */
export interface TicketNotice {
  ticketId: string;
  reference: string;
  actorId: string;
}

/**
 * In-process application events: the pipeline and the ticket workflow announce ticket changes here, live push and
 * the mail side listen. (No change streams: they need a replica set and are not available everywhere this runs.)
 */
export class TicketEvents extends EventEmitter<TicketEventMap> {}
