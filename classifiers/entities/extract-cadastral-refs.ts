import type { Entity } from './entity';
import { toMatchingText } from './matching-text';
import { spanEntity } from './span-entity';

/**
 * Cadastral parcel references, valued "AB 123" (section in capitals, parcel number without leading zeros). Section
 * letters and a number are everywhere in French text, so a reference needs a cadastral word just before it and its
 * section written in capitals: "section AB n° 123", "parcelle ZC 45", "cadastrée AB 123", "section AB parcelle 123";
 * a list continues it ("parcelles AB 12 et AB 13"). School sections ("grande section") are not cadastral.
 */
export function extractCadastralRefs(source: string): Entity[] {
  const text = toMatchingText(source);
  const found: Entity[] = [];
  for (const match of text.matchAll(introducedReference)) {
    if (schoolSection.test(text.slice(Math.max(0, match.index - 10), match.index))) continue;
    let end = match.index + match[0].length;
    const first = referenceEntity(source, end - match[1].length, match[1]);
    if (!first) continue;
    found.push(first);
    for (let next = listContinuation.exec(text.slice(end)); next; next = listContinuation.exec(text.slice(end))) {
      const following = referenceEntity(source, end + next[0].length - next[1].length, next[1]);
      if (!following) break;
      found.push(following);
      end += next[0].length;
    }
  }
  return found;
}

function referenceEntity(source: string, start: number, reference: string): Entity | undefined {
  const parts = referenceParts.exec(reference);
  if (!parts || parts[1] !== parts[1].toUpperCase()) return undefined;
  return spanEntity(source, 'cadastral_ref', start, start + reference.length, `${parts[1]} ${Number(parts[2])}`);
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
const listContinuation = new RegExp(`^\\s*(?:,|et|&)\\s*(${sectionAndParcel})(?![\\p{L}\\p{N}])`, 'iu');
const schoolSection = /(petite|moyenne|grande)\s*$/i;
