import type { Entity } from './entity';
import { addDays, toIsoDate, weekdayOf, type CalendarDay } from './calendar-day';
import { spanEntity } from './span-entity';

/**
 * Relative dates resolved against the reception day in Paris ("ce matin" is the reception day). "lundi dernier" is
 * the latest Monday strictly before reception and "lundi prochain" the first strictly after (so on a Sunday,
 * "lundi prochain" is the next day); "dans 15 jours" counts calendar days literally. Durations that are not dates
 * are left alone: "il y a 3 jours de retard", "il y a 3 jours en trop", "dans 10 jours ouvrés".
 */
export function extractRelativeDates(source: string, text: string, reception: CalendarDay): Entity[] {
  const found: Entity[] = [];
  const add = (start: number, length: number, day: CalendarDay) =>
    found.push(spanEntity(source, 'date', start, start + length, toIsoDate(day)));

  for (const match of text.matchAll(dayWord)) {
    const offset = dayWordOffsets.find(([pattern]) => pattern.test(match[0]))?.[1] ?? 0;
    add(match.index, match[0].length, addDays(reception, offset));
  }
  for (const match of text.matchAll(weekdayWithDirection)) {
    const target = weekdays.indexOf(match[1].toLowerCase());
    const isPast = /^(dernier|passe)$/i.test(match[2]);
    const gap = (target - weekdayOf(reception) + 7) % 7;
    const offset = isPast ? -((7 - gap) % 7 || 7) : gap || 7;
    add(match.index, match[0].length, addDays(reception, offset));
  }
  for (const match of text.matchAll(countedDelay)) {
    const count = /^\d+$/.test(match[2]) ? Number(match[2]) : (countWords.get(match[2].toLowerCase()) ?? 0);
    const days = count * (/^semaine/i.test(match[3]) ? 7 : 1);
    const direction = /^dans$/i.test(match[1]) ? 1 : -1;
    if (count > 0) add(match.index, match[0].length, addDays(reception, direction * days));
  }
  return found;
}

const dayWord =
  /(?<!\p{L})(?:avant[- ]?hier|apres[- ]?demain|aujourd' ?hui|aujourdhui|hier|demain|ce\s+(?:matin|midi|soir)|cet\s+apres[- ]midi)(?!\p{L})/giu;
const dayWordOffsets: ReadonlyArray<readonly [RegExp, number]> = [
  [/^avant/i, -2],
  [/^apres/i, 2],
  [/^(?:aujourd|ce|cet)/i, 0],
  [/^hier/i, -1],
  [/^demain/i, 1],
];

const weekdays = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const weekdayWithDirection = new RegExp(`(?<!\\p{L})(${weekdays.join('|')})\\s+(dernier|passe|prochain)(?!\\p{L})`, 'giu');

const countWords = new Map<string, number>([
  ['un', 1], ['une', 1], ['deux', 2], ['trois', 3], ['quatre', 4], ['cinq', 5], ['six', 6], ['sept', 7],
  ['huit', 8], ['neuf', 9], ['dix', 10], ['onze', 11], ['douze', 12], ['treize', 13], ['quatorze', 14],
  ['quinze', 15], ['seize', 16], ['vingt', 20], ['trente', 30],
]);
const countAlternation = [...countWords.keys()].sort((a, b) => b.length - a.length).join('|');
const countedDelay = new RegExp(
  `(?<!\\p{L})(dans|il\\s+y\\s*a)\\s+(\\d{1,3}|${countAlternation})\\s+(jours?|semaines?)(?!\\p{L})(?!\\s+(?:de|d'|ouvr|francs?|calendaires|en\\s+trop|en\\s+plus))`,
  'giu',
);
