import Holidays from 'date-holidays';

/**
 * Which public holidays close a town hall: the national ones (`metropole`), plus Good Friday and 26 December in
 * Alsace-Moselle, plus the abolition-of-slavery day of each overseas department (and Good Friday in Guadeloupe
 * and Martinique). The dates come from date-holidays, a maintained calendar of every French department.
 */
export const holidayCalendars = ['metropole', 'alsace-moselle', 'guadeloupe', 'martinique', 'guyane', 'reunion', 'mayotte'] as const;
export type HolidayCalendar = (typeof holidayCalendars)[number];

/** date-holidays' subdivision of France for each calendar (Moselle stands for the three departments of Alsace-Moselle). */
const subdivisions: Readonly<Record<HolidayCalendar, string | undefined>> = {
  metropole: undefined,
  'alsace-moselle': '57',
  guadeloupe: 'GP',
  martinique: 'MQ',
  guyane: 'GF',
  reunion: 'RE',
  mayotte: 'YT',
};

const calendars = new Map<HolidayCalendar, Holidays>();
const byYear = new Map<string, ReadonlyMap<string, string>>();

/** The public holidays of a calendar in a year, date (YYYY-MM-DD) → French name. */
export function publicHolidays(calendar: HolidayCalendar, year: number): ReadonlyMap<string, string> {
  const key = `${calendar}:${year}`;
  const cached = byYear.get(key);
  if (cached) return cached;
  let source = calendars.get(calendar);
  if (!source) {
    const subdivision = subdivisions[calendar];
    source = subdivision ? new Holidays('FR', subdivision) : new Holidays('FR');
    calendars.set(calendar, source);
  }
  // The library also lists observances (Mother's Day…): only days off count.
  const holidays = new Map(
    source
      .getHolidays(year)
      .filter((holiday) => holiday.type === 'public')
      .map((holiday) => [holiday.date.slice(0, 10), holiday.name] as const),
  );
  byYear.set(key, holidays);
  return holidays;
}

export function isPublicHoliday(isoDate: string, calendar: HolidayCalendar): boolean {
  return publicHolidays(calendar, Number(isoDate.slice(0, 4))).has(isoDate);
}
