import { readFile } from 'node:fs/promises';
import { z } from 'zod';

import type { ScoredLabel } from '../classification';

const headMetricsSchema = z.object({
  intentAccuracy: z.number(),
  intentMacroF1: z.number(),
  queueAccuracy: z.number(),
  negativeLogLikelihood: z.number(),
  expectedCalibrationError: z.number(),
});

export const softmaxHeadSchema = z
  .object({
    /** The encoder whose embeddings the head was fitted on: a head is meaningless on another one. */
    encoder: z.string().min(1),
    labels: z.array(z.string().min(1)).min(2),
    /** One row of embedding weights per label. */
    weights: z.array(z.array(z.number())),
    bias: z.array(z.number()),
    temperature: z.number().positive(),
    training: z.object({
      examples: z.number().int().nonnegative(),
      extraExamples: z.number().int().nonnegative(),
      /** Times each extra example counted in training (1 when absent). */
      extraWeight: z.number().int().positive().optional(),
      l2: z.number().nonnegative(),
      epochs: z.number().int().positive(),
      seed: z.number().int(),
      validation: headMetricsSchema.optional(),
    }),
  })
  .refine((head) => head.weights.length === head.labels.length && head.bias.length === head.labels.length, {
    message: 'one row of weights and one bias per label',
  })
  .refine((head) => head.weights.every((row) => row.length === head.weights[0].length), {
    message: 'every row of weights has the embedding dimension',
  });
export type SoftmaxHead = z.infer<typeof softmaxHeadSchema>;
export type HeadMetrics = z.infer<typeof headMetricsSchema>;

export async function readSoftmaxHead(file: string): Promise<SoftmaxHead> {
  return softmaxHeadSchema.parse(JSON.parse(await readFile(file, 'utf8')));
}

export function headLogits(head: Pick<SoftmaxHead, 'weights' | 'bias'>, embedding: ArrayLike<number>): number[] {
  return head.weights.map((row, label) => {
    let logit = head.bias[label];
    for (let dimension = 0; dimension < row.length; dimension++) logit += row[dimension] * embedding[dimension];
    return logit;
  });
}

export function softmax(logits: number[], temperature = 1): number[] {
  const max = Math.max(...logits);
  const exponentials = logits.map((logit) => Math.exp((logit - max) / temperature));
  const total = exponentials.reduce((sum, value) => sum + value, 0);
  return exponentials.map((value) => value / total);
}

/** Calibrated intent probabilities for one embedding, best first. */
export function intentProbabilities(head: SoftmaxHead, embedding: ArrayLike<number>): ScoredLabel[] {
  return softmax(headLogits(head, embedding), head.temperature)
    .map((score, label) => ({ label: head.labels[label], score }))
    .sort((left, right) => right.score - left.score);
}
