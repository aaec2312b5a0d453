import type { HistoryEntry, TicketChange, TicketRefusal, TicketState } from './ticket-change';
import { allowedStatusChanges, ticketStatusLabels, type TicketStatus } from './ticket-status';

/** What an agent does to the ticket with a reply, in the same action: « Répondre et mettre en attente », a macro. */
export interface FollowThrough {
  status?: TicketStatus;
  tags?: readonly string[];
}

/**
 * The change a reply brings along, decided before the mail is queued so that a refused status is reported
 * before anything goes out. A status the ticket already has and tags it already carries are no change; null
 * when nothing is left to do.
 */
export function followThrough(ticket: TicketState, then: FollowThrough, actorId: string): TicketChange | TicketRefusal | null {
  const status = then.status !== undefined && then.status !== ticket.status ? then.status : undefined;
  if (status && !allowedStatusChanges[ticket.status].includes(status)) {
    return {
      refused: 'invalid',
      message: `Une demande « ${ticketStatusLabels[ticket.status]} » ne peut pas passer à « ${ticketStatusLabels[status]} ».`,
    };
  }
  const added = [...new Set(then.tags ?? [])].filter((tag) => !ticket.tags.includes(tag));
  if (!status && added.length === 0) return null;
  const history: HistoryEntry[] = [];
  if (status) history.push({ type: 'status-changed', actorId, from: ticket.status, to: status });
  if (added.length > 0) history.push({ type: 'tagged', actorId, to: added.join(', ') });
  return {
    expected: { status: ticket.status },
    set: { ...(status ? { status } : {}), ...(added.length > 0 ? { tags: [...ticket.tags, ...added] } : {}) },
    history,
  };
}
