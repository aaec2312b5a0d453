import { z } from 'zod';

import { classificationInputSchema } from '../classifiers/classification';
import { entityTypes } from '../classifiers/entities/entity';
import { hasFoldedContent } from './keyword-index';
import { regexProblem } from './regex-safety';
import { slaSchema } from './sla';
import { isoDateSchema, weekdaySchema, workingScheduleSchema } from './working-schedule';

const nonEmptyText = z.string().trim().min(1);
const nonEmptyTextList = z.array(nonEmptyText).min(1);

export const numericOperators = ['lt', 'lte', 'gt', 'gte', 'eq'] as const;
const numericOperatorSchema = z.enum(numericOperators);
export type NumericOperator = z.infer<typeof numericOperatorSchema>;

export const textFields = ['subject', 'text', 'subjectOrText'] as const;
const textFieldSchema = z.enum(textFields);

const regexFields = { pattern: z.string().min(1), flags: z.string().optional() };
/** Patterns are refused when unsafe (see regex-safety), so that evaluation can trust them. */
function rejectUnsafeRegex(leaf: { pattern: string; flags?: string }, context: z.RefinementCtx): void {
  const problem = regexProblem(leaf.pattern, leaf.flags);
  if (problem) context.addIssue({ code: 'custom', message: problem, path: ['pattern'] });
}

/** `equals` one value or `in` a list, for a string-valued fact of the request. */
function stringMatchLeaf<Kind extends string, Value extends z.ZodType<string>>(kind: Kind, value: Value) {
  return z.discriminatedUnion('op', [
    z.strictObject({ kind: z.literal(kind), op: z.literal('equals'), value }),
    z.strictObject({ kind: z.literal(kind), op: z.literal('in'), values: z.array(value).min(1) }),
  ]);
}

const channelSchema = classificationInputSchema.shape.channel;
const entityTypeSchema = z.enum(entityTypes);

const entityLeafSchema = z.discriminatedUnion('op', [
  z.strictObject({ kind: z.literal('entity'), entityType: entityTypeSchema, op: z.literal('present') }),
  z.strictObject({ kind: z.literal('entity'), entityType: entityTypeSchema, op: z.literal('equals'), value: nonEmptyText }),
  z.strictObject({ kind: z.literal('entity'), entityType: entityTypeSchema, op: z.literal('in'), values: nonEmptyTextList }),
  z
    .strictObject({ kind: z.literal('entity'), entityType: entityTypeSchema, op: z.literal('matches'), ...regexFields })
    .superRefine(rejectUnsafeRegex),
  z.strictObject({ kind: z.literal('entity'), entityType: entityTypeSchema, op: numericOperatorSchema, value: z.number() }),
]);

/** Facts about one request that a rule can test. */
export const leafConditionSchema = z.discriminatedUnion('kind', [
  stringMatchLeaf('queue', nonEmptyText),
  stringMatchLeaf('intent', nonEmptyText),
  z.strictObject({ kind: z.literal('confidence'), op: numericOperatorSchema, value: z.number().min(0).max(1) }),
  stringMatchLeaf('language', nonEmptyText),
  stringMatchLeaf('channel', channelSchema),
  entityLeafSchema,
  stringMatchLeaf('senderEmail', nonEmptyText),
  /** Also matches subdomains: "gouv.fr" covers "interieur.gouv.fr". */
  stringMatchLeaf('senderDomain', nonEmptyText),
  z.strictObject({
    kind: z.literal('keywords'),
    field: textFieldSchema,
    words: z.array(nonEmptyText.refine(hasFoldedContent, { message: 'un mot-clé doit contenir des lettres ou des chiffres' })).min(1),
    match: z.enum(['any', 'all']),
  }),
  z.strictObject({ kind: z.literal('regex'), field: textFieldSchema, ...regexFields }).superRefine(rejectUnsafeRegex),
  z.strictObject({ kind: z.literal('attachmentCount'), op: numericOperatorSchema, value: z.number().int().min(0) }),
  z
    .strictObject({
      kind: z.literal('attachmentType'),
      contentTypes: z.array(nonEmptyText).optional(),
      extensions: z.array(nonEmptyText).optional(),
    })
    .refine((leaf) => (leaf.contentTypes?.length ?? 0) + (leaf.extensions?.length ?? 0) > 0, {
      message: 'indiquez au moins un type de contenu ou une extension',
    }),
  /** Within the rule set's working schedule (public holidays and closed dates count as closed). */
  z.strictObject({ kind: z.literal('officeHours') }),
  z.strictObject({ kind: z.literal('weekday'), days: z.array(weekdaySchema).min(1) }),
  z
    .strictObject({ kind: z.literal('receivedBetween'), from: isoDateSchema.optional(), to: isoDateSchema.optional() })
    .refine((leaf) => leaf.from !== undefined || leaf.to !== undefined, { message: 'indiquez une date de début ou de fin' })
    .refine((leaf) => leaf.from === undefined || leaf.to === undefined || leaf.from <= leaf.to, {
      message: 'la date de début doit précéder la date de fin',
    }),
]);
export type LeafCondition = z.infer<typeof leafConditionSchema>;

/** `all` of no condition is always true: the way to write an unconditional rule. */
export const conditionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('all'),
    get conditions() {
      return z.array(conditionSchema);
    },
  }),
  z.strictObject({
    kind: z.literal('any'),
    get conditions() {
      return z.array(conditionSchema);
    },
  }),
  z.strictObject({
    kind: z.literal('not'),
    get condition() {
      return conditionSchema;
    },
  }),
  leafConditionSchema,
]);
export type Condition = z.infer<typeof conditionSchema>;

export const priorityLevels = ['low', 'normal', 'high', 'urgent'] as const;
export const priorityLevelSchema = z.enum(priorityLevels);
export type PriorityLevel = z.infer<typeof priorityLevelSchema>;

export const assignmentStrategies = ['round-robin', 'least-loaded'] as const;
export const assignmentStrategySchema = z.enum(assignmentStrategies);
export type AssignmentStrategy = z.infer<typeof assignmentStrategySchema>;

/**
 * Personal data a webhook may carry, each one opted into by name in the rule; without them a call carries ids,
 * reference, queue, intent, priority and dates only.
 */
export const webhookPersonalFields = ['requesterName', 'requesterEmail', 'requesterPhone', 'subject', 'text'] as const;
export type WebhookPersonalField = (typeof webhookPersonalFields)[number];

const tagSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'étiquette en minuscules, chiffres et tirets');

export const actionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('route'), queue: nonEmptyText }),
  /** The queue the classifier chose, whatever it is. */
  z.strictObject({ type: z.literal('routeToPredictedQueue') }),
  z.strictObject({ type: z.literal('setPriority'), priority: priorityLevelSchema }),
  z.strictObject({ type: z.literal('addTags'), tags: z.array(tagSchema).min(1) }),
  /** Only a request: the caller picks the agent with chooseAssignee. */
  z.strictObject({ type: z.literal('assign'), strategy: assignmentStrategySchema }),
  z.strictObject({ type: z.literal('acknowledge'), templateId: nonEmptyText }),
  z.strictObject({
    type: z.literal('webhook'),
    url: z.url({ protocol: /^https?$/, error: 'adresse web http(s) attendue' }),
    secretRef: nonEmptyText.optional(),
    personalFields: z.array(z.enum(webhookPersonalFields)).optional(),
  }),
  z.strictObject({ type: z.literal('setSla'), sla: slaSchema }),
  /** Hand the request over to this queue if it is still open at its due date. */
  z.strictObject({ type: z.literal('escalate'), queue: nonEmptyText }),
  /**
   * A message holding requests for several services (classification parts) becomes one ticket per part, in that
   * part's queue; the other actions apply to every one of them. No effect on a message without parts.
   */
  z.strictObject({ type: z.literal('split') }),
]);
export type Action = z.infer<typeof actionSchema>;

const ruleIdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'identifiant en minuscules, chiffres et tirets');

export const ruleSchema = z.strictObject({
  id: ruleIdSchema,
  name: nonEmptyText.max(120),
  /** Higher first; equal priorities keep their order in the list. */
  priority: z.number().int(),
  enabled: z.boolean(),
  when: conditionSchema,
  then: z.array(actionSchema),
  /** Ends the evaluation once this rule has matched and applied its actions. */
  stop: z.boolean(),
  /**
   * The level the rule comes from: absent, the whole service's (its EPCI's), for every commune; with INSEE codes, the
   * rule of those communes only, applied to their requests alone.
   */
  communes: z
    .array(z.string().regex(/^(?:\d{5}|2[AB]\d{3})$/, 'code INSEE de commune (cinq caractères)'))
    .min(1)
    .max(500)
    .optional(),
  /** A commune's rule that stands in, for its communes, for the service's rule with this id (which then skips them). */
  replaces: ruleIdSchema.optional(),
});
export type Rule = z.infer<typeof ruleSchema>;

export const ruleSetSchema = z.strictObject({
  version: z.string().min(1).optional(),
  /** Where a request goes when no matching rule routed it. */
  fallbackQueue: nonEmptyText,
  /** Defaults to the town hall's hours in Europe/Paris (mairieWorkingSchedule). */
  workingSchedule: workingScheduleSchema.optional(),
  rules: z.array(ruleSchema),
});
export type RuleSet = z.infer<typeof ruleSetSchema>;
