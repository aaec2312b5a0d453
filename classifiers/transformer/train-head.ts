import type { LabelledExample } from '../lexical/lexical-classifier';
import type { Taxonomy } from '../taxonomy/taxonomy';
import { stripQuotedReply } from '../text/strip-quoted-reply';
import { validationMetrics } from './validation-metrics';
import { fitTemperature, trainLinearHead, type LinearHead } from './linear-head';
import { opinionFromIntents } from './opinion-from-intents';
import { requestText } from './request-text';
import type { SentenceEncoder } from './sentence-encoder';
import { headLogits, intentProbabilities, type SoftmaxHead } from './softmax-head';

export interface HeadTrainingData {
  train: LabelledExample[];
  /** Held out: picks the regularisation and fits the temperature. */
  validation: LabelledExample[];
  /** Added to train, e.g. requests whose intent an agent corrected. */
  extra?: LabelledExample[];
}

const l2Candidates = [1e-4, 1e-3, 1e-2];
const settings = { epochs: 12, learningRate: 0.01, batchSize: 64, seed: 20261125 };

/**
 * Fits the transformer classifier's softmax head on the encoder's embeddings of labelled requests: one head per
 * regularisation strength, the best on validation macro-F1 kept, then its temperature fitted on validation.
 */
export async function trainSoftmaxHead(encoder: SentenceEncoder, taxonomy: Taxonomy, data: HeadTrainingData): Promise<SoftmaxHead> {
  const labels = taxonomy.queues.flatMap((queue) => queue.intents.map((intent) => intent.id));
  const labelIndex = new Map(labels.map((label, index) => [label, index]));
  const examples = [...data.train, ...(data.extra ?? [])];
  const indexOf = (example: LabelledExample): number => {
    const index = labelIndex.get(example.intent);
    if (index === undefined) throw new Error(`Example labelled with an intent absent from the taxonomy: ${example.intent}`);
    return index;
  };
  // Classifiers see requests without quoted replies (classifyRequest strips them), so the head learns on the same.
  const embed = (batch: LabelledExample[]) =>
    encoder.embed(batch.map((example) => requestText({ ...example, text: stripQuotedReply(example.text) })));
  const [trainEmbeddings, validationEmbeddings] = [await embed(examples), await embed(data.validation)];
  const trainLabels = examples.map(indexOf);
  const validationLabels = data.validation.map(indexOf);

  const candidates = l2Candidates.map((l2) => {
    const linear = trainLinearHead({ embeddings: trainEmbeddings, labels: trainLabels }, { labelCount: labels.length, l2, ...settings });
    const temperature = fitTemperature(validationEmbeddings.map((embedding) => headLogits(linear, embedding)), validationLabels);
    const head = softmaxHead(encoder.modelName, labels, linear, temperature, {
      examples: data.train.length,
      extraExamples: data.extra?.length ?? 0,
      l2,
    });
    const outcomes = data.validation.map((example, index) => ({
      output: opinionFromIntents(taxonomy, 'transformer', intentProbabilities(head, validationEmbeddings[index])),
      intent: example.intent,
      queue: example.queue,
    }));
    return { ...head, training: { ...head.training, validation: validationMetrics(outcomes) } };
  });
  return candidates.reduce((best, candidate) => {
    const [a, b] = [candidate.training.validation, best.training.validation];
    const tie = a.intentMacroF1 === b.intentMacroF1;
    return a.intentMacroF1 > b.intentMacroF1 || (tie && a.negativeLogLikelihood < b.negativeLogLikelihood) ? candidate : best;
  });
}

function softmaxHead(
  encoder: string,
  labels: string[],
  linear: LinearHead,
  temperature: number,
  counts: { examples: number; extraExamples: number; l2: number },
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
