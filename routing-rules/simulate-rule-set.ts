import { z } from 'zod';
import { CompiledRuleSet, compileRuleSet, evaluateRules } from './evaluate-rules';
import { routingInputSchema } from './routing-input';
import type { RuleSet } from './rule-schema';

export const simulationInputSchema = z.object({ requestId: z.string(), input: routingInputSchema });
export type SimulationInput = z.infer<typeof simulationInputSchema>;

export const simulationResultSchema = z.object({
  before: z.record(z.string(), z.number().int()),
  after: z.record(z.string(), z.number().int()),
  /** Requests the draft sends elsewhere, with the draft rule that routed them (null: its fallback queue). */
  moved: z.array(
    z.object({
      requestId: z.string(),
      from: z.string(),
      to: z.string(),
      ruleId: z.string().nullable(),
      ruleName: z.string().nullable(),
    }),
  ),
});
export type SimulationResult = z.infer<typeof simulationResultSchema>;

/** Replays past requests through the current and the draft rule sets, to show what publishing would change. */
export function simulate(
  current: RuleSet | CompiledRuleSet,
  draft: RuleSet | CompiledRuleSet,
  inputs: readonly SimulationInput[],
): SimulationResult {
  const currentRules = current instanceof CompiledRuleSet ? current : compileRuleSet(current);
  const draftRules = draft instanceof CompiledRuleSet ? draft : compileRuleSet(draft);
  const result: SimulationResult = { before: {}, after: {}, moved: [] };
  for (const { requestId, input } of inputs) {
    const before = evaluateRules(currentRules, input, { trace: 'none' });
    const after = evaluateRules(draftRules, input, { trace: 'none' });
    result.before[before.queue] = (result.before[before.queue] ?? 0) + 1;
    result.after[after.queue] = (result.after[after.queue] ?? 0) + 1;
    if (before.queue !== after.queue) {
      result.moved.push({
        requestId,
        from: before.queue,
        to: after.queue,
        ruleId: after.routedBy?.ruleId ?? null,
        ruleName: after.routedBy?.ruleName ?? null,
      });
    }
  }
  return result;
}
