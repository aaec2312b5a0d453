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

type RetentionRule = RetentionPolicy['rules'][number];

/**
 * The most specific term: a rule naming the queue and intent, then one naming the queue, then the default. The
 * ticket's commune's own rules (`overrides`, see communes/commune-schema) come before the service's.
 */
export function retentionTermFor(
  policy: RetentionPolicy,
  ticket: { queue: string; intent: string } | null,
  overrides: readonly RetentionRule[] = [],
): RetentionTerm {
  if (!ticket) return { ...policy.unrouted, rule: 'unrouted' };
  const matching = (rules: readonly RetentionRule[]) =>
    rules.find((rule) => rule.queue === ticket.queue && rule.intent === ticket.intent) ??
    rules.find((rule) => rule.queue === ticket.queue && !rule.intent);
  const own = matching(overrides);
  const chosen = own ?? matching(policy.rules);
  if (!chosen) return { ...policy.default, rule: 'default' };
  const rule = chosen.intent ? `${chosen.queue}/${chosen.intent}` : chosen.queue;
  return { days: chosen.days, action: chosen.action, legalBasis: chosen.legalBasis, rule: own ? `commune:${rule}` : rule };
}

export function expiresAt(since: Date, term: Pick<RetentionTerm, 'days'>): Date {
  return new Date(since.getTime() + term.days * 24 * 60 * 60 * 1000);
}

/** The shortest duration of the policy and of the communes' own rules: nothing more recent than this can have expired. */
export function shortestRetentionDays(policy: RetentionPolicy, overrides: readonly RetentionRule[] = []): number {
  return Math.min(
    policy.default.days,
    policy.unrouted.days,
    ...policy.rules.map((rule) => rule.days),
    ...overrides.map((rule) => rule.days),
  );
}
