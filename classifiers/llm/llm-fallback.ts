import { z } from 'zod';
import type { ClassificationInput } from '../classification';
import type { LlmAnswer } from './llm-answer';

/** Every way asking the LLM can fail; each one sends the request to manual triage. */
export const llmFailureSchema = z.enum([
  'timeout',
  'rate-limited',
  'server-error',
  'unreachable',
  'rejected',
  'unexpected-error',
  'malformed-json',
  'invalid-answer',
  'circuit-open',
  'over-budget',
]);
export type LlmFailure = z.infer<typeof llmFailureSchema>;

export const llmCallOutcomeSchema = z.enum(['answered', ...llmFailureSchema.options]);
export type LlmCallOutcome = z.infer<typeof llmCallOutcomeSchema>;

/** Enough to find the call's record (models/llm-call-model) and the prompt that produced it. */
export const llmCallReferenceSchema = z.object({ callId: z.string(), promptVersion: z.string(), model: z.string() });
export type LlmCallReference = z.infer<typeof llmCallReferenceSchema>;

/** What a ticket's trace says about the LLM step, written for the agent who reads it. */
export const llmTraceSchema = llmCallReferenceSchema.extend({
  outcome: llmCallOutcomeSchema,
  note: z.string(),
  /** The LLM's one sentence, about the masked text it was given. */
  reason: z.string().optional(),
  invalidFields: z.array(z.string()).optional(),
  entitiesAdded: z.number().int().min(0).optional(),
});
export type LlmTrace = z.infer<typeof llmTraceSchema>;

export type LlmVerdict =
  | { call: LlmCallReference; answer: LlmAnswer }
  | { call: LlmCallReference; failure: LlmFailure; invalidFields?: string[] };

/** The request as the local classifiers saw it; the fallback masks it before anything leaves the machine. */
export type LlmFallbackRequest = ClassificationInput & { receivedAt: Date; requesterName?: string };

export interface LlmFallback {
  /** The LLM is asked only when the local confidence is below this. */
  readonly confidenceThreshold: number;
  /** Never throws for an LLM problem: failures come back as a verdict so the request can go to manual triage. */
  classify(request: LlmFallbackRequest): Promise<LlmVerdict>;
}
