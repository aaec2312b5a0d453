import type { HistoryEntry, TicketChange, TicketDecision, TicketRefusal, TicketState } from './ticket-change';
import { allowedStatusChanges, openStatuses, reopenedByFollowUp, ticketStatusLabels, type TicketStatus } from './ticket-status';

/** The tag a merged duplicate carries, so that lists and statistics can leave it out. */
export const mergedTag = 'fusionnee';

const refuse = (refused: TicketRefusal['refused'], message: string): TicketRefusal => ({ refused, message });

/** An agent sets the status by hand. */
export function changeStatus(ticket: TicketState, to: TicketStatus, actorId: string): TicketDecision {
  if (ticket.status === to) return refuse('conflict', `La demande est déjà « ${ticketStatusLabels[to]} ».`);
  if (!allowedStatusChanges[ticket.status].includes(to)) {
    return refuse('invalid', `Une demande « ${ticketStatusLabels[ticket.status]} » ne peut pas passer à « ${ticketStatusLabels[to]} ».`);
  }
  return {
    expected: { status: ticket.status },
    set: { status: to },
    history: [{ type: 'status-changed', actorId, from: ticket.status, to }],
  };
}

/**
 * "Prendre en charge": the ticket becomes the agent's (even from a colleague) and a new ticket becomes open.
 * A closed ticket is not taken: there is nothing left to do on it.
 */
export function take(ticket: TicketState, agentId: string): TicketDecision {
  if (ticket.status === 'closed') return refuse('conflict', 'Cette demande est close : rouvrez-la avant de la prendre en charge.');
  if (ticket.assigneeId === agentId && ticket.status !== 'new') return refuse('conflict', 'Vous avez déjà cette demande en charge.');
  const history: HistoryEntry[] = [
    { type: 'assigned', actorId: agentId, ...(ticket.assigneeId ? { from: ticket.assigneeId } : {}), to: agentId },
  ];
  const status = ticket.status === 'new' ? 'open' : ticket.status;
  if (status !== ticket.status) history.push({ type: 'status-changed', actorId: agentId, from: ticket.status, to: status });
  return {
    expected: { status: ticket.status, assigneeId: ticket.assigneeId },
    set: { assigneeId: agentId, status },
    history,
  };
}

/** An agent sends the ticket to another queue; it leaves its assignee behind (they may not serve the new queue). */
export function reroute(ticket: TicketState, queue: string, reason: string, actorId: string): TicketDecision {
  if (ticket.queue === queue) return refuse('conflict', 'Le ticket est déjà dans cette file.');
  return {
    expected: { queue: ticket.queue },
    set: { queue, assigneeId: null },
    history: [{ type: 'rerouted', actorId, from: ticket.queue, to: queue, reason }],
  };
}

/**
 * Folds a duplicate (a citizen who wrote twice) into the ticket that is kept: the duplicate is closed and tagged,
 * and both histories say where the other one is, so that nothing the citizen said is lost from view.
 */
export function merge(
  duplicate: TicketState & { id: string },
  kept: TicketState & { id: string },
  actorId: string,
): { duplicate: TicketChange; kept: TicketChange } | TicketRefusal {
  if (duplicate.id === kept.id) return refuse('invalid', 'Une demande ne peut pas être fusionnée avec elle-même.');
  if (duplicate.status === 'closed') return refuse('conflict', 'Cette demande est déjà close : elle ne peut plus être fusionnée.');
  if (kept.status === 'closed')
    return refuse('conflict', `La demande ${kept.reference} est close : fusionnez plutôt dans une demande en cours.`);
  return {
    duplicate: {
      expected: { status: duplicate.status },
      set: { status: 'closed', tags: [...new Set([...duplicate.tags, mergedTag])] },
      history: [
        { type: 'merged', actorId, to: kept.reference },
        { type: 'status-changed', actorId, from: duplicate.status, to: 'closed' },
      ],
    },
    kept: { expected: {}, set: {}, history: [{ type: 'merged', actorId, from: duplicate.reference }] },
  };
}

/**
 * A citizen's new message: noted on the ticket, and the ticket re-opened when it was waiting for the citizen,
 * resolved or closed, because the mairie has something to read again.
 */
export function followUp(ticket: TicketState, messageId: string): TicketChange {
  const noted: HistoryEntry = { type: 'follow-up', messageId };
  if (!reopenedByFollowUp.includes(ticket.status)) return { expected: {}, set: {}, history: [noted] };
  return {
    expected: { status: ticket.status },
    set: { status: 'open' },
    history: [noted, { type: 'reopened', from: ticket.status, to: 'open', reason: 'nouveau message du demandeur', messageId }],
  };
}

/** An overdue ticket moves, once, to the escalation queue its rules named. */
export function escalate(ticket: TicketState, now: Date): TicketDecision {
  if (!ticket.escalateTo || ticket.escalatedAt)
    return refuse('conflict', 'Cette demande a déjà été transmise ou n’a pas de file d’escalade.');
  if (!openStatuses.includes(ticket.status)) return refuse('conflict', 'Cette demande est déjà traitée.');
  if (!ticket.dueAt || ticket.dueAt >= now) return refuse('invalid', 'Cette demande n’a pas dépassé son échéance.');
  return {
    expected: { status: ticket.status, queue: ticket.queue, escalatedAt: null },
    set: { queue: ticket.escalateTo, escalatedAt: now, assigneeId: null },
    history: [
      {
        type: 'rerouted',
        from: ticket.queue,
        to: ticket.escalateTo,
        reason: `échéance dépassée (${ticket.dueAt.toISOString()}) : transmis automatiquement`,
      },
    ],
  };
}

/** Pilot mode: reception confirms (same queue) or corrects (another queue) the suggested queue, once. */
export function decideSuggestion(ticket: TicketState, queue: string, actorId: string, now: Date): TicketDecision {
  if (!ticket.suggestedQueue) return refuse('conflict', "Ce ticket n'attend pas de confirmation.");
  if (ticket.suggestionDecided) return refuse('conflict', 'La suggestion de ce ticket a déjà été confirmée ou corrigée.');
  const agreed = queue === ticket.suggestedQueue;
  return {
    expected: { queue: ticket.queue, suggestionDecided: false },
    set: { queue, assigneeId: null, suggestionOutcome: { queue, agreed, at: now, by: actorId } },
    history: [
      {
        type: 'rerouted',
        actorId,
        from: ticket.queue,
        to: queue,
        reason: agreed ? 'suggestion confirmée' : `suggestion corrigée (proposé : ${ticket.suggestedQueue})`,
      },
    ],
  };
}
