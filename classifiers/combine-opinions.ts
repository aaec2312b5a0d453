import type { ClassifierOutput, ScoredLabel } from './classification';
import { queueOfIntent, type Taxonomy } from './taxonomy/taxonomy';

/**
 * Merges several classifiers' opinions by a weighted average of their queue and intent distributions (equal
 * weights unless given; the calibration that follows corrects the flattening this causes); the intent is the
 * best-scored one inside the chosen queue, so the two never disagree.
 */
export function combineOpinions(taxonomy: Taxonomy, opinions: ClassifierOutput[], weights?: number[]): ClassifierOutput {
  if (opinions.length === 0) throw new Error('combineOpinions needs at least one opinion');
  if (opinions.length === 1) return opinions[0]!;
  if (weights && weights.length !== opinions.length) throw new Error('combineOpinions needs one weight per opinion');
  const shares = weights ?? opinions.map(() => 1);
  const total = shares.reduce((sum, weight) => sum + weight, 0);
  const average = (pick: (opinion: ClassifierOutput) => ScoredLabel[]): ScoredLabel[] => {
    const totals = new Map<string, number>();
    opinions.forEach((opinion, index) => {
      for (const { label, score } of pick(opinion)) totals.set(label, (totals.get(label) ?? 0) + (score * shares[index]!) / total);
    });
    return [...totals].map(([label, score]) => ({ label, score })).sort((a, b) => b.score - a.score);
  };
  const queueScores = average((opinion) => opinion.queueScores);
  const intentScores = average((opinion) => opinion.intentScores);
  const queue = queueScores[0]!.label;
  const intent = intentScores.find((entry) => queueOfIntent(taxonomy, entry.label) === queue)?.label ?? intentScores[0]!.label;
  return {
    classifier: opinions.map((opinion) => opinion.classifier).join('+'),
    queue,
    intent,
    confidence: queueScores[0]!.score,
    queueScores,
    intentScores,
  };
}
