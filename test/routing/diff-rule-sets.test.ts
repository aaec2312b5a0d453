import { defaultRuleSet } from '../../routing-rules/default-rule-set';
import { diffRuleSets, isEmptyDiff } from '../../routing-rules/diff-rule-sets';
import type { Rule, RuleSet } from '../../routing-rules/rule-schema';

const base: RuleSet = defaultRuleSet(0.55, 'Europe/Paris');
const extra: Rule = {
  id: 'marche-de-noel',
  name: 'Marché de Noël',
  priority: 750,
  enabled: true,
  when: { kind: 'keywords', field: 'subjectOrText', words: ['marché de Noël'], match: 'any' },
  then: [{ type: 'route', queue: 'vie-associative' }],
  stop: true,
};

describe('diffRuleSets', () => {
  it('finds nothing between a rule set and a copy whose keys are written in another order', () => {
    const reordered = JSON.parse(
      JSON.stringify(base, (_key, value) =>
        value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
      ),
    ) as RuleSet;
    expect(isEmptyDiff(diffRuleSets(base, reordered))).toBe(true);
  });

  it('lists added, removed and changed rules by id, with the fields that changed', () => {
    const next: RuleSet = {
      ...base,
      fallbackQueue: 'vie-associative',
      rules: [
        extra,
        ...base.rules
          .filter((rule) => rule.id !== 'plans-joints')
          .map((rule) => (rule.id === 'administrations' ? { ...rule, enabled: false, priority: 10 } : rule)),
      ],
    };
    const diff = diffRuleSets(base, next);
    expect(diff.added).toEqual([{ ruleId: 'marche-de-noel', ruleName: 'Marché de Noël' }]);
    expect(diff.removed).toEqual([{ ruleId: 'plans-joints', ruleName: 'Plans joints à une demande de travaux' }]);
    expect(diff.changed).toEqual([
      { ruleId: 'administrations', ruleName: 'Courriers des administrations', fields: ['priority', 'enabled'] },
    ]);
    expect(diff.fallbackQueue).toEqual({ from: 'accueil', to: 'vie-associative' });
    expect(diff.reordered).toBe(false);
    expect(isEmptyDiff(diff)).toBe(false);
  });

  it('notices a new order and a new working schedule', () => {
    const next: RuleSet = {
      ...base,
      workingSchedule: { timeZone: 'Europe/Paris', week: { mon: [{ start: '09:00', end: '12:00' }] }, publicHolidays: 'fr' },
      rules: [...base.rules].reverse(),
    };
    expect(diffRuleSets(base, next)).toMatchObject({ reordered: true, workingScheduleChanged: true, added: [], removed: [], changed: [] });
  });

  it('describes a first installation as every rule added', () => {
    const diff = diffRuleSets(null, base);
    expect(diff.added.map((rule) => rule.ruleId)).toEqual(base.rules.map((rule) => rule.id));
    expect(diff).toMatchObject({ removed: [], changed: [], workingScheduleChanged: false });
  });
});
