import { z } from 'zod';

export const ruleSetProblemCodes = [
  'schema',
  'invalid-regex',
  'duplicate-rule-id',
  'duplicate-rule',
  'unknown-queue',
  'contradiction',
  'unreachable-rule',
  'no-effect',
  'escalation-without-sla',
  'webhook-destination',
  'probing-rule',
  'split-never-applies',
  'unknown-commune',
  'replacement-without-communes',
  'unknown-replaced-rule',
] as const;

/** Errors make a draft unpublishable; warnings point at rules that are legal but probably not meant. */
export const ruleSetProblemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.enum(ruleSetProblemCodes),
  /** French, written for the staff member editing the rules. */
  message: z.string(),
  ruleId: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])),
});
export type RuleSetProblem = z.infer<typeof ruleSetProblemSchema>;

export function hasBlockingProblems(problems: readonly RuleSetProblem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

export class InvalidRuleSetError extends Error {
  constructor(readonly problems: readonly RuleSetProblem[]) {
    super(`Invalid rule set: ${problems.map((problem) => problem.message).join(' | ')}`);
    this.name = 'InvalidRuleSetError';
  }
}
