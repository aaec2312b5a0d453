import { z } from 'zod';

import { scoredLabelSchema } from '../../classifiers/classification';
import { queueOfIntent, type Taxonomy } from '../../classifiers/taxonomy/taxonomy';

const storedClassificationSchema = z.object({
  classification: z.object({
    decidedBy: z.string(),
    opinions: z.array(z.object({ classifier: z.string(), intentScores: z.array(scoredLabelSchema) })),
  }),
});

/**
 * For each queue, the intent an agent most likely means when sending the ticket there: the classification's
 * best-scored intent within that queue. The deciding opinion ranks first; the local classifiers' combined opinion
 * (first in the trace) fills in the queues it does not score, as after an LLM answer that names a single intent.
 * A ticket without a readable trace falls back to its own intent, then to each queue's first intent.
 */
export function intentGuesses(taxonomy: Taxonomy, ticket: { intent: string; trace: unknown }): Record<string, string> {
  const stored = storedClassificationSchema.safeParse(ticket.trace);
  const opinions = stored.success ? stored.data.classification.opinions : [];
  const deciding = stored.success ? opinions.find((opinion) => opinion.classifier === stored.data.classification.decidedBy) : undefined;
  const ranked = [ticket.intent, ...[deciding, opinions[0]].flatMap((opinion) => opinion?.intentScores.map((entry) => entry.label) ?? [])];
  const guesses = new Map<string, string>();
  for (const intent of ranked) {
    const queue = queueOfIntent(taxonomy, intent);
    if (queue && !guesses.has(queue)) guesses.set(queue, intent);
  }
  return Object.fromEntries(taxonomy.queues.map((queue) => [queue.id, guesses.get(queue.id) ?? queue.intents[0]!.id]));
}
