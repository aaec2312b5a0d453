import { z } from 'zod';

import type { ClassificationInput, Classifier, ClassifierOutput, ScoredLabel } from '../classification';
import { queueOfIntent, type Taxonomy } from '../taxonomy/taxonomy';
import { frenchTerms } from './french-terms';

export const labelledExampleSchema = z.object({
  subject: z.string().default(''),
  text: z.string().min(1),
  queue: z.string().min(1),
  intent: z.string().min(1),
});
export type LabelledExample = z.infer<typeof labelledExampleSchema>;

type LogScore = { label: string; score: number };

interface IntentStatistics {
  logPrior: number;
  termLogLikelihood: Map<string, number>;
  unseenLogLikelihood: number;
}

/**
 * Multinomial naive Bayes over French stems (natural's tokenizer and Porter stemmer), one class per intent.
 * Probabilities are a softmax of the log scores divided by a temperature, fitted so that confidence is calibrated.
 */
export class LexicalClassifier implements Classifier {
  readonly name = 'lexical';

  private constructor(
    private readonly taxonomy: Taxonomy,
    private readonly statistics: Map<string, IntentStatistics>,
    private readonly temperature: number,
  ) {}

  static train(taxonomy: Taxonomy, examples: LabelledExample[], options: { temperature?: number } = {}): LexicalClassifier {
    const termCounts = new Map<string, Map<string, number>>();
    const exampleCounts = new Map<string, number>();
    const vocabulary = new Set<string>();
    for (const example of examples) {
      if (queueOfIntent(taxonomy, example.intent) !== example.queue) {
        throw new Error(`Training example labelled with unknown queue/intent: ${example.queue}/${example.intent}`);
      }
      const counts = termCounts.get(example.intent) ?? new Map<string, number>();
      for (const term of new Set(frenchTerms(`${example.subject} ${example.text}`))) {
        counts.set(term, (counts.get(term) ?? 0) + 1);
        vocabulary.add(term);
      }
      termCounts.set(example.intent, counts);
      exampleCounts.set(example.intent, (exampleCounts.get(example.intent) ?? 0) + 1);
    }
    // Add-one smoothing: on the validation split it beat 0.1 (queue accuracy 72.5% vs 71.1%, intent 60.6% vs 57.6%).
    const smoothing = 1;
    const statistics = new Map<string, IntentStatistics>();
    for (const [intent, counts] of termCounts) {
      const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
      const denominator = total + smoothing * vocabulary.size;
      const termLogLikelihood = new Map<string, number>();
      for (const [term, count] of counts) termLogLikelihood.set(term, Math.log((count + smoothing) / denominator));
      statistics.set(intent, {
        logPrior: Math.log((exampleCounts.get(intent) ?? 0) / examples.length),
        termLogLikelihood,
        unseenLogLikelihood: Math.log(smoothing / denominator),
      });
    }
    return new LexicalClassifier(taxonomy, statistics, options.temperature ?? 1);
  }

  /** A copy whose temperature is fitted on held-out examples (minimum negative log-likelihood over a grid). */
  calibrated(validation: LabelledExample[]): LexicalClassifier {
    const grid = Array.from({ length: 60 }, (_, index) => 0.5 * 1.12 ** index);
    let best = { temperature: this.temperature, loss: Number.POSITIVE_INFINITY };
    const scored = validation.map((example) => {
      const logScores = this.logScores(example);
      return { scores: logScores.map((entry) => entry.score), target: logScores.find((entry) => entry.label === example.intent)?.score };
    });
    for (const temperature of grid) {
      const loss = scored.reduce((sum, { scores, target }) => sum - targetLogProbability(scores, target, temperature), 0);
      if (loss < best.loss) best = { temperature, loss };
    }
    return new LexicalClassifier(this.taxonomy, this.statistics, best.temperature);
  }

  async classify(input: ClassificationInput): Promise<ClassifierOutput> {
    return this.classifySync(input);
  }

  classifySync(input: Pick<ClassificationInput, 'subject' | 'text'>): ClassifierOutput {
    const intentScores = softmax(this.logScores(input), this.temperature);
    const queueTotals = new Map<string, number>();
    for (const { label, score } of intentScores) {
      const queue = queueOfIntent(this.taxonomy, label) ?? this.taxonomy.fallbackQueue;
      queueTotals.set(queue, (queueTotals.get(queue) ?? 0) + score);
    }
    const queueScores = [...queueTotals].map(([label, score]) => ({ label, score })).sort((a, b) => b.score - a.score);
    const queue = queueScores[0]!.label;
    const intent = intentScores.find((entry) => queueOfIntent(this.taxonomy, entry.label) === queue)!.label;
    return { classifier: this.name, queue, intent, confidence: queueScores[0]!.score, queueScores, intentScores };
  }

  private logScores(input: Pick<ClassificationInput, 'subject' | 'text'>): LogScore[] {
    const terms = frenchTerms(`${input.subject ?? ''} ${input.text}`);
    return [...this.statistics].map(([intent, stats]) => ({
      label: intent,
      score: terms.reduce((sum, term) => sum + (stats.termLogLikelihood.get(term) ?? stats.unseenLogLikelihood), stats.logPrior),
    }));
  }
}

/** log softmax of the target's score, without building the distribution (calibration evaluates it thousands of times). */
function targetLogProbability(scores: number[], target: number | undefined, temperature: number): number {
  if (target === undefined) return Math.log(1e-12);
  const max = Math.max(...scores);
  const logTotal = Math.log(scores.reduce((sum, score) => sum + Math.exp((score - max) / temperature), 0));
  return Math.max((target - max) / temperature - logTotal, Math.log(1e-12));
}

function softmax(logScores: LogScore[], temperature: number): ScoredLabel[] {
  const max = Math.max(...logScores.map((entry) => entry.score));
  const exponentials = logScores.map((entry) => ({ label: entry.label, score: Math.exp((entry.score - max) / temperature) }));
  const total = exponentials.reduce((sum, entry) => sum + entry.score, 0);
  return exponentials.map((entry) => ({ label: entry.label, score: entry.score / total })).sort((a, b) => b.score - a.score);
}
