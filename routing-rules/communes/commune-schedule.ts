import type { WorkingSchedule } from '../working-schedule';
import type { Commune } from './commune-schema';

/**
 * A commune's working time, as routing counts it: its opening hours, on its own clock (an overseas commune's is
 * not Paris's), closed on its public holidays (Alsace-Moselle's, an overseas department's).
 */
export function communeWorkingSchedule(commune: Pick<Commune, 'timeZone' | 'openingHours' | 'holidayCalendar'>): WorkingSchedule {
  return { timeZone: commune.timeZone, week: commune.openingHours, publicHolidays: commune.holidayCalendar };
}
