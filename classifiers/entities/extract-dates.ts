import { calendarDayIn, isPlausibleDate, nearestOccurrence, toIsoDate, type CalendarDay } from './calendar-day';
import type { Entity } from './entity';
import { extractRelativeDates } from './extract-relative-dates';
import { extractWrittenDates } from './extract-written-dates';
import type { ExtractionContext } from './extraction-context';
import { toMatchingText } from './matching-text';
import { spanEntity } from './span-entity';

/**
 * Dates as ISO `yyyy-mm-dd`, from forms with the month in words in five languages (see extract-written-dates),
 * numeric forms ("03/03/2025", "3/3/25", "2025-03-03", "le 12/05", "on 17/06") and relative ones resolved against
 * the reception day in the town hall's time zone (see extract-relative-dates). Impossible days (31/02) are dropped.
 *
 * Rules chosen to stay predictable:
 * - a day and month without year ("le 1er avril") is the occurrence nearest to the reception day, so within six
 *   months before or after it: "le 5 janvier" written on 20 December is next January's, "le 20 décembre" written on
 *   3 January is last December's;
 * - a two-digit year is in the 2000s unless that lands more than ten years after reception ("12/05/58" → 1958);
 * - numbers are read day first, as in Europe, unless only the American order gives a real date ("10/15/2024");
 * - a numeric day and month without year is a date only after "le", "du", "au", "depuis le", "jusqu'au", "on",
 *   "el" or "em", and not before "de" or "of" ("le 3/4 des lampadaires" is a fraction).
 */
export function extractDates(source: string, context: Pick<ExtractionContext, 'receivedAt' | 'timeZone'>): Entity[] {
  const reception = calendarDayIn(context.receivedAt, context.timeZone);
  const text = toMatchingText(source);
  return [
    ...extractWrittenDates(source, text, reception),
    ...extractNumericDates(source, text, reception),
    ...extractDayMonthDates(source, text, reception),
    ...extractIsoDates(source, text),
    ...extractRelativeDates(source, text, reception),
  ];
}

const numericDate = /(?<!\p{N}[./-]?)(?<![\p{L}\p{N}])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?!\p{N}|[./-]\p{N})/gu;

function extractNumericDates(source: string, text: string, reception: CalendarDay): Entity[] {
  const found: Entity[] = [];
  for (const match of text.matchAll(numericDate)) {
    const [whole, firstText, , secondText, yearText] = match;
    const year = yearText.length === 2 ? expandTwoDigitYear(Number(yearText), reception.year) : Number(yearText);
    const [first, second] = [Number(firstText), Number(secondText)];
    const isAmerican = second > 12 && first <= 12;
    const date = isAmerican ? { year, month: first, day: second } : { year, month: second, day: first };
    if (isPlausibleDate(date)) found.push(spanEntity(source, 'date', match.index, match.index + whole.length, toIsoDate(date)));
  }
  return found;
}

const dayMonthDate =
  /(?<=(?<!\p{L})(?:le|du|au|depuis le|jusqu'au|on|el|em)\s+)(\d{1,2})\/(\d{1,2})(?![\p{N}/.-]|\s*(?:de|des|du|d'|of)(?!\p{L}))/giu;

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
    if (isPlausibleDate(date)) found.push(spanEntity(source, 'date', match.index, match.index + whole.length, toIsoDate(date)));
  }
  return found;
}

function expandTwoDigitYear(twoDigits: number, receptionYear: number): number {
  const inThisCentury = 2000 + twoDigits;
  return inThisCentury > receptionYear + 10 ? 1900 + twoDigits : inThisCentury;
}
