import { CompiledRuleSet, compileRuleSet } from './compile-rule-set';
import { EvaluationBudget, EvaluationBudgetExceeded, noBudget } from './evaluation-budget';
import { RequestFacts } from './request-facts';
import type { ConditionTraceEntry, RoutingDecision, RuleTrace, WebhookCall } from './routing-decision';
import type { RoutingInput } from './routing-input';
import type { Action, PriorityLevel, RuleSet } from './rule-schema';
import { computeDueDate, Sla } from './sla';
import type { CompiledWorkingSchedule } from './working-schedule';

export { CompiledRuleSet, compileRuleSet } from './compile-rule-set';

export interface EvaluationOptions {
  /** `all` (default): every evaluated rule; `matched`: only rules that applied; `none`: no trace (simulation). */
  trace?: 'all' | 'matched' | 'none';
  /** Milliseconds the whole evaluation may take; past it the request goes to the fallback queue. None by default. */
  budgetMs?: number;
  /** Monotonic milliseconds for the budget; `performance.now` unless a test passes its own. */
  clock?: () => number;
  /**
   * The opening hours, time zone and public holidays of the commune the request was written to: what "out of
   * hours" conditions and working-time SLAs count in. The rule set's own schedule otherwise.
   */
  schedule?: CompiledWorkingSchedule;
}

const compiledRuleSets = new WeakMap<RuleSet, CompiledRuleSet>();

/**
 * Runs the rules in priority order. A matching rule applies its actions: route, priority, assignment,
 * acknowledgement, SLA, escalation and split overwrite what earlier rules set, tags and webhooks add up; a matching
 * rule with `stop` ends the evaluation. The fallback queue applies when no matching rule routed the request.
 * A raw rule set is compiled on first use and cached by identity: treat it as immutable, or pass a compiled one.
 * An evaluation past its time budget is dropped whole: the request goes to the fallback queue, with the trace so far
 * and an entry saying why.
 */
export function evaluateRules(ruleSet: RuleSet | CompiledRuleSet, input: RoutingInput, options: EvaluationOptions = {}): RoutingDecision {
  const compiled = ruleSet instanceof CompiledRuleSet ? ruleSet : compiledFor(ruleSet);
  const traceMode = options.trace ?? 'all';
  const budget =
    options.budgetMs === undefined ? noBudget : new EvaluationBudget(options.budgetMs, options.clock ?? (() => performance.now()));
  const schedule = options.schedule ?? compiled.schedule;
  const facts = new RequestFacts(input, schedule, compiled.keywords, budget);
  const outcome = new DecisionUnderConstruction(input);
  const trace: RuleTrace[] = [];
  const matchedRuleIds: string[] = [];

  /** One buffer for the whole request, each rule taking its slice: cheaper than an array grown per rule. */
  const conditionTraces: ConditionTraceEntry[] | undefined = traceMode === 'none' ? undefined : [];
  for (const rule of compiled.rules) {
    if (!compiled.appliesTo(rule, input.commune)) continue;
    const start = conditionTraces?.length ?? 0;
    let matched: boolean;
    try {
      budget.check();
      matched = rule.condition.test(facts, conditionTraces);
    } catch (error) {
      if (!(error instanceof EvaluationBudgetExceeded)) throw error;
      return interruptedDecision(compiled, rule, error, conditionTraces ? trace : undefined);
    }
    if (matched) {
      matchedRuleIds.push(rule.id);
      for (const action of rule.actions) outcome.apply(action, rule);
    }
    if (conditionTraces && (matched || traceMode === 'all')) {
      trace.push({
        ruleId: rule.id,
        ruleName: rule.name,
        matched,
        conditionTrace: conditionTraces.slice(start),
        actionsApplied: matched ? [...rule.actions] : [],
      });
    } else if (conditionTraces) {
      conditionTraces.length = start;
    }
    if (matched && rule.stop) break;
  }

  return outcome.finish(compiled, schedule, matchedRuleIds, trace);
}

/** Nothing the rules decided so far is kept: a half-evaluated rule set could send a webhook or skip a `stop`. */
function interruptedDecision(
  compiled: CompiledRuleSet,
  rule: { id: string; name: string },
  exceeded: EvaluationBudgetExceeded,
  trace: RuleTrace[] | undefined,
): RoutingDecision {
  const explanation =
    `évaluation interrompue : ${exceeded.elapsedMs} ms écoulées pour un budget de ${exceeded.budgetMs} ms ; ` +
    `la demande va en file de repli (${compiled.fallbackQueue}) sans les actions des règles`;
  return {
    queue: compiled.fallbackQueue,
    routedBy: null,
    priority: 'normal',
    tags: [],
    webhooks: [],
    matchedRuleIds: [],
    trace: trace
      ? [
          ...trace,
          {
            ruleId: rule.id,
            ruleName: rule.name,
            matched: false,
            conditionTrace: [{ condition: explanation, matched: false }],
            actionsApplied: [],
          },
        ]
      : [],
    fellBack: true,
    interrupted: { ruleId: rule.id, elapsedMs: exceeded.elapsedMs, budgetMs: exceeded.budgetMs },
  };
}

function compiledFor(ruleSet: RuleSet): CompiledRuleSet {
  let compiled = compiledRuleSets.get(ruleSet);
  if (!compiled) {
    compiled = compileRuleSet(ruleSet);
    compiledRuleSets.set(ruleSet, compiled);
  }
  return compiled;
}

class DecisionUnderConstruction {
  private queue?: string;
  private routedBy: RoutingDecision['routedBy'] = null;
  private priority: PriorityLevel = 'normal';
  private readonly tags = new Set<string>();
  private assignment?: RoutingDecision['assignment'];
  private acknowledgementTemplate?: string;
  private readonly webhooks = new Map<string, WebhookCall>();
  private sla?: Sla;
  private escalateTo?: string;
  private splitBy?: { ruleId: string; ruleName: string };

  constructor(private readonly input: RoutingInput) {}

  apply(action: Action, rule: { id: string; name: string }): void {
    switch (action.type) {
      case 'route':
        this.routeTo(action.queue, rule);
        return;
      case 'routeToPredictedQueue':
        this.routeTo(this.input.classification.queue, rule);
        return;
      case 'setPriority':
        this.priority = action.priority;
        return;
      case 'addTags':
        for (const tag of action.tags) this.tags.add(tag);
        return;
      case 'assign':
        this.assignment = { strategy: action.strategy };
        return;
      case 'acknowledge':
        this.acknowledgementTemplate = action.templateId;
        return;
      case 'webhook':
        this.webhooks.set(action.url, {
          url: action.url,
          ...(action.secretRef ? { secretRef: action.secretRef } : {}),
          ...(action.personalFields?.length ? { personalFields: [...new Set(action.personalFields)] } : {}),
        });
        return;
      case 'setSla':
        this.sla = action.sla;
        return;
      case 'escalate':
        this.escalateTo = action.queue;
        return;
      case 'split':
        this.splitBy = { ruleId: rule.id, ruleName: rule.name };
        return;
    }
  }

  private routeTo(queue: string, rule: { id: string; name: string }): void {
    this.queue = queue;
    this.routedBy = { ruleId: rule.id, ruleName: rule.name };
  }

  finish(compiled: CompiledRuleSet, schedule: CompiledWorkingSchedule, matchedRuleIds: string[], trace: RuleTrace[]): RoutingDecision {
    const decision: RoutingDecision = {
      queue: this.queue ?? compiled.fallbackQueue,
      routedBy: this.routedBy,
      priority: this.priority,
      tags: [...this.tags],
      webhooks: [...this.webhooks.values()],
      matchedRuleIds,
      trace,
      fellBack: this.queue === undefined,
    };
    if (this.assignment) decision.assignment = this.assignment;
    if (this.acknowledgementTemplate) decision.acknowledgementTemplate = this.acknowledgementTemplate;
    if (this.sla) {
      decision.sla = { ...this.sla, dueAt: computeDueDate(this.input.receivedAt, this.sla, schedule) };
    }
    if (this.escalateTo) decision.escalateTo = this.escalateTo;
    const parts = this.input.classification.parts;
    if (this.splitBy && parts && parts.length >= 2) decision.split = { ...this.splitBy, parts };
    return decision;
  }
}
