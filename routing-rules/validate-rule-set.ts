import { defaultTaxonomy, queueIds } from '../classifiers/taxonomy/taxonomy';
import { evaluationOrder } from './compile-rule-set';
import { analyseCondition } from './condition-analysis';
import { Condition, Rule, RuleSet, ruleSetSchema } from './rule-schema';
import type { RuleSetProblem } from './rule-set-problem';
import { describeRule, schemaProblems } from './schema-problems';

export interface ValidationOptions {
  /** Queues a rule may name; the taxonomy's queues by default. */
  knownQueueIds?: readonly string[];
  /** Communes a commune's rule may name (INSEE codes); not checked when absent. */
  knownCommunes?: readonly string[];
}

/**
 * Everything wrong with a draft rule set, in French: schema errors located by rule name, duplicate ids, identical
 * rules, unknown queues, conditions that can never hold (errors), rules that can never be reached or do nothing
 * (warnings). An empty list means the draft can be published as is.
 */
export function validateRuleSet(draft: unknown, options: ValidationOptions = {}): RuleSetProblem[] {
  const duplicates = duplicateRuleIds(draft);
  const parsed = ruleSetSchema.safeParse(draft);
  if (!parsed.success) return [...schemaProblems(parsed.error.issues, draft), ...duplicates];
  const ruleSet = parsed.data;
  return [
    ...duplicates,
    ...identicalRules(ruleSet),
    ...unknownQueues(ruleSet, options.knownQueueIds ?? queueIds),
    ...ruleSet.rules.flatMap((rule, index) => impossibleCondition(rule, index)),
    ...ruleSet.rules.flatMap((rule, index) => ruleWithoutEffect(rule, index)),
    ...unreachableRules(ruleSet),
    ...escalationsWithoutSla(ruleSet),
    ...ruleSet.rules.flatMap((rule, index) => splitThatNeverApplies(rule, index)),
    ...ruleSet.rules.flatMap((rule, index) => levelProblems(ruleSet, rule, index, options.knownCommunes)),
  ];
}

/** A commune's rule names communes the service has, and replaces, if anything, a rule of the whole service. */
function levelProblems(ruleSet: RuleSet, rule: Rule, index: number, knownCommunes: readonly string[] | undefined): RuleSetProblem[] {
  const problems: RuleSetProblem[] = [];
  const unknown = knownCommunes ? (rule.communes ?? []).filter((commune) => !knownCommunes.includes(commune)) : [];
  if (unknown.length > 0) {
    problems.push({
      severity: 'error',
      code: 'unknown-commune',
      ruleId: rule.id,
      path: ['rules', index, 'communes'],
      message: `${describeRule(rule, index)} : commune inconnue de ce service (${unknown.join(', ')}).`,
    });
  }
  if (rule.replaces === undefined) return problems;
  const replaced = ruleSet.rules.find((other) => other.id === rule.replaces);
  if (!rule.communes) {
    problems.push({
      severity: 'error',
      code: 'replacement-without-communes',
      ruleId: rule.id,
      path: ['rules', index, 'replaces'],
      message: `${describeRule(rule, index)} : seule une règle propre à des communes peut remplacer une règle du service.`,
    });
  } else if (!replaced || replaced.communes) {
    problems.push({
      severity: 'error',
      code: 'unknown-replaced-rule',
      ruleId: rule.id,
      path: ['rules', index, 'replaces'],
      message: `${describeRule(rule, index)} : « ${rule.replaces} » n'est pas une règle du service (commune à toutes les communes) qu'elle pourrait remplacer.`,
    });
  }
  return problems;
}

function duplicateRuleIds(draft: unknown): RuleSetProblem[] {
  const rules = typeof draft === 'object' && draft !== null ? (draft as { rules?: unknown }).rules : undefined;
  if (!Array.isArray(rules)) return [];
  const firstIndexById = new Map<string, number>();
  const problems: RuleSetProblem[] = [];
  rules.forEach((rule: unknown, index) => {
    const id = typeof rule === 'object' && rule !== null ? (rule as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') return;
    const firstIndex = firstIndexById.get(id);
    if (firstIndex === undefined) {
      firstIndexById.set(id, index);
      return;
    }
    problems.push({
      severity: 'error',
      code: 'duplicate-rule-id',
      message:
        `${describeRule(rule, index)} : l'identifiant « ${id} » est déjà utilisé ` +
        `par la ${lowerFirst(describeRule(rules[firstIndex], firstIndex))}.`,
      ruleId: id,
      path: ['rules', index, 'id'],
    });
  });
  return problems;
}

/**
 * An enabled rule with the same conditions, actions and stop as an earlier enabled one: it only hides the rule set's
 * meaning. Parsed rules list their fields in the schema's order, so their JSON compares them.
 */
function identicalRules(ruleSet: RuleSet): RuleSetProblem[] {
  const firstIndexByEffect = new Map<string, number>();
  return ruleSet.rules.flatMap((rule, index): RuleSetProblem[] => {
    if (!rule.enabled) return [];
    const effect = JSON.stringify([rule.when, rule.then, rule.stop]);
    const firstIndex = firstIndexByEffect.get(effect);
    if (firstIndex === undefined) {
      firstIndexByEffect.set(effect, index);
      return [];
    }
    return [
      {
        severity: 'error',
        code: 'duplicate-rule',
        message:
          `${describeRule(rule, index)} : mêmes conditions, mêmes actions et même arrêt que la ${lowerFirst(describeRule(ruleSet.rules[firstIndex], firstIndex))} ; ` +
          'elle ne changerait rien. Supprimez l’une des deux ou modifiez-la.',
        ruleId: rule.id,
        path: ['rules', index],
      },
    ];
  });
}

function unknownQueues(ruleSet: RuleSet, knownQueueIds: readonly string[]): RuleSetProblem[] {
  const known = new Set(knownQueueIds);
  const knownList = `Files connues : ${knownQueueIds.join(', ')}.`;
  const problems: RuleSetProblem[] = [];
  if (!known.has(ruleSet.fallbackQueue)) {
    problems.push({
      severity: 'error',
      code: 'unknown-queue',
      message: `File de repli : la file « ${ruleSet.fallbackQueue} » n'existe pas. ${knownList}`,
      path: ['fallbackQueue'],
    });
  }
  ruleSet.rules.forEach((rule, index) => {
    const where = describeRule(rule, index);
    rule.then.forEach((action, actionIndex) => {
      if ((action.type === 'route' || action.type === 'escalate') && !known.has(action.queue)) {
        problems.push({
          severity: 'error',
          code: 'unknown-queue',
          message: `${where}, action ${actionIndex + 1} : la file « ${action.queue} » n'existe pas. ${knownList}`,
          ruleId: rule.id,
          path: ['rules', index, 'then', actionIndex, 'queue'],
        });
      }
    });
    for (const { queue, path } of queuesTestedBy(rule.when, ['rules', index, 'when'])) {
      if (known.has(queue)) continue;
      problems.push({
        severity: 'error',
        code: 'unknown-queue',
        message: `${where}, condition : la file « ${queue} » n'existe pas. ${knownList}`,
        ruleId: rule.id,
        path,
      });
    }
  });
  return problems;
}

function queuesTestedBy(condition: Condition, path: (string | number)[]): { queue: string; path: (string | number)[] }[] {
  switch (condition.kind) {
    case 'all':
    case 'any':
      return condition.conditions.flatMap((child, index) => queuesTestedBy(child, [...path, 'conditions', index]));
    case 'not':
      return queuesTestedBy(condition.condition, [...path, 'condition']);
    case 'queue':
      return condition.op === 'equals'
        ? [{ queue: condition.value, path: [...path, 'value'] }]
        : condition.values.map((queue, index) => ({ queue, path: [...path, 'values', index] }));
    default:
      return [];
  }
}

function impossibleCondition(rule: Rule, index: number): RuleSetProblem[] {
  const reason = analyseCondition(rule.when).neverTrueBecause;
  if (reason === undefined) return [];
  return [
    {
      severity: 'error',
      code: 'contradiction',
      message: `${describeRule(rule, index)} ne peut jamais s'appliquer : ${reason}.`,
      ruleId: rule.id,
      path: ['rules', index, 'when'],
    },
  ];
}

function ruleWithoutEffect(rule: Rule, index: number): RuleSetProblem[] {
  if (rule.then.length > 0 || rule.stop) return [];
  return [
    {
      severity: 'warning',
      code: 'no-effect',
      message: `${describeRule(rule, index)} n'a aucune action et n'arrête pas l'évaluation : elle est sans effet.`,
      ruleId: rule.id,
      path: ['rules', index, 'then'],
    },
  ];
}

/** Rules placed after an enabled rule that always applies and stops the evaluation. */
function unreachableRules(ruleSet: RuleSet): RuleSetProblem[] {
  const ordered = evaluationOrder(
    ruleSet.rules.map((rule, index) => ({ rule, index, priority: rule.priority })).filter(({ rule }) => rule.enabled),
  );
  const blockerPosition = ordered.findIndex(({ rule }) => rule.stop && analyseCondition(rule.when).alwaysTrue);
  if (blockerPosition < 0) return [];
  const blocker = ordered[blockerPosition];
  return ordered.slice(blockerPosition + 1).map(({ rule, index }) => ({
    severity: 'warning',
    code: 'unreachable-rule',
    message:
      `${describeRule(rule, index)} ne sera jamais évaluée : la ${lowerFirst(describeRule(blocker.rule, blocker.index))}, ` +
      `qui s'applique toujours et arrête l'évaluation, passe avant elle (priorité ${blocker.rule.priority} contre ${rule.priority}).`,
    ruleId: rule.id,
    path: ['rules', index],
  }));
}

function escalationsWithoutSla(ruleSet: RuleSet): RuleSetProblem[] {
  const enabled = ruleSet.rules.filter((rule) => rule.enabled);
  if (enabled.some((rule) => rule.then.some((action) => action.type === 'setSla'))) return [];
  return ruleSet.rules.flatMap((rule, index) =>
    rule.enabled && rule.then.some((action) => action.type === 'escalate')
      ? [
          {
            severity: 'warning' as const,
            code: 'escalation-without-sla' as const,
            message:
              `${describeRule(rule, index)} prévoit une escalade, mais aucune règle ne fixe d'échéance : ` +
              "l'escalade ne se déclenchera jamais.",
            ruleId: rule.id,
            path: ['rules', index, 'then'],
          },
        ]
      : [],
  );
}

/**
 * What every message holding several requests looks like to the rules: the classifier files it in the reception
 * queue, with one of that queue's intents (classifiers/classification.ts, `parts`).
 */
const messageWithParts: Condition[] = [
  { kind: 'queue', op: 'equals', value: defaultTaxonomy.fallbackQueue },
  {
    kind: 'intent',
    op: 'in',
    values: defaultTaxonomy.queues.find((queue) => queue.id === defaultTaxonomy.fallbackQueue)?.intents.map((intent) => intent.id) ?? [],
  },
];

/** A split in a rule whose condition excludes every message with parts (an impossible condition is already an error). */
function splitThatNeverApplies(rule: Rule, index: number): RuleSetProblem[] {
  const actionIndex = rule.then.findIndex((action) => action.type === 'split');
  if (actionIndex < 0 || analyseCondition(rule.when).neverTrueBecause !== undefined) return [];
  if (analyseCondition({ kind: 'all', conditions: [rule.when, ...messageWithParts] }).neverTrueBecause === undefined) return [];
  return [
    {
      severity: 'warning',
      code: 'split-never-applies',
      message:
        `${describeRule(rule, index)}, action ${actionIndex + 1} : la scission ne s'appliquera jamais, car la condition de la règle ` +
        `exclut les messages à plusieurs demandes (le classifieur les range dans la file ${defaultTaxonomy.fallbackQueue}, ` +
        'motif « demandes multiples »). Testez plutôt ce motif, ou retirez la condition sur la file prédite.',
      ruleId: rule.id,
      path: ['rules', index, 'then', actionIndex],
    },
  ];
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
