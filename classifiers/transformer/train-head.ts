import type { LabelledExample } from '../lexical/lexical-classifier';
import type { Taxonomy } from '../taxonomy/taxonomy';
import { stripQuotedReply } from '../text/strip-quoted-reply';
import { fitTemperature, trainLinearHeadYielding, type LinearHead } from './linear-head';
import { opinionFromIntents } from './opinion-from-intents';
import { requestText } from './request-text';
import type { SentenceEncoder } from './sentence-encoder';
import { headLogits, intentProbabilities, type HeadMetrics, type SoftmaxHead } from './softmax-head';
import { validationMetrics } from './validation-metrics';

export interface HeadTrainingData {
  train: LabelledExample[];
  /** Held out: picks the regularisation and fits the temperature. */
  validation: LabelledExample[];
  /** Added to train, e.g. requests whose intent an agent corrected. */
  extra?: LabelledExample[];
}

/** Labelled requests with their embeddings, in the same order. */
export interface EmbeddedSplit {
  examples: LabelledExample[];
  embeddings: ArrayLike<number>[];
}

export interface HeadFitOptions {
  /** Regularisation strengths tried; the best on validation macro-F1 is kept. */
  l2Candidates?: readonly number[];
  /** How many times each extra example counts: agents' corrections are real requests, scarce next to the corpus. */
  extraWeight?: number;
}

const defaultL2Candidates = [1e-4, 1e-3, 1e-2];
const settings = { epochs: 12, learningRate: 0.01, batchSize: 64, seed: 20261125 };

/** What the encoder reads of a labelled request: classifiers see requests without quoted replies (classifyRequest strips them). */
export function headInputText(example: Pick<LabelledExample, 'subject' | 'text'>): string {
  return requestText({ ...example, text: stripQuotedReply(example.text) });
}

/**
 * Fits the transformer classifier's softmax head on the encoder's embeddings of labelled requests: one head per
 * regularisation strength, the best on validation macro-F1 kept, then its temperature fitted on validation.
 */
export async function trainSoftmaxHead(
  encoder: Pick<SentenceEncoder, 'embed' | 'modelName'>,
  taxonomy: Taxonomy,
  data: HeadTrainingData,
): Promise<SoftmaxHead> {
  const embedded = async (examples: LabelledExample[]): Promise<EmbeddedSplit> => ({
    examples,
    embeddings: await encoder.embed(examples.map(headInputText)),
  });
  return fitSoftmaxHead(encoder.modelName, taxonomy, {
    train: await embedded(data.train),
    validation: await embedded(data.validation),
    extra: data.extra ? await embedded(data.extra) : undefined,
  });
}

/** The fitting part of trainSoftmaxHead, on embeddings already computed (e.g. kept in a cache). */
export async function fitSoftmaxHead(
  encoder: string,
  taxonomy: Taxonomy,
  data: { train: EmbeddedSplit; validation: EmbeddedSplit; extra?: EmbeddedSplit },
  options: HeadFitOptions = {},
): Promise<SoftmaxHead> {
  const labels = taxonomy.queues.flatMap((queue) => queue.intents.map((intent) => intent.id));
  const labelIndex = new Map(labels.map((label, index) => [label, index]));
  const indexOf = (example: LabelledExample): number => {
    const index = labelIndex.get(example.intent);
    if (index === undefined) throw new Error(`Example labelled with an intent absent from the taxonomy: ${example.intent}`);
    return index;
  };
  const extra = data.extra ?? { examples: [], embeddings: [] };
  const extraWeight = options.extraWeight ?? 1;
  const repeated = <T>(values: readonly T[]): T[] => Array.from({ length: extraWeight }, () => values).flat();
  const trainEmbeddings = [...data.train.embeddings, ...repeated(extra.embeddings)];
  const trainLabels = [...data.train.examples, ...repeated(extra.examples)].map(indexOf);
  const validationLabels = data.validation.examples.map(indexOf);

  const candidates: SoftmaxHead[] = [];
  for (const l2 of options.l2Candidates ?? defaultL2Candidates) {
    const linear = await trainLinearHeadYielding(
      { embeddings: trainEmbeddings, labels: trainLabels },
      { labelCount: labels.length, l2, ...settings },
    );
    const temperature = fitTemperature(
      data.validation.embeddings.map((embedding) => headLogits(linear, embedding)),
      validationLabels,
    );
    const head = softmaxHead(encoder, labels, linear, temperature, {
      examples: data.train.examples.length,
      extraExamples: extra.examples.length,
      ...(extraWeight !== 1 ? { extraWeight } : {}),
      l2,
    });
    candidates.push({ ...head, training: { ...head.training, validation: headValidationMetrics(head, taxonomy, data.validation) } });
  }
  return candidates.reduce((best, candidate) => {
    const [a, b] = [candidate.training.validation!, best.training.validation!];
    const tie = a.intentMacroF1 === b.intentMacroF1;
    return a.intentMacroF1 > b.intentMacroF1 || (tie && a.negativeLogLikelihood < b.negativeLogLikelihood) ? candidate : best;
  });
}

/** A head's scores on labelled embeddings, e.g. the validation split: what retraining compares heads on. */
export function headValidationMetrics(head: SoftmaxHead, taxonomy: Taxonomy, split: EmbeddedSplit): HeadMetrics {
  return validationMetrics(
    split.examples.map((example, index) => ({
      output: opinionFromIntents(taxonomy, 'transformer', intentProbabilities(head, split.embeddings[index])),
      intent: example.intent,
      queue: example.queue,
    })),
  );
}

function softmaxHead(
  encoder: string,
  labels: string[],
  linear: LinearHead,
  temperature: number,
  counts: { examples: number; extraExamples: number; extraWeight?: number; l2: number },
): SoftmaxHead {
  const round = (value: number) => Number(value.toPrecision(6));
  return {
    encoder,
    labels,
    weights: linear.weights.map((row) => row.map(round)),
    bias: linear.bias.map(round),
    temperature: round(temperature),
    training: { ...counts, epochs: settings.epochs, seed: settings.seed },
  };
}
