import { openStatuses, type TicketStatus } from './ticket-status';

/** The agents' ready-made views of their queues; `all` narrows nothing (the status filter alone decides). */
export const deskViews = ['all', 'mine', 'unassigned', 'overdue', 'waiting'] as const;
export type DeskView = (typeof deskViews)[number];

export const deskViewLabels: Readonly<Record<DeskView, string>> = {
  all: 'À traiter',
  mine: 'Mes demandes',
  unassigned: 'Non attribuées',
  overdue: 'En retard',
  waiting: 'En attente du demandeur',
};

/** `active`: what the mairie still owes the citizen (new, open, pending); `any`: every status. */
export const statusFilters = ['active', 'any'] as const;
export type StatusFilter = (typeof statusFilters)[number] | TicketStatus;

/** What a view asks of the tickets, in the domain's words (the repository turns it into a query). */
export interface ViewCriteria {
  /** Undefined: any status. Empty: nothing can match. */
  statuses?: TicketStatus[];
  /** A user's id, or `nobody` for the unassigned. */
  assignee?: string;
  dueBefore?: Date;
}

export const nobody = 'nobody';

/** The tickets of a view, narrowed by a status filter (a view of open work shows no closed ticket, whatever the filter). */
export function viewCriteria(view: DeskView, status: StatusFilter | undefined, actorId: string, now: Date): ViewCriteria {
  const views: Record<DeskView, ViewCriteria> = {
    all: {},
    mine: { statuses: [...openStatuses], assignee: actorId },
    unassigned: { statuses: [...openStatuses], assignee: nobody },
    overdue: { statuses: [...openStatuses], dueBefore: now },
    waiting: { statuses: ['pending'] },
  };
  const viewed = views[view];
  const filtered = status === undefined || status === 'any' ? undefined : status === 'active' ? [...openStatuses] : [status];
  const statuses =
    viewed.statuses && filtered ? viewed.statuses.filter((candidate) => filtered.includes(candidate)) : (viewed.statuses ?? filtered);
  return { ...viewed, ...(statuses ? { statuses } : {}) };
}
