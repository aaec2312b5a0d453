import { formatDuration } from '../../labels/format';

/** Under this, a due date is shown as close (the agent should start now). */
const soonMs = 4 * 3_600_000;

/** The time left before a request is due, as an agent reads it: « dans 3 h 20 », « en retard de 2 j 4 h ». */
export function dueCountdown(dueAt: string, now: number): { text: string; state: 'overdue' | 'soon' | 'later' } {
  const left = Date.parse(dueAt) - now;
  if (left < 0) return { text: `en retard de ${formatDuration(-left)}`, state: 'overdue' };
  return { text: `dans ${formatDuration(left)}`, state: left < soonMs ? 'soon' : 'later' };
}
