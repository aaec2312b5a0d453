import { z } from 'zod';

import type { ClassificationInput, Classifier, ClassifierOutput } from '../classification';
import type { LabelledExample } from '../lexical/lexical-classifier';
import { allIntentIds, queueOfIntent, type Taxonomy } from '../taxonomy/taxonomy';
import { fitTemperature } from '../transformer/linear-head';
import { opinionFromIntents } from '../transformer/opinion-from-intents';
import { requestText } from '../transformer/request-text';
import {
  logitsOf,
  softmaxInto,
  trainSoftmaxRegression,
  type RegressionTrainingOptions,
  type SoftmaxRegression,
  type WeightedExample,
} from './softmax-regression';
import { TfidfVectorizer, vectorizerStateSchema, type VectorizerOptions } from './tfidf-vectorizer';

export type WeightedLabelledExample = LabelledExample & { weight?: number };

export type TfidfTrainingOptions = VectorizerOptions & RegressionTrainingOptions;

/** Chosen on the validation split (see training/README.md, "TF-IDF model"). */
export const defaultTfidfOptions: TfidfTrainingOptions = {
  minDocumentFrequency: 2,
  maxCharTerms: 120_000,
  maxWordTerms: 40_000,
  epochs: 20,
  learningRate: 0.02,
  inverseRegularisation: 10,
  batchSize: 128,
  seed: 20261207,
};

export const tfidfMetadataSchema = z.object({
  intents: z.array(z.string()),
  temperature: z.number().positive(),
  vectorizer: vectorizerStateSchema,
  training: z.record(z.string(), z.unknown()),
});
export type TfidfMetadata = z.infer<typeof tfidfMetadataSchema>;

/**
 * Logistic regression over TF-IDF character and word n-grams: fast to train (seconds), robust to the way citizens
 * spell, and the member of the ensemble that learns an agent's correction at once.
 */
export class TfidfClassifier implements Classifier {
  readonly name = 'tfidf';

  constructor(
    private readonly taxonomy: Taxonomy,
    readonly intents: string[],
    readonly vectorizer: TfidfVectorizer,
    readonly regression: SoftmaxRegression,
    readonly temperature: number,
  ) {}

  /** Names the vocabulary: weights fit only the vocabulary they were trained over. */
  get vocabularySha256(): string {
    return this.vectorizer.digest;
  }

  static train(
    taxonomy: Taxonomy,
    examples: WeightedLabelledExample[],
    options: TfidfTrainingOptions = defaultTfidfOptions,
  ): TfidfClassifier {
    const intents = allIntentIds(taxonomy);
    const vectorizer = TfidfVectorizer.fit(examples.map(requestText), options);
    const rows = weightedRows(taxonomy, intents, vectorizer, examples);
    const regression = trainSoftmaxRegression(rows, { classes: intents.length, features: vectorizer.size }, options);
    return new TfidfClassifier(taxonomy, intents, vectorizer, regression, 1);
  }

  /** The same vocabulary with other weights, e.g. those of a model version learnt from corrections. */
  withWeights(regression: SoftmaxRegression, temperature: number): TfidfClassifier {
    return new TfidfClassifier(this.taxonomy, this.intents, this.vectorizer, regression, temperature);
  }

  /**
   * The same vocabulary, its weights trained further from where they are on `examples` (the corpus with agents'
   * corrections): a few epochs instead of a full training, and the answers on everything else barely move.
   */
  continuedOn(examples: WeightedLabelledExample[], options: RegressionTrainingOptions): TfidfClassifier {
    const rows = weightedRows(this.taxonomy, this.intents, this.vectorizer, examples);
    const shape = { classes: this.intents.length, features: this.vectorizer.size };
    return this.withWeights(trainSoftmaxRegression(rows, shape, options, this.regression), this.temperature);
  }

  /** A copy whose softmax temperature minimises the negative log-likelihood of held-out examples. */
  calibrated(validation: LabelledExample[]): TfidfClassifier {
    const labelOf = new Map(this.intents.map((intent, index) => [intent, index]));
    const logits = validation.map((example) => Array.from(this.logits(example)));
    return this.withWeights(
      this.regression,
      fitTemperature(
        logits,
        validation.map((example) => labelOf.get(example.intent)!),
      ),
    );
  }

  async classify(input: ClassificationInput): Promise<ClassifierOutput> {
    return this.classifySync(input);
  }

  classifySync(input: Pick<ClassificationInput, 'subject' | 'text'>): ClassifierOutput {
    const probabilities = softmaxInto(this.logits(input), this.temperature, new Float64Array(this.intents.length));
    const intentScores = this.intents.map((label, index) => ({ label, score: probabilities[index]! })).sort((a, b) => b.score - a.score);
    return opinionFromIntents(this.taxonomy, this.name, intentScores);
  }

  private logits(input: Pick<ClassificationInput, 'subject' | 'text'>): Float64Array {
    return logitsOf(this.regression, this.vectorizer.transform(requestText(input)));
  }
}

function weightedRows(
  taxonomy: Taxonomy,
  intents: string[],
  vectorizer: TfidfVectorizer,
  examples: WeightedLabelledExample[],
): WeightedExample[] {
  const labelOf = new Map(intents.map((intent, index) => [intent, index]));
  return examples.map((example) => {
    if (queueOfIntent(taxonomy, example.intent) !== example.queue) {
      throw new Error(`Training example labelled with unknown queue/intent: ${example.queue}/${example.intent}`);
    }
    return { features: vectorizer.transform(requestText(example)), label: labelOf.get(example.intent)!, weight: example.weight ?? 1 };
  });
}
