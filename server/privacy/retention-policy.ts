import { readFile } from 'node:fs/promises';
import { z } from 'zod';

import type { Taxonomy } from '../../classifiers/taxonomy/taxonomy';

export const retentionActions = ['anonymise', 'delete'] as const;

const retentionTermSchema = z.strictObject({
  days: z.number().int().positive(),
  /** `anonymise` keeps the ticket's routing facts for statistics and removes everything personal; `delete` removes it all. */
  action: z.enum(retentionActions),
  /** Why this duration: shown to the DPO and quoted in the purge report. */
  legalBasis: z.string().trim().min(10),
});
const retentionRuleSchema = retentionTermSchema.extend({
  queue: z.string().min(1),
  intent: z.string().min(1).optional(),
});

export const retentionPolicySchema = z.strictObject({
  /** Routed requests whose queue and intent no rule names. */
  default: retentionTermSchema,
  /** Requests that never became tickets: mail set aside as noise, requests whose processing failed for good. */
  unrouted: retentionTermSchema,
  rules: z.array(retentionRuleSchema).default([]),
});

export type RetentionPolicy = z.infer<typeof retentionPolicySchema>;
export type RetentionTerm = z.infer<typeof retentionTermSchema> & { rule: string };

/** Reads and checks the policy file: a queue or intent the taxonomy does not know stops start-up. */
export async function loadRetentionPolicy(file: string, taxonomy: Taxonomy): Promise<RetentionPolicy> {
  const policy = retentionPolicySchema.parse(JSON.parse(await readFile(file, 'utf8')));
  const problems = policy.rules.flatMap((rule, index) => {
    const queue = taxonomy.queues.find((candidate) => candidate.id === rule.queue);
    if (!queue) return [`rules[${index}]: unknown queue "${rule.queue}"`];
    if (rule.intent && !queue.intents.some((intent) => intent.id === rule.intent))
      return [`rules[${index}]: queue "${rule.queue}" has no intent "${rule.intent}"`];
    return [];
  });
  if (problems.length > 0) throw new Error(`Invalid retention policy ${file}:\n  ${problems.join('\n  ')}`);
  return policy;
}

/** The most specific term: a rule naming the queue and intent, then one naming the queue, then the default. */
export function retentionTermFor(policy: RetentionPolicy, ticket: { queue: string; intent: string } | null): RetentionTerm {
  if (!ticket) return { ...policy.unrouted, rule: 'unrouted' };
  const exact = policy.rules.find((rule) => rule.queue === ticket.queue && rule.intent === ticket.intent);
  const byQueue = policy.rules.find((rule) => rule.queue === ticket.queue && !rule.intent);
  const chosen = exact ?? byQueue;
  if (!chosen) return { ...policy.default, rule: 'default' };
  return {
    days: chosen.days,
    action: chosen.action,
    legalBasis: chosen.legalBasis,
    rule: chosen.intent ? `${chosen.queue}/${chosen.intent}` : chosen.queue,
  };
}

export function expiresAt(since: Date, term: Pick<RetentionTerm, 'days'>): Date {
  return new Date(since.getTime() + term.days * 24 * 60 * 60 * 1000);
}

/** The shortest duration of the policy: nothing more recent than this can have expired. */
export function shortestRetentionDays(policy: RetentionPolicy): number {
  return Math.min(policy.default.days, policy.unrouted.days, ...policy.rules.map((rule) => rule.days));
}
