import type { ClassificationInput, Classifier, ClassifierOutput } from '../classification';
import { queueOfIntent, type Taxonomy } from '../taxonomy/taxonomy';
import { opinionFromIntents } from '../transformer/opinion-from-intents';
import { frenchTerms } from './french-terms';
import type { LabelledExample } from './lexical-classifier';

export interface LogisticTrainingOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** Seeds the shuffling of examples between epochs, so that training is reproducible. */
  seed?: number;
}

interface Model {
  intents: string[];
  vocabulary: Map<string, number>;
  /** weights[intent * vocabulary.size + term] */
  weights: Float64Array;
  biases: Float64Array;
}

/**
 * Multinomial logistic regression over the same French stems and bigrams as the naive Bayes classifier, trained by
 * stochastic gradient descent. Unlike naive Bayes it weighs terms against each other, so words shared by every
 * request (greetings, signatures) end up near zero instead of adding up.
 */
export class LogisticLexicalClassifier implements Classifier {
  readonly name = 'lexical-logistic';

  private constructor(
    private readonly taxonomy: Taxonomy,
    private readonly model: Model,
    private readonly temperature: number,
  ) {}

  static train(taxonomy: Taxonomy, examples: LabelledExample[], options: LogisticTrainingOptions = {}): LogisticLexicalClassifier {
    const { epochs = 30, learningRate = 0.5, l2 = 1e-4, seed = 1 } = options;
    for (const example of examples) {
      if (queueOfIntent(taxonomy, example.intent) !== example.queue) {
        throw new Error(`Training example labelled with unknown queue/intent: ${example.queue}/${example.intent}`);
      }
    }
    const intents = [...new Set(examples.map((example) => example.intent))];
    const vocabulary = new Map<string, number>();
    for (const example of examples) {
      for (const term of frenchTerms(`${example.subject} ${example.text}`)) {
        if (!vocabulary.has(term)) vocabulary.set(term, vocabulary.size);
      }
    }
    const model: Model = {
      intents,
      vocabulary,
      weights: new Float64Array(intents.length * vocabulary.size),
      biases: new Float64Array(intents.length),
    };
    const rows = examples.map((example) => ({ terms: termIds(model, example), label: intents.indexOf(example.intent) }));
    const random = seededRandom(seed);
    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffle(rows, random);
      const rate = learningRate / (1 + 0.2 * epoch);
      for (const row of rows) gradientStep(model, row.terms, row.label, rate, l2);
    }
    return new LogisticLexicalClassifier(taxonomy, model, 1);
  }

  /** A copy whose softmax temperature is fitted on held-out examples (minimum negative log-likelihood over a grid). */
  calibrated(validation: LabelledExample[]): LogisticLexicalClassifier {
    const scored = validation.map((example) => ({ logits: logits(this.model, termIds(this.model, example)), label: example.intent }));
    let best = { temperature: this.temperature, loss: Number.POSITIVE_INFINITY };
    for (let step = 0; step < 50; step++) {
      const temperature = 0.25 * 1.08 ** step;
      const loss = scored.reduce((sum, { logits: values, label }) => {
        const probability = softmax(values, temperature)[this.model.intents.indexOf(label)] ?? 0;
        return sum - Math.log(Math.max(probability, 1e-12));
      }, 0);
      if (loss < best.loss) best = { temperature, loss };
    }
    return new LogisticLexicalClassifier(this.taxonomy, this.model, best.temperature);
  }

  async classify(input: ClassificationInput): Promise<ClassifierOutput> {
    return this.classifySync(input);
  }

  classifySync(input: Pick<ClassificationInput, 'subject' | 'text'>): ClassifierOutput {
    const probabilities = softmax(logits(this.model, termIds(this.model, input)), this.temperature);
    const intentScores = this.model.intents
      .map((label, index) => ({ label, score: probabilities[index]! }))
      .sort((a, b) => b.score - a.score);
    return opinionFromIntents(this.taxonomy, this.name, intentScores);
  }
}

function termIds(model: Model, input: Pick<ClassificationInput, 'subject' | 'text'>): number[] {
  const ids = new Set<number>();
  for (const term of frenchTerms(`${input.subject ?? ''} ${input.text}`)) {
    const id = model.vocabulary.get(term);
    if (id !== undefined) ids.add(id);
  }
  return [...ids];
}

function logits(model: Model, terms: number[]): number[] {
  const size = model.vocabulary.size;
  return model.intents.map((_, intent) => terms.reduce((sum, term) => sum + model.weights[intent * size + term]!, model.biases[intent]!));
}

/** One SGD step on the cross-entropy; features are scaled by 1/√n so that long e-mails do not take bigger steps. */
function gradientStep(model: Model, terms: number[], label: number, rate: number, l2: number): void {
  const size = model.vocabulary.size;
  const probabilities = softmax(logits(model, terms), 1);
  const scale = 1 / Math.sqrt(Math.max(terms.length, 1));
  probabilities.forEach((probability, intent) => {
    const gradient = probability - (intent === label ? 1 : 0);
    model.biases[intent]! -= 0.1 * rate * gradient;
    for (const term of terms) {
      const index = intent * size + term;
      model.weights[index]! -= rate * (gradient * scale + l2 * model.weights[index]!);
    }
  });
}

function softmax(values: number[], temperature: number): number[] {
  const max = Math.max(...values);
  const exponentials = values.map((value) => Math.exp((value - max) / temperature));
  const total = exponentials.reduce((sum, value) => sum + value, 0);
  return exponentials.map((value) => value / total);
}

function seededRandom(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
}
