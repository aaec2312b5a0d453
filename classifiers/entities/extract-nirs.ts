import type { Entity } from './entity';
import { spanEntity } from './span-entity';

/**
 * French social security numbers (NIR), compact and upper-cased ("185057800608436"), reported only when the two-digit
 * key equals 97 − (first 13 digits mod 97). Corsican department codes 2A and 2B count as 19 and 18 in that sum.
 */
export function extractNirs(source: string): Entity[] {
  const found: Entity[] = [];
  for (const match of source.matchAll(nirCandidate)) {
    const compact = match.slice(1).join('').toUpperCase();
    const body = compact.slice(0, 13).replace('2A', '19').replace('2B', '18');
    if (!/^\d{13}$/.test(body)) continue;
    const key = Number(compact.slice(13));
    if (key === 97 - Number(BigInt(body) % 97n)) {
      found.push(spanEntity(source, 'nir', match.index, match.index + match[0].length, compact));
    }
  }
  return found;
}

const gap = '[ .-]?';
const nirCandidate = new RegExp(
  [
    '(?<![\\p{L}\\p{N}])',
    '([1-478])',
    gap,
    '(\\d{2})',
    gap,
    '(0[1-9]|1[0-2]|20|3\\d|4[0-2]|[5-9]\\d)',
    gap,
    '(\\d{2}|2[ABab])',
    gap,
    '(\\d{3})',
    gap,
    '(\\d{3})',
    gap,
    '(\\d{2})',
    '(?![\\p{L}\\p{N}])',
  ].join(''),
  'gu',
);
