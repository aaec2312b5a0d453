import { z } from 'zod';

import { entitySchema } from './entities/entity';
import { llmTraceSchema } from './llm/llm-fallback';

/**
 * How a request came in: written by the citizen (a web form, a mail), or taken down by an agent for a citizen on the
 * phone (`telephone`) or at the counter (`guichet`), through the same intake, classification and rules.
 */
export const requestChannels = ['form', 'email', 'telephone', 'guichet'] as const;
export type RequestChannel = (typeof requestChannels)[number];

/** What every classifier reads: the request's text as the citizen wrote it (never personal-data-masked here). */
export const classificationInputSchema = z.object({
  subject: z.string().default(''),
  text: z.string(),
  channel: z.enum(requestChannels),
});
export type ClassificationInput = z.infer<typeof classificationInputSchema>;

export const scoredLabelSchema = z.object({ label: z.string(), score: z.number().min(0).max(1) });
export type ScoredLabel = z.infer<typeof scoredLabelSchema>;

/** One classifier's opinion: scores sorted best first, and its confidence in the top queue. */
export const classifierOutputSchema = z.object({
  classifier: z.string(),
  queue: z.string(),
  intent: z.string(),
  confidence: z.number().min(0).max(1),
  queueScores: z.array(scoredLabelSchema),
  intentScores: z.array(scoredLabelSchema),
});
export type ClassifierOutput = z.infer<typeof classifierOutputSchema>;

export interface Classifier {
  readonly name: string;
  classify(input: ClassificationInput): Promise<ClassifierOutput>;
}

/** One of several requests found in a single message: its labels and the excerpt of the message it comes from. */
export const requestPartSchema = z.object({
  queue: z.string(),
  intent: z.string(),
  confidence: z.number().min(0).max(1),
  text: z.string(),
  /** Offsets of the excerpt in the classified text: the message without its quoted history nor sentences addressed to the sorting system. */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});
export type RequestPart = z.infer<typeof requestPartSchema>;

/** The decision handed to routing: the chosen opinion, the others for the trace, the entities and the language. */
export const classificationSchema = z.object({
  queue: z.string(),
  intent: z.string(),
  confidence: z.number().min(0).max(1),
  decidedBy: z.string(),
  language: z.string(),
  opinions: z.array(classifierOutputSchema),
  entities: z.array(entitySchema),
  /** Present when the message holds requests for two or more services (queue accueil, intent demandes-multiples). */
  parts: z.array(requestPartSchema).min(2).optional(),
  /** Present when the local classifiers were unsure and the LLM was asked. */
  llm: llmTraceSchema.optional(),
});
export type Classification = z.infer<typeof classificationSchema>;
