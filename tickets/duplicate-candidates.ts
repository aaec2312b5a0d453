import { openStatuses, type TicketStatus } from './ticket-status';

/** What is compared of two requests of the same citizen; `words` are the keyed hashes of their words, never the words. */
export interface DuplicateFacts {
  id: string;
  intent: string;
  status: TicketStatus;
  receivedAt: Date;
  words: readonly string[];
}

export interface DuplicateCandidate {
  id: string;
  /** Share of the two requests' distinct words they have in common (Jaccard index), 0 to 1. */
  similarity: number;
  sameIntent: boolean;
}

/** A citizen writing again about the same thing does so within weeks; older requests are history, not duplicates. */
export const duplicateWindowDays = 30;
/** Below this share of common words, two requests with different intents are taken as different matters. */
export const minimumSimilarity = 0.3;

/**
 * The citizen's other requests that are likely the same matter as this one, while this one is still open: open too
 * (a closed one is not a merge target), received within the window, and either classified with the same intent or sharing many words. Those of
 * the same intent first, then the most similar.
 */
export function likelyDuplicates(current: DuplicateFacts, others: readonly DuplicateFacts[]): DuplicateCandidate[] {
  if (!openStatuses.includes(current.status)) return [];
  const windowMs = duplicateWindowDays * 86_400_000;
  return others
    .filter((other) => other.id !== current.id && openStatuses.includes(other.status))
    .filter((other) => Math.abs(other.receivedAt.getTime() - current.receivedAt.getTime()) <= windowMs)
    .map((other) => ({ id: other.id, similarity: jaccard(current.words, other.words), sameIntent: other.intent === current.intent }))
    .filter((candidate) => candidate.sameIntent || candidate.similarity >= minimumSimilarity)
    .sort((left, right) => Number(right.sameIntent) - Number(left.sameIntent) || right.similarity - left.similarity);
}

function jaccard(left: readonly string[], right: readonly string[]): number {
  const leftSet = new Set(left);
  const rightSet = new Set(right);
  const common = [...leftSet].filter((word) => rightSet.has(word)).length;
  const union = leftSet.size + rightSet.size - common;
  return union === 0 ? 0 : common / union;
}
