import type { Entity } from './entity';
import { mod97 } from './mod97';
import { spanEntity } from './span-entity';

/**
 * IBANs, compact and upper-cased ("FR7630006000011234567890189"). Only those whose length matches their country and
 * whose ISO 13616 mod-97 check holds: a mistyped IBAN is not reported as one.
 */
export function extractIbans(source: string): Entity[] {
  const found: Entity[] = [];
  for (const match of source.matchAll(ibanCandidate)) {
    const iban = validIbanPrefix(match[0]);
    if (iban) found.push(spanEntity(source, 'iban', match.index, match.index + iban.spanLength, iban.value));
  }
  return found;
}

/** Groups are written by four, so a candidate may swallow the next word: keep the prefix of the country's length. */
function validIbanPrefix(candidate: string): { value: string; spanLength: number } | undefined {
  const country = candidate.slice(0, 2).toUpperCase();
  const expectedLength = ibanLengths.get(country);
  let compact = '';
  for (let index = 0; index < candidate.length; index++) {
    if (candidate[index] === ' ') continue;
    compact += candidate[index].toUpperCase();
    const isWholeGroup = index + 1 === candidate.length || candidate[index + 1] === ' ';
    const lengthFits = expectedLength ? compact.length === expectedLength : compact.length >= 15;
    if (lengthFits && isWholeGroup && passesChecksum(compact)) return { value: compact, spanLength: index + 1 };
    if (expectedLength && compact.length >= expectedLength) return undefined;
  }
  return undefined;
}

function passesChecksum(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  const digits = rearranged.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  return /^\d+$/.test(digits) && mod97(digits) === 1;
}

const ibanCandidate = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{1,4}){3,8}(?![\p{L}\p{N}])/gu;

const ibanLengths = new Map<string, number>([
  ['AD', 24],
  ['AT', 20],
  ['BE', 16],
  ['BG', 22],
  ['CH', 21],
  ['CY', 28],
  ['CZ', 24],
  ['DE', 22],
  ['DK', 18],
  ['EE', 20],
  ['ES', 24],
  ['FI', 18],
  ['FR', 27],
  ['GB', 22],
  ['GR', 27],
  ['HR', 21],
  ['HU', 28],
  ['IE', 22],
  ['IS', 26],
  ['IT', 27],
  ['LI', 21],
  ['LT', 20],
  ['LU', 20],
  ['LV', 21],
  ['MA', 28],
  ['MC', 27],
  ['MT', 31],
  ['NL', 18],
  ['NO', 15],
  ['PL', 28],
  ['PT', 25],
  ['RO', 24],
  ['SE', 24],
  ['SI', 19],
  ['SK', 24],
  ['SM', 27],
  ['TN', 24],
  ['TR', 26],
  ['DZ', 26],
  ['SN', 28],
  ['CI', 28],
]);
