import type { AnswerVariant, Source } from './checklist-schema';
import type { CompiledAnswer } from './compile-checklist-set';
import type { MessageEvidence } from './message-evidence';

/** The commune's own facts an answer may quote, filled in by its staff on the settings page. */
export const communeFactNames = ['commune', 'horaires', 'fermetures', 'adresse', 'telephone', 'courriel', 'siteWeb'] as const;
export type CommuneFactName = (typeof communeFactNames)[number];
export type CommuneFactValues = Partial<Record<CommuneFactName, string>>;

const placeholder = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

export interface ChosenAnswer {
  intent: string;
  variant: string;
  text: string;
  source: Source | null;
}

/**
 * The answer for this message, or null when none is safe to send: a question the answer does not cover
 * (`unlessAny`), two specific variants that both match (which one was meant is a person's call), or a variant
 * quoting a commune fact nobody has filled in (an answer never makes a fact up).
 */
export function chooseAnswer(compiled: CompiledAnswer, evidence: MessageEvidence, facts: CommuneFactValues): ChosenAnswer | null {
  if (compiled.unlessAny.some((regex) => regex.test(evidence.text))) return null;
  const specific = compiled.variants.filter(({ when }) => when.length > 0 && when.some((regex) => regex.test(evidence.text)));
  const candidates = specific.length > 0 ? specific : compiled.variants.filter(({ when }) => when.length === 0);
  if (candidates.length !== 1) return null;
  const { variant } = candidates[0];
  const text = fillFacts(variant, facts);
  return text === null ? null : { intent: compiled.answer.intent, variant: variant.id, text, source: variant.source ?? null };
}

function fillFacts(variant: AnswerVariant, facts: CommuneFactValues): string | null {
  let unknown = false;
  const text = variant.text.replace(placeholder, (_match, name: string) => {
    const value = facts[name as CommuneFactName]?.trim();
    if (!value) unknown = true;
    return value ?? '';
  });
  return unknown ? null : text;
}

/** The placeholders of a text that are not commune facts: a typo refused when the set is saved. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(placeholder)].map((match) => match[1]).filter((name) => !(communeFactNames as readonly string[]).includes(name));
}
