import { defaultTaxonomy, queueOfIntent } from '../../classifiers/taxonomy/taxonomy';

export interface StoredOpinion {
  classifier: string;
  intentScores: { label: string; score: number }[];
}

/**
 * The deciding opinion's best-scored intent within `queue`, read from a ticket's stored trace without assuming the
 * scores' order: what the reroute and triage forms should propose for that queue.
 */
export function bestStoredIntentIn(trace: unknown, queue: string): string {
  const { decidedBy, opinions } = (trace as { classification: { decidedBy: string; opinions: StoredOpinion[] } }).classification;
  const deciding = opinions.find((opinion) => opinion.classifier === decidedBy)!;
  const inQueue = deciding.intentScores.filter((entry) => queueOfIntent(defaultTaxonomy, entry.label) === queue);
  return inQueue.reduce((best, entry) => (entry.score > best.score ? entry : best)).label;
}
