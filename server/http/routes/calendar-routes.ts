import { Router } from 'express';

import { localDateFormatter } from '../../../models/statistics/dashboard-statistics';
import type { TicketViewer } from '../../../tickets/ticket-visibility';
import type { TownHallClock } from '../../clock';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireUser } from '../authenticate';

/**
 * The town hall's calendar as the web app must show it: its time zone (every date on screen is formatted in it)
 * and today's date there, decided by the server's clock rather than the browser's, whose UTC date is still
 * yesterday's between midnight and 1 or 2 a.m. in Paris. The user's own: the time zone of their communes when they
 * share one (Réunion's for Saint-Denis's staff), the service's otherwise.
 */
export function calendarRoutes(clock: TownHallClock, timeZoneOf: (viewer: TicketViewer) => string): Router {
  const router = Router();
  router.get('/api/calendar', requireUser, (_request, response) => {
    const now = clock.now();
    const timeZone = timeZoneOf(currentUser(response));
    response.json({ timeZone, today: localDateFormatter(timeZone)(now), now: now.toISOString() });
  });
  return router;
}

export const calendarOperations: ApiOperationGroup = {
  tag: 'Queues',
  operations: [{ method: 'GET', path: '/api/calendar', summary: "The town hall's time zone and today's date there" }],
};
