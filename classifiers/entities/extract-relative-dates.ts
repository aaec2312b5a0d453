import { addDays, toIsoDate, weekdayOf, type CalendarDay } from './calendar-day';
import type { Entity } from './entity';
import { spanEntity } from './span-entity';

/**
 * Relative dates resolved against the reception day in Paris, in French, English, Spanish and Portuguese ("ce
 * matin", "this morning", "esta mañana" are the reception day). "lundi dernier" / "last Monday" / "el lunes pasado"
 * is the latest Monday strictly before reception and "lundi prochain" / "next Monday" / "el próximo lunes" the first
 * strictly after (so on a Sunday, "lundi prochain" is the next day); "dans 15 jours" counts calendar days literally.
 * Durations that are not dates are left alone: "il y a 3 jours de retard", "dans 10 jours ouvrés"; so are "por la
 * mañana" (in the morning) and "hoy en día" (nowadays).
 */
export function extractRelativeDates(source: string, text: string, reception: CalendarDay): Entity[] {
  const found: Entity[] = [];
  const add = (start: number, length: number, day: CalendarDay) =>
    found.push(spanEntity(source, 'date', start, start + length, toIsoDate(day)));

  for (const match of text.matchAll(dayWord)) {
    const offset = dayWordOffsets[match.slice(1).findIndex((group) => group !== undefined)][1];
    add(match.index, match[0].length, addDays(reception, offset));
  }
  for (const match of text.matchAll(weekdayWithDirection)) {
    const weekday = weekdayIndex(match[1] ?? match[4]);
    const isPast = pastWords.test(match[2] ?? match[3]);
    const gap = (weekday - weekdayOf(reception) + 7) % 7;
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

/** Longer phrases first, so that "pasado mañana" is not read as "mañana". Patterns are in matching text. */
const dayWordOffsets: ReadonlyArray<readonly [string, number]> = [
  ['avant[- ]?hier', -2],
  ['apres[- ]?demain', 2],
  ["aujourd' ?hui|aujourdhui|ce\\s+(?:matin|midi|soir)|cet\\s+apres[- ]midi", 0],
  ['hier', -1],
  ['demain', 1],
  ['the\\s+day\\s+before\\s+yesterday', -2],
  ['the\\s+day\\s+after\\s+tomorrow', 2],
  ['yesterday|last\\s+night', -1],
  ['today|tonight|this\\s+(?:morning|afternoon|evening)', 0],
  ['tomorrow', 1],
  ['anteayer|antes\\s+de\\s+ayer|anteontem', -2],
  ['pasado\\s+manana|depois\\s+de\\s+amanha', 2],
  ['ayer|ontem', -1],
  ['hoy(?!\\s+en\\s+dia)|hoje|esta\\s+(?:manana|manha|tarde|noche|noite)', 0],
  ['(?<!(?:la|esta|una|cada|esa|toda)\\s+)manana|amanha', 1],
];
const dayWord = new RegExp(`(?<!\\p{L})(?:${dayWordOffsets.map(([pattern]) => `(${pattern})`).join('|')})(?!\\p{L})`, 'giu');

/** Sunday first, as `Date.getUTCDay`; Portuguese weekdays with or without "-feira". */
const weekdayNames: ReadonlyArray<string> = [
  'dimanche|sunday|domingo',
  'lundi|monday|lunes|segunda(?:-feira)?',
  'mardi|tuesday|martes|terca(?:-feira)?',
  'mercredi|wednesday|miercoles|quarta(?:-feira)?',
  'jeudi|thursday|jueves|quinta(?:-feira)?',
  'vendredi|friday|viernes|sexta(?:-feira)?',
  'samedi|saturday|sabado',
];
const anyWeekday = weekdayNames.join('|');
const pastWords = /^(?:dernier|passe|last|pasado|passad[ao])$/i;

function weekdayIndex(written: string): number {
  return weekdayNames.findIndex((names) => new RegExp(`^(?:${names})$`, 'i').test(written));
}

/** "lundi dernier", "el lunes pasado", "segunda-feira passada"; "next Monday", "el próximo lunes", "na próxima segunda". */
const weekdayWithDirection = new RegExp(
  [
    `(?<!\\p{L})(?:(${anyWeekday})\\s+(dernier|passe|prochain|pasado|passad[ao]|que\\s+viene)`,
    `|(last|next|proximo|proxima)\\s+(${anyWeekday}))(?!\\p{L})(?!\\s+of\\b)`,
  ].join(''),
  'giu',
);

const countWords = new Map<string, number>([
  ['un', 1],
  ['une', 1],
  ['deux', 2],
  ['trois', 3],
  ['quatre', 4],
  ['cinq', 5],
  ['six', 6],
  ['sept', 7],
  ['huit', 8],
  ['neuf', 9],
  ['dix', 10],
  ['onze', 11],
  ['douze', 12],
  ['treize', 13],
  ['quatorze', 14],
  ['quinze', 15],
  ['seize', 16],
  ['vingt', 20],
  ['trente', 30],
]);
const countAlternation = [...countWords.keys()].sort((a, b) => b.length - a.length).join('|');
const countedDelay = new RegExp(
  `(?<!\\p{L})(dans|il\\s+y\\s*a)\\s+(\\d{1,3}|${countAlternation})\\s+(jours?|semaines?)(?!\\p{L})(?!\\s+(?:de|d'|ouvr|francs?|calendaires|en\\s+trop|en\\s+plus))`,
  'giu',
);
