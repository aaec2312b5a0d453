/** Who is asking: the signed-in user's role and the queues they serve. */
export interface TicketViewer {
  role: string;
  queues: readonly string[];
}

/**
 * Least privilege, the one rule for every channel (HTTP, sockets, search, exports): an agent sees only the queues
 * they serve and a supervisor every queue; an admin (accounts) and a DPO (audit, retention, data subjects'
 * requests, through their own API) see no queue, hence no ticket.
 */
export function visibleQueues(viewer: TicketViewer, allQueueIds: readonly string[]): string[] {
  switch (viewer.role) {
    case 'agent':
      return allQueueIds.filter((queueId) => viewer.queues.includes(queueId));
    case 'supervisor':
      return [...allQueueIds];
    default:
      return [];
  }
}

export function canSeeTicket(viewer: TicketViewer, ticket: { queue: string }, allQueueIds: readonly string[]): boolean {
  return visibleQueues(viewer, allQueueIds).includes(ticket.queue);
}
