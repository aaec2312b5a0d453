/** A civil date without time or zone: the unit in which French citizens and the town hall reason about dates. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/**
 * The town hall's calendar day at an instant, in its IANA time zone: an email received at 23:30 UTC in winter
 * already belongs to the next day in Paris.
 */
export function calendarDayIn(instant: Date, timeZone: string): CalendarDay {
  const parts = dateFormatIn(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((candidate) => candidate.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/** One formatter per zone: building one costs more than reading a date with it. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    dateFormats.set(timeZone, format);
  }
  return format;
}

export function isRealDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(from: CalendarDay, days: number): CalendarDay {
  const shifted = new Date(Date.UTC(from.year, from.month - 1, from.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return (Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / 86_400_000;
}

/** 0 = Sunday … 6 = Saturday, as `Date.getUTCDay`. */
export function weekdayOf(day: CalendarDay): number {
  return new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
}

export function toIsoDate(day: CalendarDay): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(day.year, 4)}-${pad(day.month, 2)}-${pad(day.day, 2)}`;
}

/** A day and month without year: the occurrence nearest to reception, so within six months before or after it. */
export function nearestOccurrence(month: number, day: number, reception: CalendarDay): CalendarDay | undefined {
  return [reception.year - 1, reception.year, reception.year + 1]
    .map((year) => ({ year, month, day }))
    .filter((candidate) => isRealDay(candidate.year, candidate.month, candidate.day))
    .sort((a, b) => Math.abs(daysBetween(reception, a)) - Math.abs(daysBetween(reception, b)))[0];
}

/** Town-hall requests speak of births, deaths and appointments: years outside 1900–2100 are typing accidents. */
export function isPlausibleDate(date: CalendarDay): boolean {
  return date.year >= 1900 && date.year <= 2100 && isRealDay(date.year, date.month, date.day);
}
