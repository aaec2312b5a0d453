import { diffRuleSets } from './diff-rule-sets';
import type { Rule, RuleSet } from './rule-schema';

/**
 * What a change of the rule set touches beyond the rules of `communes`: the names of the rules added, removed or
 * changed that are not theirs alone (before or after the change), and whether the service's own settings (fallback
 * queue, opening hours) changed. Empty, a commune's supervisor may make the change.
 */
export function changesBeyondCommunes(
  before: RuleSet,
  after: RuleSet,
  communes: readonly string[],
): { rules: string[]; serviceSettings: boolean } {
  const theirs = (rule: Rule | undefined) =>
    rule === undefined || (rule.communes !== undefined && rule.communes.every((commune) => communes.includes(commune)));
  const previous = new Map(before.rules.map((rule) => [rule.id, rule]));
  const next = new Map(after.rules.map((rule) => [rule.id, rule]));
  const diff = diffRuleSets(before, after);
  const touched = [...diff.added, ...diff.removed, ...diff.changed];
  return {
    rules: touched.filter(({ ruleId }) => !theirs(previous.get(ruleId)) || !theirs(next.get(ruleId))).map(({ ruleName }) => ruleName),
    serviceSettings: diff.fallbackQueue !== undefined || diff.workingScheduleChanged,
  };
}

/** The level a rule comes from, as the rule editor shows it. */
export function describeRuleLevel(
  rule: Pick<Rule, 'communes' | 'replaces'>,
  communeName: (insee: string) => string = (insee) => insee,
): string {
  if (!rule.communes) return 'Règle du service (EPCI), pour toutes les communes';
  const communes = rule.communes.map(communeName).join(', ');
  const level = rule.communes.length === 1 ? `Règle propre à la commune ${communes}` : `Règle propre aux communes ${communes}`;
  return rule.replaces ? `${level}, à la place de la règle du service « ${rule.replaces} »` : level;
}
