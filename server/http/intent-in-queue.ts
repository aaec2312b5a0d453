import { z } from 'zod';

import { queueOfIntent, type Taxonomy } from '../../classifiers/taxonomy/taxonomy';

/** The request's intent as an agent chooses it along with a queue: a finer label for retraining the classifier. */
export const chosenIntentSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,60}$/, 'identifiant de motif invalide')
  .optional();

/**
 * Refuses an intent that does not belong to the queue chosen with it, so that a correction never teaches the
 * classifier a contradiction. An unknown queue is left to the route, which answers that the queue does not exist.
 */
export function intentInChosenQueue(taxonomy: Taxonomy) {
  return (choice: { queue: string; intent?: string }, context: z.RefinementCtx): void => {
    if (!choice.intent) return;
    const queue = taxonomy.queues.find((candidate) => candidate.id === choice.queue);
    if (!queue || queueOfIntent(taxonomy, choice.intent) === queue.id) return;
    const intent = taxonomy.queues.flatMap((candidate) => candidate.intents).find((candidate) => candidate.id === choice.intent);
    context.addIssue({
      code: 'custom',
      path: ['intent'],
      message: intent
        ? `Le motif « ${intent.label} » n'appartient pas à la file « ${queue.label} » : choisissez un motif de cette file.`
        : `Le motif « ${choice.intent} » n'existe pas.`,
    });
  };
}
