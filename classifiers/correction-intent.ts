import type { ScoredLabel } from './classification';
import { queueOfIntent, type Taxonomy } from './taxonomy/taxonomy';

export interface QueueCorrection {
  /** The queue the agent chose. */
  queue: string;
  /** The intent the agent chose, when they gave one. */
  intent?: string | null;
  /** The ticket's intent before the correction (the classifier's). */
  previousIntent?: string | null;
}

/**
 * The intent a corrected request is learnt with. Agents may give only a queue, and the models learn intents: the
 * agent's intent when given, else the ticket's own intent when it already belongs to the chosen queue (a request
 * the classifier understood but sent to the reception), else the classifier's most likely intent in that queue
 * (`intentScores`, best first).
 */
export function correctionIntent(taxonomy: Taxonomy, intentScores: ScoredLabel[], correction: QueueCorrection): string {
  for (const intent of [correction.intent, correction.previousIntent]) {
    if (intent && queueOfIntent(taxonomy, intent) === correction.queue) return intent;
  }
  const best = intentScores.find(({ label }) => queueOfIntent(taxonomy, label) === correction.queue);
  const fallback = taxonomy.queues.find((queue) => queue.id === correction.queue)?.intents[0]?.id;
  const intent = best?.label ?? fallback;
  if (!intent) throw new Error(`Queue absent from the taxonomy: ${correction.queue}`);
  return intent;
}
