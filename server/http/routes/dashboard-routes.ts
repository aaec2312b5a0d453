import { Router, type Response } from 'express';
import { z } from 'zod';

import { recordAuditEvent } from '../../../models/audit/audit-event-repository';
import { countWaitingTicketsByCommune } from '../../../models/queue/queue-count-repository';
import { listQueuesByIds } from '../../../models/queue/queue-repository';
import { loadDashboardFacts } from '../../../models/statistics/dashboard-repository';
import { computeDashboardStatistics, daysBetween, localDateFormatter } from '../../../models/statistics/dashboard-statistics';
import { inseeCodeSchema } from '../../../routing-rules/communes/commune-schema';
import type { TicketScope, TicketViewer } from '../../../tickets/ticket-visibility';
import type { TownHallClock } from '../../clock';
import type { CommuneDirectory } from '../../communes/commune-directory';
import { communesCsv, dashboardCsv } from '../../presenters/dashboard-csv';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ');
const periodSchema = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  table: z.enum(['queues', 'daily', 'communes']).default('queues'),
  /** One commune's figures, on its clock; the roll-up of every commune the supervisor follows otherwise. */
  commune: inseeCodeSchema.optional(),
});
const maxDays = 93;
const dayMs = 86_400_000;
/** The time a reception agent spends reading and forwarding one request by hand (an assumption shown in the UI). */
const minutesPerManualTriage = 3;

export interface DashboardParts {
  queueIds: readonly string[];
  /** What the supervisor may see (the ticket workflow's one visibility rule): the communes counted. */
  scopeOf: (viewer: TicketViewer) => TicketScope;
  /** Each commune's name and clock. */
  communes: Pick<CommuneDirectory, 'of'>;
  receptionQueue: string;
  /** Decides "today" and the default period: the town hall's calendar, never the browser's nor UTC's. */
  clock: TownHallClock;
}

/** Supervisors' indicators over a period of at most three months, as JSON for the charts or CSV for a spreadsheet. */
export function dashboardRoutes(parts: DashboardParts): Router {
  const router = Router();
  router.use('/api/dashboard', requireUser, requireRole('supervisor'));

  router.get('/api/dashboard', async (request, response) => {
    const { statistics, communes, today } = await statisticsFor(request.query, parts, parts.scopeOf(currentUser(response)));
    response.json({ statistics, communes, today, minutesPerManualTriage });
  });

  router.get('/api/dashboard/export.csv', async (request, response) => {
    const { statistics, communes, table } = await statisticsFor(request.query, parts, parts.scopeOf(currentUser(response)));
    await recordExport(response, statistics.from, statistics.to, table);
    const labels = new Map((await listQueuesByIds(parts.queueIds)).map((queue) => [queue._id, queue.label]));
    const name = { daily: 'demandes-par-jour', queues: 'indicateurs-par-file', communes: 'indicateurs-par-commune' }[table];
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="aiguillage-${name}-${statistics.from}-${statistics.to}.csv"`);
    response.send(
      table === 'communes' ? communesCsv(communes) : dashboardCsv(statistics, table, (queueId) => labels.get(queueId) ?? queueId),
    );
  });
  return router;
}

/**
 * The period's figures for one commune (on its clock) or rolled up over every commune the supervisor follows (on the
 * service's clock), with each commune's totals beside them (on its own clock).
 */
async function statisticsFor(query: unknown, parts: DashboardParts, scope: TicketScope) {
  const period = parseInput(periodSchema, query, 'Période');
  if (period.commune && !scope.communes.includes(period.commune))
    throw new HttpError(403, `Vous ne suivez pas la commune ${period.commune}.`);
  const communes = period.commune ? [period.commune] : scope.communes;
  const timeZone = period.commune ? parts.communes.of(period.commune).timeZone : parts.clock.timeZone;
  const now = parts.clock.now();
  const today = localDateFormatter(timeZone)(now);
  const to = period.to ?? today;
  const from = period.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * dayMs).toISOString().slice(0, 10);
  if (from > to) throw new HttpError(400, 'La date de début doit précéder la date de fin.');
  if (daysBetween(from, to).length > maxDays) throw new HttpError(400, `La période ne peut pas dépasser ${maxDays} jours.`);
  // A day of margin on each side: the statistics keep what falls on the local dates asked for.
  const [facts, waiting] = await Promise.all([
    loadDashboardFacts(new Date(Date.parse(`${from}T00:00:00Z`) - dayMs), new Date(Date.parse(`${to}T00:00:00Z`) + 2 * dayMs), communes),
    countWaitingTicketsByCommune(communes),
  ]);
  const options = { from, to, queueIds: parts.queueIds, receptionQueue: parts.receptionQueue, minutesPerManualTriage, now };
  const backlog: Record<string, number> = {};
  for (const perQueue of waiting.values())
    for (const [queue, count] of Object.entries(perQueue)) backlog[queue] = (backlog[queue] ?? 0) + count;
  const statistics = computeDashboardStatistics(facts.tickets, facts.events, { ...options, timeZone, backlog });
  const byCommune = communes.map((insee) => {
    const tickets = facts.tickets.filter((ticket) => ticket.commune === insee);
    const ids = new Set(tickets.map((ticket) => ticket.id));
    const commune = parts.communes.of(insee);
    const figures = computeDashboardStatistics(
      tickets,
      facts.events.filter((event) => ids.has(event.ticketId)),
      {
        ...options,
        timeZone: commune.timeZone,
        backlog: waiting.get(insee) ?? {},
      },
    );
    return { insee, name: commune.name, timeZone: commune.timeZone, totals: figures.totals };
  });
  return { statistics, communes: byCommune, today, table: period.table };
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
