import path from 'node:path';

import type { ClassificationInput, Classifier, ClassifierOutput } from '../classification';
import type { Taxonomy } from '../taxonomy/taxonomy';
import { opinionFromIntents } from './opinion-from-intents';
import { requestText } from './request-text';
import { SentenceEncoder, sentenceEncoderOptionsSchema, type SentenceEncoderOptions } from './sentence-encoder';
import { intentProbabilities, readSoftmaxHead, type SoftmaxHead } from './softmax-head';

export type TransformerClassifierOptions = SentenceEncoderOptions & {
  /** Defaults to head.json beside the model (the shipped model's head). */
  headPath?: string;
};

export function defaultHeadPath(options: SentenceEncoderOptions): string {
  const { model, modelRoot } = sentenceEncoderOptionsSchema.parse(options);
  return path.join(modelRoot, model, 'head.json');
}

/**
 * Intent classifier on a local transformer: mean-pooled sentence embeddings, then a temperature-calibrated
 * softmax head. The encoder is fixed; the head is what retraining (from agents' corrections) replaces.
 */
export class TransformerClassifier implements Classifier {
  readonly name = 'transformer';

  constructor(
    private readonly taxonomy: Taxonomy,
    readonly encoder: SentenceEncoder,
    readonly head: SoftmaxHead,
  ) {
    if (head.encoder !== encoder.modelName) {
      throw new Error(`Head trained on encoder ${head.encoder}, not on ${encoder.modelName}`);
    }
  }

  static async load(taxonomy: Taxonomy, options: TransformerClassifierOptions = {}): Promise<TransformerClassifier> {
    const [encoder, head] = await Promise.all([
      SentenceEncoder.load(options),
      readSoftmaxHead(options.headPath ?? defaultHeadPath(options)),
    ]);
    return new TransformerClassifier(taxonomy, encoder, head);
  }

  /** The same encoder with another head, e.g. one retrained with agents' corrections. */
  withHead(head: SoftmaxHead): TransformerClassifier {
    return new TransformerClassifier(this.taxonomy, this.encoder, head);
  }

  async classify(input: ClassificationInput): Promise<ClassifierOutput> {
    const [output] = await this.classifyBatch([input]);
    return output;
  }

  /** Classifies many requests in a few encoder runs: far higher throughput than one call per request. */
  async classifyBatch(inputs: Pick<ClassificationInput, 'subject' | 'text'>[]): Promise<ClassifierOutput[]> {
    if (inputs.length === 0) return [];
    const embeddings = await this.encoder.embed(inputs.map(requestText));
    return embeddings.map((embedding) => opinionFromIntents(this.taxonomy, this.name, intentProbabilities(this.head, embedding)));
  }
}
