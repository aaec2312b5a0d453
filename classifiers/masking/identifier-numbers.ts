import type { MaskedKind } from './placeholders';

export interface IdentifierSpan {
  kind: MaskedKind;
  /** Letters and digits only, upper-cased: one number written two ways gets one placeholder. */
  value: string;
  start: number;
  end: number;
}

/**
 * Numbers that identify a person, found by their shape or by the words that introduce them, whether or not a
 * checksum holds: a social security number with a wrong key or none, a bank card that fails Luhn, is still
 * somebody's number, and masking must not depend on the citizen typing it right. Entity extraction, which needs
 * valid numbers to report facts, is not the place for this: it serves masking only.
 */
export function findIdentifierNumbers(text: string): IdentifierSpan[] {
  const found: IdentifierSpan[] = [];
  const taken = (start: number, end: number) => found.some((span) => start < span.end && end > span.start);
  for (const { kind, pattern, group } of shapes) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index + (group ? match[0].indexOf(match[group]!) : 0);
      const raw = group ? match[group]! : match[0];
      const end = start + raw.length;
      if (taken(start, end)) continue;
      found.push({ kind: typeof kind === 'function' ? kind(compact(raw)) : kind, value: compact(raw), start, end });
    }
  }
  return found.sort((left, right) => left.start - right.start);
}

const bounded = (body: string) => new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu');
/** What may stand between the word that introduces a number and the number: "n°", "numéro", ":", "est le"… */
const filler = `[\\s:°.#-]*(?:(?:n[°o]|num[ée]ro|num|no|est|le|la|de|du|mon|ma|:)[\\s:°.#-]*){0,4}`;
/** A number introduced by the words that name it; the number itself holds a digit early on, so no word is taken. */
const introduced = (words: string, token: string) =>
  new RegExp(`(?<![\\p{L}])(?:${words})${filler}((?=[A-Z0-9]{0,4}\\d)${token})(?![\\p{L}\\p{N}])`, 'giu');
const separator = '[ .-]?';

/** Tried in this order; a later shape never takes characters an earlier one took. */
const shapes: ReadonlyArray<{ kind: MaskedKind | ((value: string) => MaskedKind); pattern: RegExp; group?: number }> = [
  // Introduced by their name: the surest, and the only way to tell a CAF or CNI number from any other number.
  { kind: 'passport', pattern: introduced('passeport|passport', '[A-Z0-9]{2}[ ]?[A-Z0-9]{2}[ ]?[A-Z0-9]{3,5}'), group: 1 },
  {
    kind: 'identity_card',
    pattern: introduced(
      "carte\\s+(?:nationale\\s+)?d['’]\\s?identit[ée]|pi[èe]ce\\s+d['’]\\s?identit[ée]|CNIe?",
      '[A-Z0-9]{4}[ ]?[A-Z0-9]{2,4}[ ]?[A-Z0-9]{3,5}',
    ),
    group: 1,
  },
  { kind: 'caf_number', pattern: introduced('allocataire|CAF|MSA', '\\d{5,8}[ ]?[A-Z]?'), group: 1 },
  {
    kind: 'tax_number',
    pattern: introduced(
      "num[ée]ro\\s+fiscal|n°\\s*fiscal|identifiant\\s+fiscal|r[ée]f[ée]rence\\s+de\\s+l['’]avis|SPI",
      `[0-9A-Z]{2}(?:${separator}[0-9A-Z]{2,3}){3,5}`,
    ),
    group: 1,
  },
  { kind: 'iban', pattern: bounded(`[A-Z]{2}\\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?`) },
  // A social security number's shape: sex, year, month, department, commune, order, with or without its key.
  {
    kind: 'nir',
    pattern: bounded(
      `[1-478]${separator}\\d{2}${separator}(?:0[1-9]|1[0-2]|[2-9]\\d)${separator}(?:\\d{2}|2[AB])${separator}\\d{3}${separator}\\d{3}(?:${separator}\\d{2})?`,
    ),
  },
  // French passport: two digits, two letters, five digits.
  { kind: 'passport', pattern: bounded('\\d{2}[ ]?[A-Z]{2}[ ]?\\d{5}') },
  // Long runs of digits: a tax number has 13 starting with 0 to 3, an old identity card 12, a bank card 13 to 19.
  {
    kind: (value) => (value.length === 13 && /^[0-3]/.test(value) ? 'tax_number' : 'bank_card'),
    pattern: bounded(`\\d(?:${separator}\\d){12,18}`),
  },
  { kind: 'identity_card', pattern: bounded(`\\d{12}|\\d{4}${separator}\\d{4}${separator}\\d{4}`) },
];

function compact(raw: string): string {
  return raw.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
}
