import type { Entity } from './entity';
import { toMatchingText } from './matching-text';
import { spanEntity } from './span-entity';

/**
 * Planning application numbers: kind (PC, DP, CU, PA, PD), department and commune codes (3 + 3 characters, the
 * department being 2A/2B in Corsica), two-digit year and five-character file number, however they are spaced.
 * Canonical form, as printed on French receipts: "PC 033063 24 00012" (kind, INSEE code, year, number).
 */
export function extractPermitRefs(source: string): Entity[] {
  const text = toMatchingText(source);
  const found: Entity[] = [];
  for (const match of text.matchAll(permitRef)) {
    const [whole, kind, department, commune, year, fileNumber] = match;
    const value = `${kind.slice(0, 2)} ${department}${commune} ${year} ${fileNumber}`.toUpperCase();
    found.push(spanEntity(source, 'permit_ref', match.index, match.index + whole.length, value));
  }
  return found;
}

const gap = '[ .-]?';
const permitRef = new RegExp(
  [
    '(?<![\\p{L}\\p{N}])',
    '(PC|DP|CU[ab]?|PA|PD)',
    '(?:\\s?(?:n°|no|n\\.|num(?:ero)?)?\\s?|[.-])',
    '(0\\d{2}|02[ABab]|97\\d)',
    gap,
    '(\\d{3})',
    gap,
    '(\\d{2})',
    gap,
    '([A-Za-z0-9]\\d{4})',
    '(?![\\p{L}\\p{N}])',
  ].join(''),
  'giu',
);
