import type { Entity } from './entity';
import { toMatchingText } from './matching-text';
import { spanEntity } from './span-entity';

/**
 * Amounts in euros, valued as a plain decimal with two places ("1 200,50 euros" → "1200.50", "€45" → "45.00").
 * A number is an amount only with its currency (€, euro(s), EUR) right before or after it.
 */
export function extractAmounts(source: string): Entity[] {
  const text = toMatchingText(source);
  const found: Entity[] = [];
  for (const match of text.matchAll(amount)) {
    const number = match[1] ?? match[2];
    found.push(spanEntity(source, 'amount_eur', match.index, match.index + match[0].length, toDecimal(number)));
  }
  return found;
}

function toDecimal(written: string): string {
  const [integerPart, decimals = ''] = written.split(/,|\.(?=\d{1,2}$)/);
  const euros = integerPart.replace(/[ .]/g, '').replace(/^0+(?=\d)/, '');
  return `${euros}.${decimals.padEnd(2, '0')}`;
}

const number = '(?:\\d{1,3}(?:[ .]\\d{3})+(?:,\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?)';
const amount = new RegExp(
  [
    `(?<![\\p{L}\\p{N}]|\\p{N}[ .,])(${number})\\s?(?:€|euros?|eur)(?![\\p{L}\\p{N}])`,
    `(?<![\\p{L}\\p{N}])(?:€|eur)\\s?(${number})(?![\\p{N}]|[.,]\\p{N})`,
  ].join('|'),
  'giu',
);
