import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { AgentNotifications } from './agent-notifications';

/**
 * Every tick, tells the agents concerned about tickets whose due date is near. Each notice is stored once (its
 * dedupe key), so ticks on several instances, or a slow tick overlapped by the next, tell nobody twice.
 */
export function startNearDueDateJob(
  notifications: AgentNotifications,
  options: { intervalMs: number; withinMinutes: number },
  logger: Logger,
  now: Clock,
) {
  const timer = setInterval(() => {
    notifications
      .warnOfNearDueDates(now(), options.withinMinutes)
      .catch((error: unknown) => logger.error({ err: error }, 'near due date notices failed'));
  }, options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
