import type { ClassifierOutput, ScoredLabel } from '../classification';
import { queueOfIntent, type Taxonomy } from '../taxonomy/taxonomy';

/**
 * A classifier's opinion from its intent probabilities: a queue scores the sum of its intents, and the intent
 * reported is the best one inside the best queue, so that the two never disagree.
 */
export function opinionFromIntents(taxonomy: Taxonomy, classifier: string, intentScores: ScoredLabel[]): ClassifierOutput {
  const queueTotals = new Map<string, number>(taxonomy.queues.map((queue) => [queue.id, 0]));
  for (const { label, score } of intentScores) {
    const queue = queueOfIntent(taxonomy, label) ?? taxonomy.fallbackQueue;
    queueTotals.set(queue, (queueTotals.get(queue) ?? 0) + score);
  }
  const queueScores = [...queueTotals].map(([label, score]) => ({ label, score: Math.min(score, 1) })).sort((a, b) => b.score - a.score);
  const queue = queueScores[0].label;
  const intent = intentScores.find((entry) => queueOfIntent(taxonomy, entry.label) === queue)?.label ?? intentScores[0].label;
  return { classifier, queue, intent, confidence: queueScores[0].score, queueScores, intentScores };
}
