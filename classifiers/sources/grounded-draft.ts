import { placeholderPattern } from '../masking/placeholders';
import type { FicheHit } from './search-fiches';

/** Why a drafted reply is not offered to the agent (the extractive reply is, instead). */
export type DraftProblem = 'empty' | 'too-long' | 'uncited' | 'placeholders';

export type DraftReading = { ok: true; text: string } | { ok: false; problem: DraftProblem };

/** A reply longer than this is not the few short sentences asked for. */
export const maxDraftLength = 3_000;

/**
 * Whether an LLM's draft may be offered to the agent: a few sentences that cite the fiche they are grounded on (its
 * title and its link, as the citizen must be able to check the official text) and that echo none of the
 * placeholders the masking put in place of personal data.
 */
export function readGroundedDraft(content: string, source: Pick<FicheHit, 'title' | 'url'>): DraftReading {
  const text = content.trim();
  if (text.length === 0) return { ok: false, problem: 'empty' };
  if (text.length > maxDraftLength) return { ok: false, problem: 'too-long' };
  if (!text.includes(source.url) || !comparable(text).includes(comparable(source.title))) return { ok: false, problem: 'uncited' };
  if (new RegExp(placeholderPattern.source).test(text)) return { ok: false, problem: 'placeholders' };
  return { ok: true, text };
}

/** Case, runs of spaces and the apostrophe's two spellings do not make a citation wrong. */
function comparable(text: string): string {
  return text.replace(/’/g, "'").replace(/\s+/g, ' ').toLowerCase();
}
