import { localDateFormatter } from '../../models/statistics/dashboard-statistics';

/** The budget month (`yyyy-mm`) a moment falls in, on the town hall's calendar rather than UTC's. */
export function budgetMonthOf(moment: Date, timeZone: string): string {
  return localDateFormatter(timeZone)(moment).slice(0, 7);
}
