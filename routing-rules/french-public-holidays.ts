import { addDaysToIsoDate } from './zoned-time';

const FIXED_HOLIDAYS: ReadonlyArray<readonly [string, string]> = [
  ['01-01', "Jour de l'an"],
  ['05-01', 'Fête du Travail'],
  ['05-08', 'Victoire 1945'],
  ['07-14', 'Fête nationale'],
  ['08-15', 'Assomption'],
  ['11-01', 'Toussaint'],
  ['11-11', 'Armistice 1918'],
  ['12-25', 'Noël'],
];

const holidaysByYear = new Map<number, ReadonlyMap<string, string>>();

/** Easter Sunday (Gregorian calendar, anonymous algorithm) as YYYY-MM-DD. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The eleven national public holidays of metropolitan France, date → French name. */
export function frenchPublicHolidays(year: number): ReadonlyMap<string, string> {
  const cached = holidaysByYear.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const holidays = new Map<string, string>(FIXED_HOLIDAYS.map(([monthDay, name]) => [`${year}-${monthDay}`, name]));
  holidays.set(addDaysToIsoDate(easter, 1), 'Lundi de Pâques');
  holidays.set(addDaysToIsoDate(easter, 39), 'Ascension');
  holidays.set(addDaysToIsoDate(easter, 50), 'Lundi de Pentecôte');
  holidaysByYear.set(year, holidays);
  return holidays;
}

export function isFrenchPublicHoliday(isoDate: string): boolean {
  return frenchPublicHolidays(Number(isoDate.slice(0, 4))).has(isoDate);
}
