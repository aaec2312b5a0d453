import { z } from 'zod';

import type { ClassificationInput } from '../classification';
import type { ExtractionContext } from '../entities/extraction-context';
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

/** Enough to find the call's record (models/classifier/llm-call-model) and the prompt that produced it. */
export const llmCallReferenceSchema = z.object({ callId: z.string(), promptVersion: z.string(), model: z.string() });
export type LlmCallReference = z.infer<typeof llmCallReferenceSchema>;

/** Whether the LLM's answer agreed with one of the local classifier's top alternatives (see apply-llm-verdict). */
export const llmAgreementSchema = z.enum(['agreed', 'disagreed', 'trusted-by-policy']);
export type LlmAgreement = z.infer<typeof llmAgreementSchema>;

/** What a ticket's trace says about the LLM step, written for the agent who reads it. */
export const llmTraceSchema = llmCallReferenceSchema.extend({
  outcome: llmCallOutcomeSchema,
  note: z.string(),
  /** The LLM's one sentence, about the masked text it was given: machine-generated, truncated, shown as text only. */
  reason: z.string().optional(),
  agreement: llmAgreementSchema.optional(),
  /** What the LLM said of its own certainty: recorded, never used as a calibrated confidence. */
  selfReportedConfidence: z.number().optional(),
  invalidFields: z.array(z.string()).optional(),
  entitiesAdded: z.number().int().min(0).optional(),
});
export type LlmTrace = z.infer<typeof llmTraceSchema>;

export type LlmVerdict =
  { call: LlmCallReference; answer: LlmAnswer } | { call: LlmCallReference; failure: LlmFailure; invalidFields?: string[] };

/** The request as the local classifiers saw it; the fallback masks it before anything leaves the machine. */
export type LlmFallbackRequest = ClassificationInput & ExtractionContext;

/**
 * When an answer may route. `agree-with-local` (the default): only when its queue is among the local classifier's
 * `topAlternatives` best queues; otherwise the request goes to manual triage with both opinions. `trust-llm`: an
 * operator's choice to let the LLM route anywhere. Either way the decision's confidence never exceeds
 * `confidenceCeiling` (the routing threshold): an LLM's self-reported confidence is not calibrated.
 */
export interface LlmRoutingPolicy {
  mode: 'agree-with-local' | 'trust-llm';
  topAlternatives: number;
  confidenceCeiling: number;
}

export interface LlmFallback {
  /** The LLM is asked only when the local confidence is below this. */
  readonly confidenceThreshold: number;
  readonly routingPolicy: LlmRoutingPolicy;
  /** Never throws for an LLM problem: failures come back as a verdict so the request can go to manual triage. */
  classify(request: LlmFallbackRequest): Promise<LlmVerdict>;
}
