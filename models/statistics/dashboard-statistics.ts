/**
 * The indicators a mairie follows when it automates its intake (processing time, error rate, citizen
 * satisfaction, agent time freed), computed from tickets and their history. Pure: the repository loads, this
 * counts, so that every definition below is tested on plain data.
 */
import { mergedTag } from '../../tickets/ticket-lifecycle';

export interface TicketFacts {
  id: string;
  /** Its commune (INSEE code): the dashboard rolls up per commune. */
  commune?: string | null;
  queue: string;
  receivedAt: Date;
  status: string;
  dueAt?: Date | null;
  suggestedQueue?: string | null;
  satisfaction?: { rating: number } | null;
  tags?: readonly string[];
}

export interface TicketEventFacts {
  ticketId: string;
  type: string;
  at: Date;
  actorId?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface QueueIndicators {
  queue: string;
  /**
   * Requests received in the period that arrived in this queue: routed here by the engine, or left in reception.
   * The base of the row's misrouted and misrouteRate, and the rows add up to the total.
   */
  received: number;
  /** Requests the engine first routed to this queue (the base of the misroute rate). */
  routedHere: number;
  /** Of those, moved elsewhere by an agent: the engine got them wrong. */
  misrouted: number;
  /** misrouted / routedHere; null for the reception queue (triage from it is its job) or when nothing was routed. */
  misrouteRate: number | null;
  resolved: number;
  averageProcessingMs: number | null;
  p90ProcessingMs: number | null;
  /** Tickets with a due date, and how many were (or still are) late. */
  slaTracked: number;
  slaBreaches: number;
  /** Still waiting now (new, open or pending), whatever their date of receipt. */
  backlog: number;
  satisfactionAverage: number | null;
  satisfactionCount: number;
}

export interface DashboardStatistics {
  from: string;
  to: string;
  timeZone: string;
  days: string[];
  /** Requests received per day (local date) and per queue. */
  daily: Array<{ day: string; total: number; byQueue: Record<string, number> }>;
  queues: QueueIndicators[];
  totals: Omit<QueueIndicators, 'queue'> & {
    /** Routed straight to a service queue by the engine, without anyone triaging them. */
    autoRouted: number;
    autoRoutedShare: number | null;
    /** autoRouted × the minutes an agent spends triaging one request by hand. */
    triageMinutesSaved: number;
  };
}

export interface DashboardOptions {
  /** Local dates, both included (YYYY-MM-DD). */
  from: string;
  to: string;
  timeZone: string;
  queueIds: readonly string[];
  receptionQueue: string;
  /** Open tickets per queue right now. */
  backlog: Record<string, number>;
  minutesPerManualTriage: number;
  now: Date;
}

const doneStatuses = new Set(['resolved', 'closed']);

export function computeDashboardStatistics(
  tickets: readonly TicketFacts[],
  events: readonly TicketEventFacts[],
  options: DashboardOptions,
): DashboardStatistics {
  const localDate = localDateFormatter(options.timeZone);
  const days = daysBetween(options.from, options.to);
  const eventsByTicket = groupBy(events, (event) => event.ticketId);
  const inPeriod = tickets.filter((ticket) => {
    const day = localDate(ticket.receivedAt);
    return day >= options.from && day <= options.to;
  });

  const daily = days.map((day) => ({
    day,
    total: 0,
    byQueue: Object.fromEntries(options.queueIds.map((queue) => [queue, 0])) as Record<string, number>,
  }));
  const dayIndex = new Map(days.map((day, index) => [day, index]));
  const perQueue = new Map(options.queueIds.map((queue) => [queue, emptyAccumulator()]));
  const totals = emptyAccumulator();
  const accumulatorOf = (queue: string) => perQueue.get(queue) ?? perQueue.set(queue, emptyAccumulator()).get(queue)!;
  let autoRouted = 0;

  for (const ticket of inPeriod) {
    const history = (eventsByTicket.get(ticket.id) ?? []).slice().sort((left, right) => left.at.getTime() - right.at.getTime());
    const firstQueue = history.find((event) => event.type === 'created')?.to ?? ticket.queue;
    const current = accumulatorOf(ticket.queue);
    const arrival = accumulatorOf(firstQueue);
    const bucket = daily[dayIndex.get(localDate(ticket.receivedAt))!];
    bucket.total += 1;
    bucket.byQueue[firstQueue] = (bucket.byQueue[firstQueue] ?? 0) + 1;

    for (const accumulator of [arrival, totals]) accumulator.received += 1;
    const routedByEngine = firstQueue !== options.receptionQueue && !ticket.suggestedQueue;
    if (routedByEngine) {
      autoRouted += 1;
      const misrouted = history.some((event) => event.type === 'rerouted' && event.actorId && event.from === firstQueue);
      for (const accumulator of [arrival, totals]) {
        accumulator.routedHere += 1;
        if (misrouted) accumulator.misrouted += 1;
      }
    }

    // A duplicate merged into another request was closed, not processed: neither its time nor its due date counts.
    if (ticket.tags?.includes(mergedTag)) continue;
    const resolvedAt = history.find((event) => event.type === 'status-changed' && doneStatuses.has(event.to ?? ''))?.at ?? null;
    if (resolvedAt && doneStatuses.has(ticket.status)) {
      for (const accumulator of [current, totals]) accumulator.processingTimes.push(resolvedAt.getTime() - ticket.receivedAt.getTime());
    }
    if (ticket.dueAt) {
      const finishedAt = doneStatuses.has(ticket.status) && resolvedAt ? resolvedAt : options.now;
      const late = finishedAt.getTime() > ticket.dueAt.getTime();
      for (const accumulator of [current, totals]) {
        accumulator.slaTracked += 1;
        if (late) accumulator.slaBreaches += 1;
      }
    }
    if (ticket.satisfaction) {
      for (const accumulator of [current, totals]) accumulator.ratings.push(ticket.satisfaction.rating);
    }
  }

  const queues = [...perQueue.entries()].map(([queue, accumulator]) => ({
    queue,
    ...indicators(accumulator, options.backlog[queue] ?? 0, queue === options.receptionQueue),
  }));
  const backlogTotal = Object.values(options.backlog).reduce((sum, count) => sum + count, 0);
  return {
    from: options.from,
    to: options.to,
    timeZone: options.timeZone,
    days,
    daily,
    queues,
    totals: {
      ...indicators(totals, backlogTotal, false),
      autoRouted,
      autoRoutedShare: totals.received === 0 ? null : autoRouted / totals.received,
      triageMinutesSaved: autoRouted * options.minutesPerManualTriage,
    },
  };
}

interface Accumulator {
  received: number;
  routedHere: number;
  misrouted: number;
  processingTimes: number[];
  slaTracked: number;
  slaBreaches: number;
  ratings: number[];
}

function emptyAccumulator(): Accumulator {
  return { received: 0, routedHere: 0, misrouted: 0, processingTimes: [], slaTracked: 0, slaBreaches: 0, ratings: [] };
}

function indicators(accumulator: Accumulator, backlog: number, isReception: boolean): Omit<QueueIndicators, 'queue'> {
  const times = accumulator.processingTimes.slice().sort((left, right) => left - right);
  return {
    received: accumulator.received,
    routedHere: accumulator.routedHere,
    misrouted: accumulator.misrouted,
    misrouteRate: isReception || accumulator.routedHere === 0 ? null : accumulator.misrouted / accumulator.routedHere,
    resolved: times.length,
    averageProcessingMs: times.length === 0 ? null : times.reduce((sum, time) => sum + time, 0) / times.length,
    p90ProcessingMs: times.length === 0 ? null : nearestRank(times, 90),
    slaTracked: accumulator.slaTracked,
    slaBreaches: accumulator.slaBreaches,
    backlog,
    satisfactionAverage:
      accumulator.ratings.length === 0 ? null : accumulator.ratings.reduce((sum, rating) => sum + rating, 0) / accumulator.ratings.length,
    satisfactionCount: accumulator.ratings.length,
  };
}

/** Nearest-rank percentile of ascending values. */
export function nearestRank(sorted: readonly number[], percent: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1))];
}

/** Every local date from `from` to `to` included (YYYY-MM-DD, at most a few months: the caller bounds it). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = new Date(`${from}T00:00:00Z`); day.toISOString().slice(0, 10) <= to; day.setUTCDate(day.getUTCDate() + 1)) {
    days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

export function localDateFormatter(timeZone: string): (instant: Date) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (instant) => format.format(instant);
}

function groupBy<Item>(items: readonly Item[], key: (item: Item) => string): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
