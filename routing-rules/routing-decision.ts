import { z } from 'zod';

import { requestPartSchema } from '../classifiers/classification';
import { actionSchema, assignmentStrategySchema, priorityLevelSchema, webhookPersonalFields } from './rule-schema';
import { slaSchema } from './sla';

/** One tested fact, described in French for the agents, and its outcome. */
export const conditionTraceEntrySchema = z.object({ condition: z.string(), matched: z.boolean() });
export type ConditionTraceEntry = z.infer<typeof conditionTraceEntrySchema>;

export const ruleTraceSchema = z.object({
  ruleId: z.string(),
  ruleName: z.string(),
  matched: z.boolean(),
  /** The facts actually tested, in evaluation order; `all`/`any` stop at the first decisive one. */
  conditionTrace: z.array(conditionTraceEntrySchema),
  actionsApplied: z.array(actionSchema),
});
export type RuleTrace = z.infer<typeof ruleTraceSchema>;

export const webhookCallSchema = z.object({
  url: z.string(),
  secretRef: z.string().optional(),
  personalFields: z.array(z.enum(webhookPersonalFields)).optional(),
});
export type WebhookCall = z.infer<typeof webhookCallSchema>;

export const routingDecisionSchema = z.object({
  queue: z.string(),
  /** The rule whose route action set the queue; null when the fallback queue applied. */
  routedBy: z.object({ ruleId: z.string(), ruleName: z.string() }).nullable(),
  priority: priorityLevelSchema,
  tags: z.array(z.string()),
  /** Ask the caller to pick an agent of `queue` with chooseAssignee. */
  assignment: z.object({ strategy: assignmentStrategySchema }).optional(),
  acknowledgementTemplate: z.string().optional(),
  webhooks: z.array(webhookCallSchema),
  sla: z.object({ ...slaSchema.shape, dueAt: z.date() }).optional(),
  escalateTo: z.string().optional(),
  /**
   * Present when a matching rule split a message holding several requests: one ticket per part, in the part's
   * queue with its intent, instead of one ticket in `queue`.
   */
  split: z.object({ ruleId: z.string(), ruleName: z.string(), parts: z.array(requestPartSchema).min(2) }).optional(),
  matchedRuleIds: z.array(z.string()),
  trace: z.array(ruleTraceSchema),
  fellBack: z.boolean(),
  /** The evaluation ran past its time budget at this rule: the request went to the fallback queue. */
  interrupted: z.object({ ruleId: z.string(), elapsedMs: z.number(), budgetMs: z.number() }).optional(),
});
export type RoutingDecision = z.infer<typeof routingDecisionSchema>;
