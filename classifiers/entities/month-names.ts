/**
 * Month names in matching text (accents removed: "março" is "marco") in French, English, Spanish, Portuguese and
 * Italian, with the abbreviations mail clients and citizens write. Short forms that are also words or weekday
 * abbreviations ("mar" is the sea and Tuesday in Spanish, "set", "out", "ago", "jun") are months only with a year
 * right after them ("4 Mar 2025", "6 de mai. de 2025"); the French abbreviations people write alone ("le 15 sept.")
 * stay months without one.
 */
const monthWords: ReadonlyArray<{ month: number; names: string[]; needYear: string[] }> = [
  { month: 1, names: ['janvier', 'janv', 'january', 'enero', 'janeiro', 'gennaio'], needYear: ['jan', 'ene'] },
  { month: 2, names: ['fevrier', 'fevier', 'fevr', 'fev', 'february', 'febrero', 'fevereiro', 'febbraio'], needYear: ['feb'] },
  { month: 3, names: ['mars', 'march', 'marzo', 'marco'], needYear: ['mar'] },
  { month: 4, names: ['avril', 'avr', 'april', 'abril', 'aprile'], needYear: ['apr', 'abr'] },
  { month: 5, names: ['mai', 'may', 'mayo', 'maio', 'maggio'], needYear: [] },
  { month: 6, names: ['juin', 'june', 'junio', 'junho', 'giugno'], needYear: ['jun'] },
  { month: 7, names: ['juillet', 'juil', 'july', 'julio', 'julho', 'luglio'], needYear: ['jul'] },
  { month: 8, names: ['aout', 'august', 'agosto'], needYear: ['aug', 'ago'] },
  { month: 9, names: ['septembre', 'sept', 'september', 'septiembre', 'setiembre', 'setembro', 'settembre'], needYear: ['sep', 'set'] },
  { month: 10, names: ['octobre', 'oct', 'october', 'octubre', 'outubro', 'ottobre'], needYear: ['out'] },
  { month: 11, names: ['novembre', 'nov', 'november', 'noviembre', 'novembro'], needYear: [] },
  { month: 12, names: ['decembre', 'dec', 'december', 'diciembre', 'dezembro', 'dicembre'], needYear: ['dic', 'dez'] },
];

/** English names, capitalised as English writes them before the day ("June 2nd, 2025", "Nov 24, 2025"). */
const englishMonths = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const englishAbbreviations = ['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec'];

export interface MonthReading {
  month: number;
  needsYear: boolean;
}

const readings = new Map<string, MonthReading>([
  ...monthWords.flatMap(({ month, names, needYear }) => [
    ...names.map((name) => [name, { month, needsYear: false }] as const),
    ...needYear.map((name) => [name, { month, needsYear: true }] as const),
  ]),
  ...englishMonths.map((name, index) => [name.toLowerCase(), { month: index + 1, needsYear: false }] as const),
]);

/** The month a written name stands for, in any case; undefined for anything else. */
export function readMonth(name: string): MonthReading | undefined {
  return readings.get(name.toLowerCase());
}

const byLength = (names: Iterable<string>) => [...names].sort((a, b) => b.length - a.length).join('|');

/** Every month name, for a case-insensitive pattern. */
export const monthAlternation = byLength(readings.keys());

/** English month names and abbreviations, capitalised, for a case-sensitive pattern. */
export const englishMonthAlternation = byLength([...englishMonths, ...englishAbbreviations]);
