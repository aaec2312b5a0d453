import { isPlausibleDate, nearestOccurrence, toIsoDate, type CalendarDay } from './calendar-day';
import type { Entity } from './entity';
import { englishMonthAlternation, monthAlternation, readMonth } from './month-names';
import { spanEntity } from './span-entity';

/**
 * Dates whose month is written as a word, in French, English, Spanish, Portuguese or Italian (see month-names):
 * - day first: "3 mars 2025", "1er avril", "2 June 1985", "12th of March", "23rd jan 2019", "3 de mayo de 2024",
 *   "3 de março de 2025", "1º de enero", and both ends of a range sharing the month: "du 10 au 14 juin", "les 12 et
 *   13 mars", "del 10 al 12 de julio", "15 and 22 March 2026";
 * - month first, in English only and capitalised as English writes it: "June 2nd, 2025", "Nov 24, 2025", "March 12".
 * Without a year, the day is the occurrence nearest to reception (see calendar-day). `text` is the matching text.
 */
export function extractWrittenDates(source: string, text: string, reception: CalendarDay): Entity[] {
  const found: Entity[] = [];
  const add = (start: number, end: number, writtenDay: string, monthName: string, yearText?: string) => {
    const reading = readMonth(monthName);
    if (!reading || (reading.needsYear && !yearText)) return;
    const day = dayNumber(writtenDay);
    const date = yearText ? { year: Number(yearText), month: reading.month, day } : nearestOccurrence(reading.month, day, reception);
    if (date && isPlausibleDate(date)) found.push(spanEntity(source, 'date', start, end, toIsoDate(date)));
  };
  for (const match of text.matchAll(dayFirst)) {
    const [whole, rangeStart, rangeLink, day, monthName, yearText] = match;
    const end = match.index + whole.replace(/\.$/, '').length;
    const mainStart = match.index + (rangeStart ? rangeStart.length + rangeLink.length : 0);
    add(mainStart, end, day, monthName, yearText);
    if (rangeStart) add(match.index, match.index + rangeStart.length, rangeStart, monthName, yearText);
  }
  for (const match of text.matchAll(monthFirst)) {
    const [whole, monthName, day, yearText] = match;
    add(match.index, match.index + whole.length, day, monthName, yearText);
  }
  return found;
}

function dayNumber(written: string): number {
  const digits = /^\d+/.exec(written);
  return digits ? Number(digits[0]) : 1;
}

const day = '1\\s?er|premier|primero|\\d{1,2}(?:st|nd|rd|th|º|ª|°)?';
const year = '(?:,?\\s+(?:de\\s+|del\\s+)?(\\d{4})(?!\\p{N}))?';

const dayFirst = new RegExp(
  [
    `(?<![\\p{L}\\p{N}])(?:(${day})(\\s+(?:au|et|al|y|e|a|and|to)\\s+))?`,
    `(${day})(?:\\s+(?:de|of))?\\s*(${monthAlternation})(?!\\p{L})\\.?`,
    year,
  ].join(''),
  'giu',
);

const monthFirst = new RegExp(
  `(?<![\\p{L}\\p{N}])(${englishMonthAlternation})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\p{L}\\p{N}]|[:.,/-]\\p{N})${year}`,
  'gu',
);
