import { z } from 'zod';

import type { Rule, RuleSet } from './rule-schema';

const ruleFields = [
  'name',
  'priority',
  'enabled',
  'when',
  'then',
  'stop',
  'communes',
  'replaces',
] as const satisfies readonly (keyof Rule)[];

export const ruleSetDiffSchema = z.object({
  fallbackQueue: z.object({ from: z.string(), to: z.string() }).optional(),
  workingScheduleChanged: z.boolean(),
  added: z.array(z.object({ ruleId: z.string(), ruleName: z.string() })),
  removed: z.array(z.object({ ruleId: z.string(), ruleName: z.string() })),
  /** Rules kept under the same id, with the fields that differ. */
  changed: z.array(z.object({ ruleId: z.string(), ruleName: z.string(), fields: z.array(z.enum(ruleFields)) })),
  /** Order of the rules kept, when it differs (it decides ties between equal priorities). */
  reordered: z.boolean(),
});
export type RuleSetDiff = z.infer<typeof ruleSetDiffSchema>;

/** What changes from one rule set to the next, rule by rule (matched by id): the audit trail's "diff". */
export function diffRuleSets(previous: RuleSet | null, next: RuleSet): RuleSetDiff {
  const previousRules = new Map((previous?.rules ?? []).map((rule) => [rule.id, rule]));
  const nextIds = new Set(next.rules.map((rule) => rule.id));
  const diff: RuleSetDiff = {
    workingScheduleChanged: previous !== null && !sameJson(previous.workingSchedule, next.workingSchedule),
    added: [],
    removed: [],
    changed: [],
    reordered: false,
  };
  if (previous && previous.fallbackQueue !== next.fallbackQueue) {
    diff.fallbackQueue = { from: previous.fallbackQueue, to: next.fallbackQueue };
  }
  for (const rule of next.rules) {
    const before = previousRules.get(rule.id);
    if (!before) {
      diff.added.push({ ruleId: rule.id, ruleName: rule.name });
      continue;
    }
    const fields = ruleFields.filter((field) => !sameJson(before[field], rule[field]));
    if (fields.length > 0) diff.changed.push({ ruleId: rule.id, ruleName: rule.name, fields });
  }
  for (const rule of previous?.rules ?? []) {
    if (!nextIds.has(rule.id)) diff.removed.push({ ruleId: rule.id, ruleName: rule.name });
  }
  const keptBefore = (previous?.rules ?? []).map((rule) => rule.id).filter((id) => nextIds.has(id));
  const keptAfter = next.rules.map((rule) => rule.id).filter((id) => previousRules.has(id));
  diff.reordered = keptBefore.some((id, index) => keptAfter[index] !== id);
  return diff;
}

export function isEmptyDiff(diff: RuleSetDiff): boolean {
  return (
    !diff.fallbackQueue &&
    !diff.workingScheduleChanged &&
    !diff.reordered &&
    diff.added.length + diff.removed.length + diff.changed.length === 0
  );
}

/** Structural equality, blind to key order: an editor that rewrites `{kind, op}` as `{op, kind}` changed nothing. */
function sameJson(left: unknown, right: unknown): boolean {
  return JSON.stringify(canonical(left)) === JSON.stringify(canonical(right));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}
