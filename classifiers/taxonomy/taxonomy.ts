import { z } from 'zod';

import taxonomyJson from './taxonomy.json';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'identifiant en minuscules, chiffres et tirets');

export const intentSchema = z.object({ id: slug, label: z.string().min(1), description: z.string().min(1) });
export const queueDefinitionSchema = z.object({
  id: slug,
  label: z.string().min(1),
  description: z.string().min(1),
  intents: z.array(intentSchema).min(1),
});
export const taxonomySchema = z
  .object({ version: z.string().min(1), fallbackQueue: slug, queues: z.array(queueDefinitionSchema).min(1) })
  .refine((taxonomy) => taxonomy.queues.some((queue) => queue.id === taxonomy.fallbackQueue), {
    message: 'la file de repli doit exister',
  });

export type Taxonomy = z.infer<typeof taxonomySchema>;
export type QueueDefinition = z.infer<typeof queueDefinitionSchema>;

export const defaultTaxonomy: Taxonomy = taxonomySchema.parse(taxonomyJson);

export const queueIds = defaultTaxonomy.queues.map((queue) => queue.id);
export const fallbackQueueId = defaultTaxonomy.fallbackQueue;

export function queueOfIntent(taxonomy: Taxonomy, intentId: string): string | undefined {
  return taxonomy.queues.find((queue) => queue.intents.some((intent) => intent.id === intentId))?.id;
}

/** The intent's French label, or its id when the taxonomy does not know it. */
export function intentLabel(taxonomy: Taxonomy, intentId: string): string {
  return taxonomy.queues.flatMap((queue) => queue.intents).find((intent) => intent.id === intentId)?.label ?? intentId;
}

export function isKnownQueue(taxonomy: Taxonomy, queueId: string): boolean {
  return taxonomy.queues.some((queue) => queue.id === queueId);
}

export function allIntentIds(taxonomy: Taxonomy): string[] {
  return taxonomy.queues.flatMap((queue) => queue.intents.map((intent) => intent.id));
}
