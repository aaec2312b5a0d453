export const ticketStatuses = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/** Statuses in which the mairie still owes the citizen something: counted as workload, escalated when overdue. */
export const openStatuses: readonly TicketStatus[] = ['new', 'open', 'pending'];

/** Statuses a citizen's new message takes a ticket out of: the mairie has something to read again. */
export const reopenedByFollowUp: readonly TicketStatus[] = ['pending', 'resolved', 'closed'];

/**
 * What an agent may set by hand, from each status. `new` is never set by hand: it means nobody has looked at the
 * ticket yet. A resolved or closed ticket may be re-opened (a mistake, a phone call from the citizen).
 */
export const allowedStatusChanges: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['open', 'pending', 'resolved', 'closed'],
  open: ['pending', 'resolved', 'closed'],
  pending: ['open', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: ['open'],
};

export const ticketStatusLabels: Readonly<Record<TicketStatus, string>> = {
  new: 'nouvelle',
  open: 'en cours',
  pending: 'en attente',
  resolved: 'résolue',
  closed: 'close',
};
