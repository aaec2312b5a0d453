import type { Entity } from './entity';
import { toMatchingText } from './matching-text';
import { spanEntity } from './span-entity';

/**
 * French telephone numbers, in the canonical national form of ten digits ("0612345678"), whether written nationally
 * ("06 12 34 56 78", "06.12.34.56.78") or internationally ("+33 6 12 34 56 78", "+33 (0)6…", "0033 6…", and the
 * overseas departments' +262/+590/+594/+596), and freephone numbers as printed ("0 800 33 12 12"). Numbers of other
 * countries, written with their country code ("+44 7700 900 431", "0034 699 12 34 56", "+1 (415) 555-0198",
 * "(+55) 11 98765-4321"), are valued in international form ("+447700900431"). A digit run glued to other digits
 * (SIRET, NIR, IBAN) is not a phone.
 */
export function extractPhones(source: string): Entity[] {
  const text = toMatchingText(source);
  const found: Entity[] = [];
  for (const match of text.matchAll(phoneNumber)) {
    const [whole, international, overseasCode, subscriber] = match;
    const digits = subscriber.replace(/\D/g, '');
    if (international && overseasCode) {
      if (!overseasPrefixes.get(overseasCode)?.some((prefix) => digits.startsWith(prefix))) continue;
    }
    found.push(spanEntity(source, 'phone', match.index, match.index + whole.length, `0${digits}`));
  }
  for (const match of text.matchAll(foreignNumber)) {
    const digits = match[0].replace(/\(0\)/g, '').replace(/\D/g, '').replace(/^00/, '');
    if (frenchCountryCodes.test(digits) || digits.length < 8 || digits.length > 15) continue;
    found.push(spanEntity(source, 'phone', match.index, match.index + match[0].length, `+${digits}`));
  }
  for (const match of text.matchAll(specialRateNumber)) {
    const digits = match[0].replace(/\D/g, '');
    found.push(spanEntity(source, 'phone', match.index, match.index + match[0].length, digits));
  }
  return found;
}

/** Freephone and special-rate numbers are printed "0 800 33 12 12". */
const specialRateNumber = /(?<![\p{L}\p{N}+]|\p{N}[ .-])0[ .]8\d{2}(?:[ .]\d{2}){3}(?![\p{L}\p{N}]|[ .-]\p{N})/gu;

const separator = '[ .-]?';
const subscriberDigits = `[1-9](?:${separator}\\d{2}){4}`;
const phoneNumber = new RegExp(
  [
    '(?<![\\p{L}\\p{N}+]|\\p{N}[ .-])',
    `(?:((?:\\+|00)\\s?(?:33|(262|590|594|596)))${separator}(?:\\(0\\)\\s?)?|0)`,
    `(${subscriberDigits})`,
    '(?![\\p{L}\\p{N}]|[ .-]\\p{N})',
  ].join(''),
  'gu',
);

/** Overseas numbers keep their own area codes after the country code: +262 692… is 0692… */
const overseasPrefixes = new Map<string, string[]>([
  ['262', ['262', '263', '269', '639', '692', '693']],
  ['590', ['590', '690', '691']],
  ['594', ['594', '694']],
  ['596', ['596', '696', '697']],
]);

/** A country code, then two to six groups of digits; "00" must be followed by a separator ("0034 699…"). */
const foreignNumber =
  /(?<![\p{L}\p{N}+(]|\p{N}[ .-])(?:\(\+[1-9]\d{0,2}\)|\+[1-9]\d{0,2}|00[1-9]\d{0,2}(?=[ .-]))(?:[ .-]?(?:\(0\))?\(?\d{1,5}\)?){2,6}(?![\p{L}\p{N}]|[ .-]\p{N}|\s*(?:€|euros?|eur|%))/gu;
/** France and its overseas departments, read by the French patterns above. */
const frenchCountryCodes = /^(?:33|262|590|594|596)/;
