import { viewCriteria } from '../../../../tickets/desk-views';
import type { ListFilter, TicketPriority, TicketSummary } from '../../api/api-types';

export const defaultFilter: ListFilter = { view: 'all', status: 'active', sort: 'urgency' };

/** The list's query string: the filter, and which page of `pageSize` rows. */
export function listQuery(filter: ListFilter, page: number, pageSize: number): string {
  const query = new URLSearchParams({ view: filter.view, sort: filter.sort, page: String(page), pageSize: String(pageSize) });
  if (filter.queue) query.set('queue', filter.queue);
  if (filter.status) query.set('status', filter.status);
  if (filter.q?.trim()) query.set('q', filter.q.trim());
  return query.toString();
}

/**
 * Whether a ticket pushed live belongs in the list on screen, judged as the server judges the view. A search
 * cannot be judged here (the words are matched through the server's keyed index): undefined, and the list asks
 * the server again.
 */
export function belongsToList(ticket: TicketSummary, filter: ListFilter, userId: string, now: Date): boolean | undefined {
  if (filter.q?.trim()) return undefined;
  if (filter.queue && ticket.queue !== filter.queue) return false;
  const criteria = viewCriteria(filter.view, filter.status, userId, now);
  if (criteria.statuses && !criteria.statuses.includes(ticket.status)) return false;
  if (
    criteria.assignee === 'nobody' ? Boolean(ticket.assigneeId) : criteria.assignee !== undefined && ticket.assigneeId !== criteria.assignee
  )
    return false;
  if (criteria.dueBefore && !(ticket.dueAt && Date.parse(ticket.dueAt) < criteria.dueBefore.getTime())) return false;
  return true;
}

const priorityRank: Record<TicketPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

export function compareRecentFirst(left: TicketSummary, right: TicketSummary): number {
  return Date.parse(right.receivedAt) - Date.parse(left.receivedAt);
}

/** Urgent first, then the nearest due date (none last), then the oldest request: the server's urgency order. */
export function compareForWork(left: TicketSummary, right: TicketSummary): number {
  const byPriority = priorityRank[left.priority] - priorityRank[right.priority];
  if (byPriority !== 0) return byPriority;
  const leftDue = left.dueAt ? Date.parse(left.dueAt) : Number.POSITIVE_INFINITY;
  const rightDue = right.dueAt ? Date.parse(right.dueAt) : Number.POSITIVE_INFINITY;
  if (leftDue !== rightDue) return leftDue - rightDue;
  return Date.parse(left.receivedAt) - Date.parse(right.receivedAt);
}
