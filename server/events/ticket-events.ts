import { EventEmitter } from 'node:events';
import type { TicketView } from '../presenters/ticket-view';

export interface TicketEventMap {
  'ticket.created': [TicketView];
  /** `followUp`: the change is a citizen's new message (see server/mail/receive-email), `reopened` when it re-opened the ticket. */
  'ticket.updated': [TicketView & { previousQueue?: string; followUp?: { messageId: string; reopened: boolean } }];
}

/**
 * In-process application events: the pipeline and the agent API announce ticket changes here, live push listens.
 * (No change streams: they need a replica set and are not available everywhere this runs.)
 */
export class TicketEvents extends EventEmitter<TicketEventMap> {}
