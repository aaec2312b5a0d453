import type { Entity } from './entity';
import { toMatchingText } from './matching-text';
import { spanEntity } from './span-entity';

/**
 * Cadastral parcel references, valued "AB 123" (section in capitals as written, "0B" staying "0B", parcel number
 * without leading zeros). Section letters and a number are everywhere in text, so a reference needs one of:
 * - a cadastral word just before it, in French, English, Spanish or Portuguese, possibly with "n°", "numéro", "is"
 *   or a comma in between: "parcelle AC 245", "section AB n° 12", "cadastrée section ZC numéro 45", "réf. cadastrale
 *   000 AB 123" (with the commune's prefix), "section KM, number 87", "section AC, parcel 245", "plot ZE 93", "the
 *   plot is ZE 93", "referencia catastral AB 123", "parcela AB 12", "sección ZC número 45";
 * - a parcel number before its section: "parcelle n° 145 section ZA", "parcela n° 310 da secção AN";
 * - the full cadastral identifier, commune code, prefix, section and four-digit number: "33249 000 ZA 0145",
 *   "33063000AB0123".
 * A list continues a reference: "parcelles AB 12 et AB 13", "plots AK 112 and AK 113", "section AL n° 45, 46 et 47".
 * Lower-case sections are read ("parcelle ac 245") unless they are words ("parcelle de 500 m²", "plot of 12"), and
 * a number followed by a unit is an area, not a parcel. School sections ("grande section") are not cadastral.
 */
export function extractCadastralRefs(source: string): Entity[] {
  const text = toMatchingText(source);
  const found: Entity[] = [];
  for (const match of text.matchAll(introducedReference)) {
    if (schoolSection.test(text.slice(Math.max(0, match.index - 10), match.index))) continue;
    const [start, end] = match.indices![1]!;
    let reference: ListedReference | undefined = { start, end, section: match[2], parcel: match[3] };
    if (!isSection(reference.section)) continue;
    for (; reference; reference = listedReference(text, reference)) {
      found.push(cadastralRef(source, reference.start, reference.end, reference.section, reference.parcel));
    }
  }
  for (const match of text.matchAll(parcelBeforeSection)) {
    const [whole, parcel, section] = match;
    if (isSection(section)) found.push(cadastralRef(source, match.index, match.index + whole.length, section, parcel));
  }
  for (const match of text.matchAll(cadastralIdentifier)) {
    const [whole, section, parcel] = match;
    found.push(cadastralRef(source, match.index, match.index + whole.length, section, parcel));
  }
  return found;
}

function cadastralRef(source: string, start: number, end: number, section: string, parcel: string): Entity {
  return spanEntity(source, 'cadastral_ref', start, end, `${section.toUpperCase()} ${Number(parcel)}`);
}

interface ListedReference {
  start: number;
  end: number;
  section: string;
  parcel: string;
}

/** The reference listed right after `previous`: "et AB 13", ", ZB 19", " and AK 113", or a bare number "46 et 47,". */
function listedReference(text: string, previous: ListedReference): ListedReference | undefined {
  const rest = text.slice(previous.end);
  const listed = listedSectionAndNumber.exec(rest);
  if (listed && isSection(listed[2])) {
    const [start, end] = listed.indices![1]!;
    return { start: previous.end + start, end: previous.end + end, section: listed[2], parcel: listed[3] };
  }
  const number = listedParcelNumber.exec(rest);
  if (!number) return undefined;
  const [start, end] = number.indices![1]!;
  return { start: previous.end + start, end: previous.end + end, section: previous.section, parcel: number[1] };
}

/**
 * Capitals are always a section. Lower case ("parcelle ac 245") only for two letters that are not a word of the
 * sentence ("de", "en", "of", "na"): single lower-case letters are articles, conjunctions and elisions.
 */
function isSection(written: string): boolean {
  if (written === written.toUpperCase()) return true;
  return /^[a-z]{2}$/i.test(written) && !lowerCaseWords.has(written.toLowerCase());
}

const lowerCaseWords = new Set([
  'de',
  'du',
  'la',
  'le',
  'un',
  'en',
  'et',
  'ou',
  'au',
  'of',
  'on',
  'in',
  'at',
  'to',
  'is',
  'it',
  'as',
  'an',
  'by',
  'or',
  'no',
  'na',
  'da',
  'do',
  'em',
  'el',
  'es',
  'se',
  'si',
  'sa',
  'ma',
  'me',
  'mi',
  'ta',
  'te',
  'tu',
  'il',
  'ne',
  'ce',
  'lo',
  'os',
  'ha',
  'ca',
  'so',
  'we',
  'my',
  'he',
  'us',
]);

const cadastralWord = [
  'sections?',
  'seccion(?:es)?',
  'seccao',
  'seccoes',
  'cadastr\\p{L}*',
  'catastr\\p{L}*',
  'parcel\\p{L}*(?:\\s+(?:voisine|contigue|attenante|adjacente|vecina|colindante|vizinha)s?)?',
  'plots?',
  '(?:references?|refs?\\.?|referencias?|land\\s+registry\\s+references?)(?:\\s+(?:cadastr|catastr)\\p{L}*)?',
].join('|');
/** Between a cadastral word and the reference: "n°", "numéro", "sous le n°", "is", a colon or a comma. */
const introductionLink = '(?:(?:n°|nº|no\\.?|num(?:ero)?\\.?|number|sous\\s+le\\s+(?:n°|numero)|is|est|es|e)(?!\\p{L})|:|,)';
/** Between a section and its number: "AB 12", "AB-12", "AB0012", "AB n° 12", "KM, number 87", "AC, parcel 245". */
const sectionToNumber = '(?:\\s*,?\\s*|-)(?:(?:parcel\\p{L}*|plots?)\\s*)?(?:(?:n°|nº|no\\.?|num(?:ero)?\\.?|number)\\s*)?';
const section = '(0?[A-Za-z]{1,2})';
const parcelNumber =
  '(\\d{1,4})(?![\\p{L}\\p{N}]|\\s*(?:m2|m²|m(?!\\p{L})|ha(?!\\p{L})|ares?(?!\\p{L})|km|cm|metres?|meters?|euros?|eur(?!\\p{L})|€|%))';

const introducedReference = new RegExp(
  `(?<!\\p{L})(?:${cadastralWord})(?:\\s*(?:${cadastralWord}|${introductionLink}))*\\s*((?:\\d{3}\\s*)?${section}${sectionToNumber}${parcelNumber})`,
  'dgiu',
);
const listedSectionAndNumber = new RegExp(
  `^\\s*(?:,\\s*)?(?:et|and|y|e|&|,)(?!\\p{L})\\s*((?:\\d{3}\\s*)?${section}${sectionToNumber}${parcelNumber})`,
  'diu',
);
/** A bare number continues the list only where the list visibly goes on or stops: "45, 46 et 47," but not "et 3 autres". */
const listedParcelNumber = /^\s*(?:,|et|and|y|e|&)(?!\p{L})\s*(?:n°\s*)?(\d{1,4})(?=\s*(?:[,.;:)]|(?:et|and|y|e)(?!\p{L})|$))/diu;
const parcelBeforeSection = new RegExp(
  `(?<!\\p{L})(?:parcel\\p{L}*|plots?)(?:\\s+(?:cadastr|catastr)\\p{L}*)?\\s+(?:(?:n°|nº|no|numero|number)\\s*)?(\\d{1,4})\\s*,?\\s+(?:(?:de\\s+la|da|de|of(?:\\s+the)?)\\s+)?(?:section|seccion|seccao)\\s+(0?[A-Za-z]{1,2})(?![\\p{L}\\p{N}])`,
  'giu',
);
/** Commune code (2A/2B in Corsica), prefix, section padded to two characters, four-digit number: always capitals. */
const cadastralIdentifier = /(?<![\p{L}\p{N}])(?:\d{2}|2[AB])\d{3}\s?\d{3}\s?(0[A-Z]|[A-Z]{2})\s?(\d{4})(?![\p{L}\p{N}])/gu;
const schoolSection = /(petite|moyenne|grande)\s*$/i;
