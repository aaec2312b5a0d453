import { model, Schema } from 'mongoose';

/** Tokens the LLM fallback used in one month (`_id` is `yyyy-mm`), kept in the database so a restart resets nothing. */
const llmCallBudgetSchema = new Schema({ _id: { type: String, required: true }, tokens: { type: Number, default: 0 } });

export const LlmCallBudgetModel = model('LlmCallBudget', llmCallBudgetSchema);
