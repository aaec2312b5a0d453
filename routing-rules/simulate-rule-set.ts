import { z } from 'zod';

import { CompiledRuleSet, compileRuleSet, evaluateRules } from './evaluate-rules';
import type { RoutingDecision } from './routing-decision';
import { routingInputSchema } from './routing-input';
import type { RuleSet } from './rule-schema';

/** A past request to replay; a stored one names its ticket, so that the report can link to it by its reference. */
export const simulationInputSchema = z.object({
  requestId: z.string(),
  reference: z.string().optional(),
  ticketId: z.string().optional(),
  input: routingInputSchema,
});
export type SimulationInput = z.infer<typeof simulationInputSchema>;

/** What the rules decide for a request, beyond its queue: each one compared, as text, before and after. */
export const simulatedEffects = ['queue', 'priority', 'dueAt', 'acknowledgement', 'tags', 'assignment', 'escalation', 'webhooks'] as const;
export type SimulatedEffect = (typeof simulatedEffects)[number];

const requestOfSimulation = { requestId: z.string(), reference: z.string().optional(), ticketId: z.string().optional() };

export const simulationResultSchema = z.object({
  before: z.record(z.string(), z.number().int()),
  after: z.record(z.string(), z.number().int()),
  /**
   * Requests the draft sends elsewhere, with the draft rule that routed (or split) them (null: its fallback queue).
   * `fromSplit`/`toSplit`: the queues of the tickets a split makes, when that rule set splits the request.
   */
  moved: z.array(
    z.object({
      ...requestOfSimulation,
      from: z.string(),
      to: z.string(),
      fromSplit: z.array(z.string()).optional(),
      toSplit: z.array(z.string()).optional(),
      ruleId: z.string().nullable(),
      ruleName: z.string().nullable(),
    }),
  ),
  /**
   * Requests for which the draft decides anything differently (queue, priority, due date, acknowledgement, tags,
   * assignment, escalation, webhooks), each difference with its value before and after (null: none).
   */
  changed: z.array(
    z.object({
      ...requestOfSimulation,
      changes: z.array(z.object({ effect: z.enum(simulatedEffects), before: z.string().nullable(), after: z.string().nullable() })),
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
  const result: SimulationResult = { before: {}, after: {}, moved: [], changed: [] };
  for (const { requestId, reference, ticketId, input } of inputs) {
    const request = { requestId, ...(reference ? { reference } : {}), ...(ticketId ? { ticketId } : {}) };
    const before = evaluateRules(currentRules, input, { trace: 'none', budgetMs: options.budgetMs });
    const after = evaluateRules(draftRules, input, { trace: 'none', budgetMs: options.budgetMs });
    const [queuesBefore, queuesAfter] = [ticketQueues(before), ticketQueues(after)];
    for (const queue of queuesBefore) result.before[queue] = (result.before[queue] ?? 0) + 1;
    for (const queue of queuesAfter) result.after[queue] = (result.after[queue] ?? 0) + 1;
    if (queuesBefore.join() !== queuesAfter.join()) {
      const responsible = after.split ?? after.routedBy;
      result.moved.push({
        ...request,
        from: before.queue,
        to: after.queue,
        ...(before.split ? { fromSplit: queuesBefore } : {}),
        ...(after.split ? { toSplit: queuesAfter } : {}),
        ruleId: responsible?.ruleId ?? null,
        ruleName: responsible?.ruleName ?? null,
      });
    }
    const [effectsBefore, effectsAfter] = [effectsOf(before), effectsOf(after)];
    const changes = simulatedEffects
      .filter((effect) => effectsBefore[effect] !== effectsAfter[effect])
      .map((effect) => ({ effect, before: effectsBefore[effect], after: effectsAfter[effect] }));
    if (changes.length > 0) result.changed.push({ ...request, changes });
  }
  return result;
}

/** Each effect of a decision as comparable text; null where the decision sets none. */
function effectsOf(decision: RoutingDecision): Record<SimulatedEffect, string | null> {
  const list = (values: readonly string[]) => (values.length > 0 ? [...values].sort().join(', ') : null);
  return {
    queue: ticketQueues(decision).join(', '),
    priority: decision.priority,
    dueAt: decision.sla?.dueAt.toISOString() ?? null,
    acknowledgement: decision.acknowledgementTemplate ?? null,
    tags: list(decision.tags),
    assignment: decision.assignment?.strategy ?? null,
    escalation: decision.escalateTo ?? null,
    webhooks: list(decision.webhooks.map((webhook) => webhook.url)),
  };
}

/** The queue of each ticket the decision makes: one per part of a split request, else the decided queue. */
function ticketQueues(decision: RoutingDecision): string[] {
  return decision.split ? decision.split.parts.map((part) => part.queue) : [decision.queue];
}
