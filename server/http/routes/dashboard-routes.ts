import { Router, type Response } from 'express';
import { z } from 'zod';

import { recordAuditEvent } from '../../../models/audit/audit-event-repository';
import { countWaitingTickets } from '../../../models/queue/queue-count-repository';
import { listQueuesByIds } from '../../../models/queue/queue-repository';
import { loadDashboardFacts } from '../../../models/statistics/dashboard-repository';
import { computeDashboardStatistics, daysBetween, localDateFormatter } from '../../../models/statistics/dashboard-statistics';
import type { TicketScope, TicketViewer } from '../../../tickets/ticket-visibility';
import type { TownHallClock } from '../../clock';
import { dashboardCsv } from '../../presenters/dashboard-csv';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ');
const periodSchema = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  table: z.enum(['queues', 'daily']).default('queues'),
});
const maxDays = 93;
const dayMs = 86_400_000;
/** The time a reception agent spends reading and forwarding one request by hand (an assumption shown in the UI). */
const minutesPerManualTriage = 3;

export interface DashboardParts {
  queueIds: readonly string[];
  /** What the supervisor may see (the ticket workflow's one visibility rule): the communes counted. */
  scopeOf: (viewer: TicketViewer) => TicketScope;
  receptionQueue: string;
  /** Decides "today" and the default period: the town hall's calendar, never the browser's nor UTC's. */
  clock: TownHallClock;
}

/** Supervisors' indicators over a period of at most three months, as JSON for the charts or CSV for a spreadsheet. */
export function dashboardRoutes(parts: DashboardParts): Router {
  const router = Router();
  router.use('/api/dashboard', requireUser, requireRole('supervisor'));

  router.get('/api/dashboard', async (request, response) => {
    const { statistics, today } = await statisticsFor(request.query, parts, parts.scopeOf(currentUser(response)));
    response.json({ statistics, today, minutesPerManualTriage });
  });

  router.get('/api/dashboard/export.csv', async (request, response) => {
    const { statistics, table } = await statisticsFor(request.query, parts, parts.scopeOf(currentUser(response)));
    await recordExport(response, statistics.from, statistics.to, table);
    const labels = new Map((await listQueuesByIds(parts.queueIds)).map((queue) => [queue._id, queue.label]));
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="aiguillage-${table === 'daily' ? 'demandes-par-jour' : 'indicateurs-par-file'}-${statistics.from}-${statistics.to}.csv"`,
    );
    response.send(dashboardCsv(statistics, table, (queueId) => labels.get(queueId) ?? queueId));
  });
  return router;
}

async function statisticsFor(query: unknown, parts: DashboardParts, scope: TicketScope) {
  const period = parseInput(periodSchema, query, 'Période');
  const now = parts.clock.now();
  const today = localDateFormatter(parts.clock.timeZone)(now);
  const to = period.to ?? today;
  const from = period.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * dayMs).toISOString().slice(0, 10);
  if (from > to) throw new HttpError(400, 'La date de début doit précéder la date de fin.');
  if (daysBetween(from, to).length > maxDays) throw new HttpError(400, `La période ne peut pas dépasser ${maxDays} jours.`);
  // A day of margin on each side: the statistics keep what falls on the local dates asked for.
  const [facts, waiting] = await Promise.all([
    loadDashboardFacts(
      new Date(Date.parse(`${from}T00:00:00Z`) - dayMs),
      new Date(Date.parse(`${to}T00:00:00Z`) + 2 * dayMs),
      scope.communes,
    ),
    countWaitingTickets(parts.queueIds, scope.communes),
  ]);
  const backlog = Object.fromEntries(Object.entries(waiting).map(([queue, counts]) => [queue, counts.new + counts.open + counts.pending]));
  const statistics = computeDashboardStatistics(facts.tickets, facts.events, {
    from,
    to,
    timeZone: parts.clock.timeZone,
    queueIds: parts.queueIds,
    receptionQueue: parts.receptionQueue,
    backlog,
    minutesPerManualTriage,
    now,
  });
  return { statistics, today, table: period.table };
}

/** Exports leave the application: each one is audited (who, when, which period). */
async function recordExport(response: Response, from: string, to: string, table: string): Promise<void> {
  await recordAuditEvent({
    actor: currentUser(response),
    action: 'dashboard.exported',
    objectType: 'Dashboard',
    objectId: `${from}/${to}`,
    details: { table },
  });
}

export const dashboardOperations: ApiOperationGroup = {
  tag: 'Dashboard',
  operations: [
    { method: 'GET', path: '/api/dashboard', summary: 'Indicators over a period of at most three months', query: periodSchema },
    {
      method: 'GET',
      path: '/api/dashboard/export.csv',
      summary: 'The same indicators as CSV for a spreadsheet',
      query: periodSchema,
      success: { mediaType: 'text/csv' },
    },
  ],
};
