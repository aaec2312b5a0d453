import { CompiledRuleSet, compileRuleSet, evaluateRules } from '../../routing-rules/evaluate-rules';
import type { RoutingDecision } from '../../routing-rules/routing-decision';
import type { RoutingInput } from '../../routing-rules/routing-input';
import type { RuleSet } from '../../routing-rules/rule-schema';
import type { CompiledWorkingSchedule } from '../../routing-rules/working-schedule';

export interface VersionedDecision {
  decision: RoutingDecision;
  ruleSetVersion: number;
}

/**
 * The published rule set, compiled once per publication. Routing reads it synchronously; publishing swaps it in
 * one assignment, so a request is always routed by one whole version, never a mix of two.
 */
export class ActiveRuleSet {
  private current: { version: number; compiled: CompiledRuleSet };

  /** `evaluationBudgetMs`: how long routing one request may take (see evaluateRules). */
  constructor(
    version: number,
    ruleSet: RuleSet,
    readonly evaluationBudgetMs: number,
  ) {
    this.current = { version, compiled: compileRuleSet(ruleSet) };
  }

  /** Compiled by the caller before the publication is written, so that what is stored is known to compile. */
  replace(version: number, compiled: CompiledRuleSet): void {
    this.current = { version, compiled };
  }

  get version(): number {
    return this.current.version;
  }

  get compiled(): CompiledRuleSet {
    return this.current.compiled;
  }

  /** `schedule`: the working time of the request's commune (see EvaluationOptions). */
  decide(input: RoutingInput, schedule?: CompiledWorkingSchedule): VersionedDecision {
    const { version, compiled } = this.current;
    return { decision: evaluateRules(compiled, input, { budgetMs: this.evaluationBudgetMs, schedule }), ruleSetVersion: version };
  }
}
