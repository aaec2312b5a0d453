import { compileCondition, CompiledCondition, newCompilationContext } from './compile-condition';
import type { KeywordIndex } from './keyword-index';
import { Action, Rule, RuleSet, ruleSetSchema } from './rule-schema';
import { InvalidRuleSetError } from './rule-set-problem';
import { schemaProblems } from './schema-problems';
import { CompiledWorkingSchedule, compileWorkingSchedule, mairieWorkingSchedule } from './working-schedule';

export interface CompiledRule {
  readonly id: string;
  readonly name: string;
  readonly stop: boolean;
  readonly condition: CompiledCondition;
  readonly actions: readonly Action[];
  /** The communes a commune's rule applies to; null for a rule of the whole service. */
  readonly communes: ReadonlySet<string> | null;
}

/** A rule set ready to evaluate: enabled rules in evaluation order, conditions turned into closures. */
export class CompiledRuleSet {
  constructor(
    readonly source: RuleSet,
    readonly rules: readonly CompiledRule[],
    readonly schedule: CompiledWorkingSchedule,
    readonly keywords: KeywordIndex,
    /** Per commune, the service's rules its own rules replace (see Rule.replaces). */
    readonly replacedFor: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
  ) {}

  /** Whether a rule applies to a request of `commune`: the service's rules unless replaced there, a commune's in it. */
  appliesTo(rule: CompiledRule, commune: string | undefined): boolean {
    if (rule.communes) return commune !== undefined && rule.communes.has(commune);
    return commune === undefined || !this.replacedFor.get(commune)?.has(rule.id);
  }

  get fallbackQueue(): string {
    return this.source.fallbackQueue;
  }
}

/** Priority descending; equal priorities keep their position in the list. */
export function evaluationOrder<R extends Pick<Rule, 'priority'>>(rules: readonly R[]): R[] {
  return rules
    .map((rule, position) => ({ rule, position }))
    .sort((left, right) => right.rule.priority - left.rule.priority || left.position - right.position)
    .map(({ rule }) => rule);
}

/**
 * Checks the rule set against its schema (which also refuses unsafe regexes) and compiles it once; throws
 * InvalidRuleSetError with French messages otherwise. Queue ids and rule consistency are validateRuleSet's job,
 * run when a draft is saved.
 */
export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  const parsed = ruleSetSchema.safeParse(ruleSet);
  if (!parsed.success) throw new InvalidRuleSetError(schemaProblems(parsed.error.issues, ruleSet));
  const source = parsed.data;
  const context = newCompilationContext();
  const rules = evaluationOrder(source.rules.filter((rule) => rule.enabled)).map((rule): CompiledRule => ({
    id: rule.id,
    name: rule.name,
    stop: rule.stop,
    condition: compileCondition(rule.when, context),
    actions: Object.freeze(rule.then),
    communes: rule.communes ? new Set(rule.communes) : null,
  }));
  const schedule = compileWorkingSchedule(source.workingSchedule ?? mairieWorkingSchedule);
  return new CompiledRuleSet(source, rules, schedule, context.keywords, replacedRules(source));
}

function replacedRules(ruleSet: RuleSet): Map<string, Set<string>> {
  const replaced = new Map<string, Set<string>>();
  for (const rule of ruleSet.rules) {
    if (!rule.enabled || !rule.replaces) continue;
    for (const commune of rule.communes ?? []) replaced.set(commune, (replaced.get(commune) ?? new Set()).add(rule.replaces));
  }
  return replaced;
}
