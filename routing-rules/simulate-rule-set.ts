import { z } from 'zod';
import { CompiledRuleSet, compileRuleSet, evaluateRules } from './evaluate-rules';
import type { RoutingDecision } from './routing-decision';
import { routingInputSchema } from './routing-input';
import type { RuleSet } from './rule-schema';

export const simulationInputSchema = z.object({ requestId: z.string(), input: routingInputSchema });
export type SimulationInput = z.infer<typeof simulationInputSchema>;

export const simulationResultSchema = z.object({
  before: z.record(z.string(), z.number().int()),
  after: z.record(z.string(), z.number().int()),
  /**
   * Requests the draft sends elsewhere, with the draft rule that routed (or split) them (null: its fallback queue).
   * `fromSplit`/`toSplit`: the queues of the tickets a split makes, when that rule set splits the request.
   */
  moved: z.array(
    z.object({
      requestId: z.string(),
      from: z.string(),
      to: z.string(),
      fromSplit: z.array(z.string()).optional(),
      toSplit: z.array(z.string()).optional(),
      ruleId: z.string().nullable(),
      ruleName: z.string().nullable(),
    }),
  ),
});
export type SimulationResult = z.infer<typeof simulationResultSchema>;

/**
 * Replays past requests through the current and the draft rule sets, to show what publishing would change. Counts
 * are of tickets: a split request counts once in the queue of each of its parts. Each evaluation runs within
 * `budgetMs` when given, as in routing.
 */
export function simulate(
  current: RuleSet | CompiledRuleSet,
  draft: RuleSet | CompiledRuleSet,
  inputs: readonly SimulationInput[],
  options: { budgetMs?: number } = {},
): SimulationResult {
  const currentRules = current instanceof CompiledRuleSet ? current : compileRuleSet(current);
  const draftRules = draft instanceof CompiledRuleSet ? draft : compileRuleSet(draft);
  const result: SimulationResult = { before: {}, after: {}, moved: [] };
  for (const { requestId, input } of inputs) {
    const before = evaluateRules(currentRules, input, { trace: 'none', budgetMs: options.budgetMs });
    const after = evaluateRules(draftRules, input, { trace: 'none', budgetMs: options.budgetMs });
    const [queuesBefore, queuesAfter] = [ticketQueues(before), ticketQueues(after)];
    for (const queue of queuesBefore) result.before[queue] = (result.before[queue] ?? 0) + 1;
    for (const queue of queuesAfter) result.after[queue] = (result.after[queue] ?? 0) + 1;
    if (queuesBefore.join() !== queuesAfter.join()) {
      const responsible = after.split ?? after.routedBy;
      result.moved.push({
        requestId,
        from: before.queue,
        to: after.queue,
        ...(before.split ? { fromSplit: queuesBefore } : {}),
        ...(after.split ? { toSplit: queuesAfter } : {}),
        ruleId: responsible?.ruleId ?? null,
        ruleName: responsible?.ruleName ?? null,
      });
    }
  }
  return result;
}

/** The queue of each ticket the decision makes: one per part of a split request, else the decided queue. */
function ticketQueues(decision: RoutingDecision): string[] {
  return decision.split ? decision.split.parts.map((part) => part.queue) : [decision.queue];
}
