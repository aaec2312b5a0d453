import type { TicketDecision, TicketRefusal, TicketState } from './ticket-change';

/** The colleague a ticket is given to, as the lifecycle needs to know them. */
export interface Assignee {
  id: string;
  /** Active, and serving the ticket's queue (an agent of that queue, or a supervisor). */
  mayHandle: boolean;
}

const refuse = (refused: TicketRefusal['refused'], message: string): TicketRefusal => ({ refused, message });

/**
 * Gives the ticket to a named colleague, or back to the queue (`null`). The status stays as it is: a ticket stays
 * `new` until its assignee takes it, exactly as after automatic assignment. Decided on the assignee read, so that
 * two people assigning at once cannot both win.
 */
export function assign(ticket: TicketState, assignee: Assignee | null, actorId: string): TicketDecision {
  if (ticket.status === 'closed') return refuse('conflict', 'Cette demande est close : rouvrez-la avant de l’attribuer.');
  if (assignee && !assignee.mayHandle)
    return refuse('invalid', 'Cette personne ne traite pas les demandes de cette file : choisissez un·e collègue de la file.');
  const to = assignee?.id ?? null;
  if (ticket.assigneeId === to) {
    return refuse('conflict', to ? 'La demande est déjà attribuée à cette personne.' : 'La demande n’est attribuée à personne.');
  }
  return {
    expected: { assigneeId: ticket.assigneeId },
    set: { assigneeId: to },
    history: [{ type: 'assigned', actorId, ...(ticket.assigneeId ? { from: ticket.assigneeId } : {}), ...(to ? { to } : {}) }],
  };
}
