import type { Entity } from './entity';
import { toMatchingText } from './matching-text';
import { spanEntity } from './span-entity';

/**
 * Cadastral parcel references, valued "AB 123" (section in capitals, parcel number without leading zeros). Section
 * letters and a number are everywhere in French text, so a reference needs a cadastral word just before it and its
 * section written in capitals: "section AB n° 123", "parcelle ZC 45", "cadastrée AB 123", "section AB parcelle 123",
 * "parcelle n° 145 section ZA". A list continues it: "parcelles AB 12 et AB 13", "section AL n° 45, 46 et 47".
 * School sections ("grande section") are not cadastral.
 */
export function extractCadastralRefs(source: string): Entity[] {
  const text = toMatchingText(source);
  const found: Entity[] = [];
  for (const match of text.matchAll(introducedReference)) {
    if (schoolSection.test(text.slice(Math.max(0, match.index - 10), match.index))) continue;
    const parts = referenceParts.exec(match[1]);
    if (!parts || parts[1] !== parts[1].toUpperCase()) continue;
    let end = match.index + match[0].length;
    let section = parts[1];
    found.push(cadastralRef(source, end - match[1].length, end, section, parts[2]));
    for (;;) {
      const rest = text.slice(end);
      const next = listedReference.exec(rest);
      const nextParts = next && referenceParts.exec(next[1]);
      const nextNumber = next ? undefined : listedParcelNumber.exec(rest);
      if (next && nextParts && nextParts[1] === nextParts[1].toUpperCase()) {
        section = nextParts[1];
        found.push(cadastralRef(source, end + next[0].length - next[1].length, end + next[0].length, section, nextParts[2]));
        end += next[0].length;
      } else if (nextNumber) {
        found.push(cadastralRef(source, end + nextNumber[0].length - nextNumber[1].length, end + nextNumber[0].length, section, nextNumber[1]));
        end += nextNumber[0].length;
      } else {
        break;
      }
    }
  }
  for (const match of text.matchAll(parcelBeforeSection)) {
    const [whole, parcel, section] = match;
    if (section === section.toUpperCase()) found.push(cadastralRef(source, match.index, match.index + whole.length, section, parcel));
  }
  return found;
}

function cadastralRef(source: string, start: number, end: number, section: string, parcel: string): Entity {
  return spanEntity(source, 'cadastral_ref', start, end, `${section.toUpperCase()} ${Number(parcel)}`);
}

const linkWords = '(?:(?:n°|no|n\\.|num(?:ero)?|parcelles?)\\s*)?';
const sectionAndParcel = `0?[A-Z]{1,2}\\s*${linkWords}\\d{1,4}`;
const referenceParts = new RegExp(`^(0?[A-Z]{1,2})\\s*${linkWords}(\\d{1,4})$`, 'iu');
const cadastralWord =
  "(?:sections?|parcelles?|cadastree?s?|cadastre|(?:references?|ref\\.?)\\s+cadastrales?)(?:\\s*(?:cadastrales?|n°|no|numero|section|sous\\s+le\\s+(?:n°|numero)|:))*";
const introducedReference = new RegExp(
  `(?<!\\p{L})${cadastralWord}\\s*(${sectionAndParcel})(?![\\p{L}\\p{N}])`,
  'giu',
);
const listedReference = new RegExp(`^\\s*(?:,|et|&)\\s*(${sectionAndParcel})(?![\\p{L}\\p{N}])`, 'iu');
/** A bare number continues the list only where the list visibly goes on or stops: "45, 46 et 47," but not "et 3 autres". */
const listedParcelNumber = /^\s*(?:,|et|&)\s*(?:n°\s*)?(\d{1,4})(?=\s*(?:[,.;:)]|et(?!\p{L})|$))/iu;
const parcelBeforeSection =
  /(?<!\p{L})parcelles?\s+(?:n°|no|numero)?\s*(\d{1,4})\s*,?\s+(?:de\s+la\s+)?section\s+(0?[A-Z]{1,2})(?![\p{L}\p{N}])/giu;
const schoolSection = /(petite|moyenne|grande)\s*$/i;
