import type { Entity } from '../entities/entity';
import { extractEntities } from '../entities/extract-entities';
import type { ExtractionContext } from '../entities/extraction-context';
import { isBirthDate } from './birth-date';
import { findIdentifierNumbers } from './identifier-numbers';
import { placeholderFor, placeholderPattern, type MaskedKind, type Replacement } from './placeholders';

export interface MaskingResult {
  masked: string;
  /** Puts the original values back into any text using this result's placeholders (an LLM answer, a log line). */
  restore: (text: string) => string;
  replacements: Replacement[];
}

interface HiddenSpan {
  kind: MaskedKind;
  value: string;
  start: number;
  end: number;
}

/**
 * Replaces names, emails, phones, addresses, IBANs, NIRs, plates, dates of birth and identifying numbers (passport,
 * identity card, bank card, CAF, tax number; valid or not, see identifier-numbers) by typed, numbered placeholders
 * ("[PERSONNE_1]", "[EMAIL_1]"…), the same value always getting the same placeholder, so that text can leave the
 * machine. Once a name is known, its later bare mentions ("Lucas" after "mon fils Lucas Martin") are hidden too,
 * under their own placeholder so that restoring gives back exactly what was written.
 * `restore` puts back the first spelling met for each value: the round trip is exact unless one value was written
 * two ways ("06 12 34 56 78" and "0612345678").
 */
export function maskPersonalData(text: string, context?: Partial<ExtractionContext>): MaskingResult {
  // Masking hides spans where they stand: the day a relative date resolves to, hence the zone, changes nothing hidden.
  const extractionContext = {
    receivedAt: context?.receivedAt ?? new Date(),
    timeZone: context?.timeZone ?? 'UTC',
    requesterName: context?.requesterName,
  };
  const entities = extractEntities(text, extractionContext);
  const spans = withIdentifierNumbers(
    text,
    withNameMentions(
      text,
      entities.flatMap((entity) => hiddenSpan(text, entity)),
    ),
    entities,
  );

  const replacements: Replacement[] = [];
  const placeholderOfValue = new Map<string, string>();
  const counts = new Map<MaskedKind, number>();
  let masked = '';
  let copiedUpTo = 0;
  for (const span of spans) {
    const key = `${span.kind}\u0000${span.value}`;
    let placeholder = placeholderOfValue.get(key);
    if (!placeholder) {
      const number = (counts.get(span.kind) ?? 0) + 1;
      counts.set(span.kind, number);
      placeholder = placeholderFor(span.kind, number);
      placeholderOfValue.set(key, placeholder);
      replacements.push({ placeholder, kind: span.kind, value: span.value, text: text.slice(span.start, span.end) });
    }
    masked += text.slice(copiedUpTo, span.start) + placeholder;
    copiedUpTo = span.end;
  }
  masked += text.slice(copiedUpTo);

  const originalOf = new Map(replacements.map((replacement) => [replacement.placeholder, replacement.text]));
  const restore = (maskedText: string) =>
    maskedText.replace(placeholderPattern, (found, label: string, number: string) => originalOf.get(`[${label}_${number}]`) ?? found);
  return { masked, restore, replacements };
}

function hiddenSpan(text: string, entity: Entity): HiddenSpan[] {
  const { start, end, value } = entity;
  switch (entity.type) {
    case 'person':
    case 'email':
    case 'phone':
    case 'address':
    case 'iban':
    case 'nir':
    case 'plate':
      return [{ kind: entity.type, value: entity.type === 'person' ? value.toLowerCase() : value, start, end }];
    case 'date':
      return isBirthDate(text, entity) ? [{ kind: 'birth_date', value, start, end }] : [];
    default:
      return [];
  }
}

/** Adds the other mentions of each found name and of each of its words, sorted and without overlaps. */
function withNameMentions(text: string, spans: HiddenSpan[]): HiddenSpan[] {
  const all = [...spans];
  const taken = (start: number, end: number) => all.some((span) => start < span.end && end > span.start);
  const names = spans.filter((span) => span.kind === 'person');
  // Whole names match in any case; single words only capitalised as written, so "Pierre" hides no "pierre".
  const mentions = names.flatMap((name) => [
    { pattern: text.slice(name.start, name.end), value: name.value, flags: 'giu' },
    ...text
      .slice(name.start, name.end)
      .split(/\s+/)
      .filter((word) => word.replace(/\W/g, '').length >= 3)
      .map((word) => ({ pattern: word, value: word.toLowerCase(), flags: 'gu' })),
  ]);
  const distinctMentions = new Map(mentions.map((mention) => [`${mention.flags}\u0000${mention.pattern}`, mention]));
  for (const mention of distinctMentions.values()) {
    const occurrences = new RegExp(`(?<![\\p{L}\\p{N}'-])${escapeRegExp(mention.pattern)}(?![\\p{L}\\p{N}'-])`, mention.flags);
    for (const match of text.matchAll(occurrences)) {
      const end = match.index + match[0].length;
      if (!taken(match.index, end)) all.push({ kind: 'person', value: mention.value, start: match.index, end });
    }
  }
  return all.sort((a, b) => a.start - b.start);
}

/**
 * Adds the identifying numbers that nothing found already covers, sorted: not what is hidden already, and not a
 * fact recognised as something else (a permit or cadastral reference, an amount), which the LLM needs to read.
 */
function withIdentifierNumbers(text: string, spans: HiddenSpan[], entities: readonly Entity[]): HiddenSpan[] {
  const known = [...spans, ...entities];
  const free = findIdentifierNumbers(text).filter((number) => !known.some((span) => number.start < span.end && number.end > span.start));
  return [...spans, ...free].sort((a, b) => a.start - b.start);
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
