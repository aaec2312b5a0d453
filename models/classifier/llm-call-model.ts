import { model, Schema } from 'mongoose';

import { llmCallOutcomeSchema } from '../../classifiers/llm/llm-fallback';

/**
 * One use of the LLM fallback, including the ones refused before any network call (circuit open, over budget).
 * Holds figures only, never the request's text, the prompt or the answer: nothing personal.
 */
const llmCallSchema = new Schema({
  at: { type: Date, required: true },
  promptVersion: { type: String, required: true },
  model: { type: String, required: true },
  outcome: { type: String, enum: llmCallOutcomeSchema.options, required: true },
  /** HTTP attempts made, retries included; 0 when refused before calling. */
  attempts: { type: Number, required: true },
  latencyMs: { type: Number, required: true },
  httpStatus: { type: Number },
  promptTokens: { type: Number, default: 0 },
  completionTokens: { type: Number, default: 0 },
  totalTokens: { type: Number, default: 0 },
});

llmCallSchema.index({ at: -1 });

export const LlmCallModel = model('LlmCall', llmCallSchema);
