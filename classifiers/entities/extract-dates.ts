import type { Entity } from './entity';
import { calendarDayInParis, daysBetween, isRealDay, toIsoDate, type CalendarDay } from './calendar-day';
import { extractRelativeDates } from './extract-relative-dates';
import { toMatchingText } from './matching-text';
import { spanEntity } from './span-entity';

/**
 * Dates as ISO `yyyy-mm-dd`, from absolute forms ("3 mars 2025", "03/03/2025", "3/3/25", "2025-03-03", "le 12/05",
 * "du 10 au 14 juin") and from relative ones resolved against the reception day (see extract-relative-dates).
 * Impossible days (31/02) are dropped.
 *
 * Rules chosen to stay predictable:
 * - a day and month without year ("le 1er avril") is the occurrence nearest to the reception day, so within six
 *   months before or after it: "le 5 janvier" written on 20 December is next January's, "le 20 décembre" written on
 *   3 January is last December's;
 * - a two-digit year is in the 2000s unless that lands more than ten years after reception ("12/05/58" → 1958);
 * - a numeric day and month without year is a date only after "le", "du", "au" or "depuis le", and not before "de"
 *   ("le 3/4 des lampadaires" is a fraction).
 */
export function extractDates(source: string, receivedAt: Date): Entity[] {
  const reception = calendarDayInParis(receivedAt);
  const text = toMatchingText(source);
  return [
    ...extractWrittenMonthDates(source, text, reception),
    ...extractNumericDates(source, text, reception),
    ...extractDayMonthDates(source, text, reception),
    ...extractIsoDates(source, text),
    ...extractRelativeDates(source, text, reception),
  ];
}

const monthNumbers: ReadonlyArray<readonly [string, number]> = [
  ['janvier', 1], ['janv', 1],
  ['fevrier', 2], ['fevier', 2], ['fevr', 2], ['fev', 2],
  ['mars', 3],
  ['avril', 4], ['avr', 4],
  ['mai', 5],
  ['juin', 6],
  ['juillet', 7], ['juil', 7],
  ['aout', 8],
  ['septembre', 9], ['sept', 9],
  ['octobre', 10], ['oct', 10],
  ['novembre', 11], ['nov', 11],
  ['decembre', 12], ['dec', 12],
];
const monthByName = new Map(monthNumbers);
const monthAlternation = monthNumbers.map(([name]) => name).sort((a, b) => b.length - a.length).join('|');
const dayOfMonth = '1\\s?er|premier|\\d{1,2}';

/** "3 mars 2025", "1er avril", and the first day of a range sharing its month: "du 10 au 14 juin", "les 12 et 13 mars". */
const writtenMonthDate = new RegExp(
  [
    `(?<![\\p{L}\\p{N}])(?:(${dayOfMonth})(\\s+(?:au|et)\\s+))?`,
    `(${dayOfMonth})\\s*(${monthAlternation})(?!\\p{L})\\.?(?:\\s+(\\d{4})(?!\\p{N}))?`,
  ].join(''),
  'giu',
);

function extractWrittenMonthDates(source: string, text: string, reception: CalendarDay): Entity[] {
  const found: Entity[] = [];
  for (const match of text.matchAll(writtenMonthDate)) {
    const [whole, rangeStartText, rangeLink, dayText, monthName, yearText] = match;
    const month = monthByName.get(monthName.toLowerCase()) ?? 0;
    const dateAt = (start: number, length: number, writtenDay: string) => {
      const day = /^\d+$/.test(writtenDay) ? Number(writtenDay) : 1;
      const date = yearText ? { year: Number(yearText), month, day } : nearestOccurrence(month, day, reception);
      if (date && isPlausible(date)) found.push(spanEntity(source, 'date', start, start + length, toIsoDate(date)));
    };
    const mainStart = match.index + (rangeStartText ? rangeStartText.length + rangeLink.length : 0);
    dateAt(mainStart, whole.replace(/\.$/, '').length - (mainStart - match.index), dayText);
    if (rangeStartText) dateAt(match.index, rangeStartText.length, rangeStartText);
  }
  return found;
}

const numericDate = /(?<!\p{N}[./-]?)(?<![\p{L}\p{N}])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?!\p{N}|[./-]\p{N})/gu;

function extractNumericDates(source: string, text: string, reception: CalendarDay): Entity[] {
  const found: Entity[] = [];
  for (const match of text.matchAll(numericDate)) {
    const [whole, dayText, , monthText, yearText] = match;
    const year = yearText.length === 2 ? expandTwoDigitYear(Number(yearText), reception.year) : Number(yearText);
    const date = { year, month: Number(monthText), day: Number(dayText) };
    if (isPlausible(date)) found.push(spanEntity(source, 'date', match.index, match.index + whole.length, toIsoDate(date)));
  }
  return found;
}

const dayMonthDate =
  /(?<=(?<!\p{L})(?:le|du|au|depuis le|jusqu'au)\s+)(\d{1,2})\/(\d{1,2})(?![\p{N}/.-]|\s*(?:de|des|du|d')(?!\p{L}))/giu;

function extractDayMonthDates(source: string, text: string, reception: CalendarDay): Entity[] {
  const found: Entity[] = [];
  for (const match of text.matchAll(dayMonthDate)) {
    const date = nearestOccurrence(Number(match[2]), Number(match[1]), reception);
    if (date) found.push(spanEntity(source, 'date', match.index, match.index + match[0].length, toIsoDate(date)));
  }
  return found;
}

const isoDate = /(?<![\p{L}\p{N}]|\p{N}[./-])(\d{4})-(\d{2})-(\d{2})(?!\p{N}|[./-]\p{N})/gu;

function extractIsoDates(source: string, text: string): Entity[] {
  const found: Entity[] = [];
  for (const match of text.matchAll(isoDate)) {
    const [whole, yearText, monthText, dayText] = match;
    const date = { year: Number(yearText), month: Number(monthText), day: Number(dayText) };
    if (isPlausible(date)) found.push(spanEntity(source, 'date', match.index, match.index + whole.length, toIsoDate(date)));
  }
  return found;
}

function nearestOccurrence(month: number, day: number, reception: CalendarDay): CalendarDay | undefined {
  return [reception.year - 1, reception.year, reception.year + 1]
    .map((year) => ({ year, month, day }))
    .filter((candidate) => isRealDay(candidate.year, candidate.month, candidate.day))
    .sort((a, b) => Math.abs(daysBetween(reception, a)) - Math.abs(daysBetween(reception, b)))[0];
}

function expandTwoDigitYear(twoDigits: number, receptionYear: number): number {
  const inThisCentury = 2000 + twoDigits;
  return inThisCentury > receptionYear + 10 ? 1900 + twoDigits : inThisCentury;
}

/** Town-hall requests speak of births, deaths and appointments: years outside 1900–2100 are typing accidents. */
function isPlausible(date: CalendarDay): boolean {
  return date.year >= 1900 && date.year <= 2100 && isRealDay(date.year, date.month, date.day);
}
