import { isProperNounWord } from './capitalised-words';
import type { Entity } from './entity';
import { toMatchingText } from './matching-text';
import { hasNearbyWords } from './nearby-words';
import { spanEntity } from './span-entity';

/**
 * School levels of the écoles a commune runs (PS, MS, GS, CP, CE1, CE2, CM1, CM2), abbreviated or written out, and
 * school names ("école Jules Ferry", "école élémentaire Pasteur", "groupe scolaire Victor Hugo", and "escuela Jules
 * Ferry" or "escola Paul Bert" from parents writing in Spanish or Portuguese, valued "école Jules Ferry"). PS, MS, GS and CP are also post-scriptums,
 * sizes and postcode labels: abbreviated levels count only in capitals or after "en"/"classe de", and then with a
 * digit or a school word nearby. "Toute petite section" is a level of its own, outside this list.
 */
export function extractSchool(source: string): Entity[] {
  const text = toMatchingText(source);
  return [...extractWrittenLevels(source, text), ...extractAbbreviatedLevels(source, text), ...extractSchoolNames(source, text)];
}

function extractWrittenLevels(source: string, text: string): Entity[] {
  const found: Entity[] = [];
  for (const match of text.matchAll(writtenLevel)) {
    const value = writtenLevelCodes.find(([pattern]) => pattern.test(match[0]))?.[1];
    if (value) found.push(spanEntity(source, 'school_level', match.index, match.index + match[0].length, value));
  }
  return found;
}

function extractAbbreviatedLevels(source: string, text: string): Entity[] {
  const found: Entity[] = [];
  for (const match of text.matchAll(abbreviatedLevel)) {
    const [, introducer, letters, digit] = match;
    const [start, end] = match.indices?.[0] ?? [0, 0];
    const levelStart = match.indices?.[2]?.[0] ?? start;
    const code = `${letters}${digit ?? ''}`.toUpperCase();
    if (!levelCodes.includes(code) || isPostscriptOrPostcode(text.slice(levelStart))) continue;
    const isCapitalised = letters === letters.toUpperCase();
    const hasSchoolContext = hasNearbyWords(text, levelStart, end, schoolWords, 120);
    if ((introducer && (digit || isCapitalised || hasSchoolContext)) || (isCapitalised && hasSchoolContext)) {
      found.push(spanEntity(source, 'school_level', levelStart, end, code));
    }
  }
  return found;
}

function isPostscriptOrPostcode(fromLevel: string): boolean {
  return /^PS\s*[:.-]/i.test(fromLevel) || /^CP\s*:?\s*\d/i.test(fromLevel);
}

const levelCodes = ['PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'];

const abbreviatedLevel =
  /(?<![\p{L}\p{N}])((?:en|classe\s+de|classe\s+d'|niveau|entre\s+en|passe\s+en|rentre\s+en)\s+)?(PS|MS|GS|CP|CE|CM)(?:\s?([12]))?(?![\p{L}\p{N}])/dgiu;

const ordinal = '(?:1|2|premiere\\s+annee|1(?:re|ere)\\s+annee|deuxieme\\s+annee|2e?(?:me)?\\s+annee)';
const writtenLevel = new RegExp(
  [
    '(?<!\\p{L})(?<!toute\\s+)(?:',
    'petite\\s+section|moyenne\\s+section|grande\\s+section',
    '|cours\\s+preparatoire',
    `|cours\\s+elementaire\\s+${ordinal}`,
    `|cours\\s+moyen\\s+${ordinal}`,
    ')(?!\\p{L})',
  ].join(''),
  'giu',
);
const writtenLevelCodes: ReadonlyArray<readonly [RegExp, string]> = [
  [/^petite/i, 'PS'],
  [/^moyenne/i, 'MS'],
  [/^grande/i, 'GS'],
  [/preparatoire/i, 'CP'],
  [/elementaire\s+(?:1|prem)/i, 'CE1'],
  [/elementaire/i, 'CE2'],
  [/moyen\s+(?:1|prem)/i, 'CM1'],
  [/moyen/i, 'CM2'],
];

/** French words, then those of parents writing in English, Spanish, Portuguese or Italian. */
const schoolWords =
  /(?<!\p{L})(ecoles?|scolai\w*|classes?|maternelle|elementaire|primaire|rentree|inscri\w*|cantine|periscolaire|maitresse|maitre|instit\w*|enseignant\w*|eleves?|fils|fille|enfants?|schools?|nursery|canteen|pupils?|teachers?|son|daughter|kids?|child(?:ren)?|escuelas?|colegio|comedor|clase|alumn[oa]s?|hij[oa]s?|ninos|escolas?|turma|cantina|alunos?|filh[oa]s?|criancas|scuola|figli[oa]?)(?!\p{L})/iu;

function extractSchoolNames(source: string, text: string): Entity[] {
  const found: Entity[] = [];
  for (const match of text.matchAll(schoolKind)) {
    const nameWords = leadingNameWords(text.slice(match.index + match[0].length));
    if (!nameWords) continue;
    const end = match.index + match[0].length + nameWords.length;
    const [qualifierStart, qualifierEnd] = match.indices?.[2] ?? [0, 0];
    const qualifier = match[2] ? ` ${source.slice(qualifierStart, qualifierEnd).toLowerCase()}` : '';
    const kind = /^groupe/i.test(match[1]) ? 'groupe scolaire' : `école${qualifier}`;
    const name = source.slice(end - nameWords.length, end).replace(/\s+/g, ' ');
    found.push(spanEntity(source, 'school_name', match.index, end, `${kind} ${name}`));
  }
  return found;
}

/** "escuela Jules Ferry", "escola Paul Bert": the same school, named by a parent writing in Spanish or Portuguese. */
const schoolKind =
  /(?<!\p{L})(ecole|escuela|escola|groupe[ \t]+scolaire)(?:[ \t]+(maternelle|elementaire|primaire|publique|privee))?[ \t]+/dgiu;

/** "Jules Ferry", "du Centre", "Les Tilleuls", "Saint-Exupéry": up to four words on the same line. */
function leadingNameWords(after: string): string | undefined {
  const piece = /[ \t]*(?:(?:de|du|des|la|le|les|l'|d')(?:[ \t]+|(?<=')))*([\p{L}\d'-]+)/iuy;
  let accepted = '';
  for (let count = 0; count < 4; count++) {
    const match = piece.exec(after);
    if (!match || !(isProperNounWord(match[1]) || /^\d{1,2}$/.test(match[1]))) break;
    accepted += match[0];
  }
  return accepted.trim() ? accepted : undefined;
}
