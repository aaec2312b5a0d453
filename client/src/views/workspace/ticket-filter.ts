import type { TicketPriority, TicketStatus, TicketSummary } from '../../api/api-types';

export const dueFilters = ['any', 'overdue', 'today', 'week', 'none'] as const;
export type DueFilter = (typeof dueFilters)[number];

export interface TicketFilter {
  queue: string | null;
  /** `active`: what still needs work (new, open, pending). */
  status: 'active' | 'all' | TicketStatus;
  priority: TicketPriority | '';
  due: DueFilter;
  tag: string;
  search: string;
  sort: 'recent' | 'work';
}

export const defaultFilter: TicketFilter = { queue: null, status: 'active', priority: '', due: 'any', tag: '', search: '', sort: 'recent' };

const activeStatuses: readonly TicketStatus[] = ['new', 'open', 'pending'];

/** Lower case, without accents: "Etat" finds "État". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/**
 * Whether a ticket passes the agent's filters. `describe` gives the words the search looks into (reference,
 * labels, subject, tags), so that labels stay the screen's business.
 */
export function matchesFilter(ticket: TicketSummary, filter: TicketFilter, now: Date, describe: (ticket: TicketSummary) => string): boolean {
  if (filter.queue && ticket.queue !== filter.queue) return false;
  if (filter.status === 'active' ? !activeStatuses.includes(ticket.status) : filter.status !== 'all' && ticket.status !== filter.status) return false;
  if (filter.priority && ticket.priority !== filter.priority) return false;
  if (filter.tag && !ticket.tags.includes(filter.tag)) return false;
  if (!matchesDue(ticket.dueAt ?? null, filter.due, now)) return false;
  const words = foldForSearch(filter.search).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldForSearch(describe(ticket));
  return words.every((word) => haystack.includes(word));
}

function matchesDue(dueAt: string | null, due: DueFilter, now: Date): boolean {
  if (due === 'any') return true;
  if (due === 'none') return dueAt === null;
  if (dueAt === null) return false;
  const dueTime = Date.parse(dueAt);
  if (due === 'overdue') return dueTime < now.getTime();
  const endOfToday = new Date(now);
  endOfToday.setHours(23, 59, 59, 999);
  if (due === 'today') return dueTime <= endOfToday.getTime();
  return dueTime <= endOfToday.getTime() + 6 * 86_400_000;
}

const priorityRank: Record<TicketPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

export function compareRecentFirst(left: TicketSummary, right: TicketSummary): number {
  return Date.parse(right.receivedAt) - Date.parse(left.receivedAt);
}

/** Urgent first, then the oldest due date, then the oldest request: the order an agent works in. */
export function compareForWork(left: TicketSummary, right: TicketSummary): number {
  const byPriority = priorityRank[left.priority] - priorityRank[right.priority];
  if (byPriority !== 0) return byPriority;
  const leftDue = left.dueAt ? Date.parse(left.dueAt) : Number.POSITIVE_INFINITY;
  const rightDue = right.dueAt ? Date.parse(right.dueAt) : Number.POSITIVE_INFINITY;
  if (leftDue !== rightDue) return leftDue - rightDue;
  return Date.parse(left.receivedAt) - Date.parse(right.receivedAt);
}
