import { z } from 'zod';

import { entityTypes } from '../entities/entity';
import { maskedKinds } from '../masking/placeholders';
import { queueOfIntent, type Taxonomy } from '../taxonomy/taxonomy';

/** Entity types the LLM may report: personal data only ever reaches it as placeholders, so those kinds are left out. */
export const llmEntityTypes = entityTypes.filter((type) => !Object.hasOwn(maskedKinds, type));

/** One fact the LLM says it saw, quoted as written; it still has to pass the local extractors (see merge-llm-entities). */
export const llmEntitySchema = z.object({ type: z.enum(llmEntityTypes), text: z.string().min(1).max(200) });

/**
 * What the LLM must answer: a queue and an intent of that queue that exist in the taxonomy, its confidence and one
 * sentence of reason. Entities are checked one by one later, so one odd entity does not throw the decision away.
 */
export function llmAnswerSchema(taxonomy: Taxonomy) {
  const queueIds = taxonomy.queues.map((queue) => queue.id);
  const intentIds = taxonomy.queues.flatMap((queue) => queue.intents.map((intent) => intent.id));
  return z
    .object({
      queue: z.enum(queueIds),
      intent: z.enum(intentIds),
      confidence: z.number().min(0).max(1),
      reason: z.string().trim().min(1).max(300),
      entities: z.array(z.unknown()).max(20).default([]),
    })
    .refine((answer) => queueOfIntent(taxonomy, answer.intent) === answer.queue, { path: ['intent'], message: 'intent outside the queue' });
}

export type LlmAnswer = z.infer<ReturnType<typeof llmAnswerSchema>>;

export type AnswerReading =
  | { ok: true; answer: LlmAnswer }
  | { ok: false; failure: 'malformed-json' }
  /** Only the names of the offending fields are kept: an invented category must never be stored, not even in a trace. */
  | { ok: false; failure: 'invalid-answer'; invalidFields: string[] };

export function readLlmAnswer(taxonomy: Taxonomy, content: string): AnswerReading {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, failure: 'malformed-json' };
  }
  const parsed = llmAnswerSchema(taxonomy).safeParse(json);
  if (parsed.success) return { ok: true, answer: parsed.data };
  const invalidFields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || 'answer'))];
  return { ok: false, failure: 'invalid-answer', invalidFields };
}
