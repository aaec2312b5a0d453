import { z } from 'zod';

import { llmCallOutcomeSchema } from '../../classifiers/llm/llm-fallback';
import { LlmCallBudgetModel } from './llm-call-budget-model';
import { LlmCallModel } from './llm-call-model';

export const newLlmCallSchema = z.object({
  at: z.date(),
  promptVersion: z.string().min(1),
  model: z.string().min(1),
  outcome: llmCallOutcomeSchema,
  attempts: z.number().int().min(0),
  latencyMs: z.number().min(0),
  httpStatus: z.number().int().optional(),
  promptTokens: z.number().int().min(0).default(0),
  completionTokens: z.number().int().min(0).default(0),
  totalTokens: z.number().int().min(0).default(0),
});
export type NewLlmCall = z.input<typeof newLlmCallSchema>;

/** Stores the call and adds its tokens to its month's total; returns the record's id for the ticket's trace. */
export async function recordLlmCall(call: NewLlmCall, month: string): Promise<string> {
  const parsed = newLlmCallSchema.parse(call);
  const record = await LlmCallModel.create(parsed);
  if (parsed.totalTokens > 0) {
    await LlmCallBudgetModel.updateOne({ _id: month }, { $inc: { tokens: parsed.totalTokens } }, { upsert: true });
  }
  return record._id.toString();
}

export async function tokensUsedInMonth(month: string): Promise<number> {
  const budget = await LlmCallBudgetModel.findById(month).lean();
  return budget?.tokens ?? 0;
}
