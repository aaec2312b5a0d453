import type { Entity } from './entity';
import { calendarDayInParis, isRealDay, toIsoDate, type CalendarDay } from './calendar-day';
import { extractRelativeDates } from './extract-relative-dates';
import { toMatchingText } from './matching-text';
import { spanEntity } from './span-entity';

/**
 * Dates as ISO `yyyy-mm-dd`, from absolute forms ("3 mars 2025", "03/03/2025", "3/3/25", "2025-03-03") and from
 * relative ones resolved against the reception day (see extract-relative-dates). Impossible days (31/02) are dropped.
 *
 * Rules chosen to stay predictable rather than clever:
 * - a day and month without year ("le 1er avril") takes the year of reception, never a guess about past or future;
 * - a two-digit year is in the 2000s unless that lands more than ten years after reception ("12/05/58" → 1958);
 * - a numeric day and month without year ("3/4") is not a date: it is as often a fraction or a score.
 */
export function extractDates(source: string, receivedAt: Date): Entity[] {
  const reception = calendarDayInParis(receivedAt);
  const text = toMatchingText(source);
  return [
    ...extractWrittenMonthDates(source, text, reception),
    ...extractNumericDates(source, text, reception),
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

const writtenMonthDate = new RegExp(
  `(?<![\\p{L}\\p{N}])(1\\s?er|premier|\\d{1,2})\\s*(${monthAlternation})(?!\\p{L})\\.?(?:\\s+(\\d{4})(?!\\p{N}))?`,
  'giu',
);

function extractWrittenMonthDates(source: string, text: string, reception: CalendarDay): Entity[] {
  const found: Entity[] = [];
  for (const match of text.matchAll(writtenMonthDate)) {
    const [whole, dayText, monthName, yearText] = match;
    const day = /^\d+$/.test(dayText) ? Number(dayText) : 1;
    const month = monthByName.get(monthName.toLowerCase()) ?? 0;
    const year = yearText ? Number(yearText) : reception.year;
    const spanText = whole.replace(/\.$/, '');
    if (isPlausible(year, month, day)) {
      found.push(spanEntity(source, 'date', match.index, match.index + spanText.length, toIsoDate({ year, month, day })));
    }
  }
  return found;
}

const numericDate = /(?<!\p{N}[./-]?)(?<![\p{L}\p{N}])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?!\p{N}|[./-]\p{N})/gu;

function extractNumericDates(source: string, text: string, reception: CalendarDay): Entity[] {
  const found: Entity[] = [];
  for (const match of text.matchAll(numericDate)) {
    const [whole, dayText, , monthText, yearText] = match;
    const year = yearText.length === 2 ? expandTwoDigitYear(Number(yearText), reception.year) : Number(yearText);
    const day = Number(dayText);
    const month = Number(monthText);
    if (isPlausible(year, month, day)) {
      found.push(spanEntity(source, 'date', match.index, match.index + whole.length, toIsoDate({ year, month, day })));
    }
  }
  return found;
}

const isoDate = /(?<![\p{L}\p{N}]|\p{N}[./-])(\d{4})-(\d{2})-(\d{2})(?!\p{N}|[./-]\p{N})/gu;

function extractIsoDates(source: string, text: string): Entity[] {
  const found: Entity[] = [];
  for (const match of text.matchAll(isoDate)) {
    const [whole, yearText, monthText, dayText] = match;
    const [year, month, day] = [Number(yearText), Number(monthText), Number(dayText)];
    if (isPlausible(year, month, day)) {
      found.push(spanEntity(source, 'date', match.index, match.index + whole.length, toIsoDate({ year, month, day })));
    }
  }
  return found;
}

function expandTwoDigitYear(twoDigits: number, receptionYear: number): number {
  const inThisCentury = 2000 + twoDigits;
  return inThisCentury > receptionYear + 10 ? 1900 + twoDigits : inThisCentury;
}

/** Town-hall requests speak of births, deaths and appointments: years outside 1900–2100 are typing accidents. */
function isPlausible(year: number, month: number, day: number): boolean {
  return year >= 1900 && year <= 2100 && isRealDay(year, month, day);
}
