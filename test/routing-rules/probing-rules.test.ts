import { probingRuleProblems } from '../../routing-rules/probing-rules';
import type { Condition, Rule } from '../../routing-rules/rule-schema';
import { rule, ruleSet } from './routing-input-builder';

const active = ruleSet([
  rule({ id: 'existante', when: { kind: 'entity', entityType: 'phone', op: 'equals', value: '0612345678' }, then: [], stop: true }),
]);
const route: Rule['then'] = [{ type: 'route', queue: 'social' }];
const birthYear: Condition = { kind: 'entity', entityType: 'date', op: 'matches', pattern: '1987' };

describe('rules that only probe stored requests', () => {
  test.each<[string, Partial<Rule>, boolean]>([
    ['a pattern on a date', { when: birthYear, then: route, stop: true }, true],
    [
      'a name among several personal tests',
      {
        when: { kind: 'any', conditions: [birthYear, { kind: 'entity', entityType: 'person', op: 'in', values: ['Martin'] }] },
        then: route,
      },
      true,
    ],
    ['negated personal test', { when: { kind: 'not', condition: birthYear }, then: route }, true],
    [
      'a personal test next to a queue',
      { when: { kind: 'all', conditions: [birthYear, { kind: 'queue', op: 'equals', value: 'etat-civil' }] }, then: route },
      false,
    ],
    ['whether a phone number is present', { when: { kind: 'entity', entityType: 'phone', op: 'present' }, then: route }, false],
    [
      'a permit reference (not personal)',
      { when: { kind: 'entity', entityType: 'permit_ref', op: 'matches', pattern: '^PC' }, then: route },
      false,
    ],
    [
      'stop without routing',
      {
        when: { kind: 'keywords', field: 'text', words: ['naissance'], match: 'any' },
        then: [{ type: 'addTags', tags: ['a'] }],
        stop: true,
      },
      true,
    ],
    [
      'stop with routing',
      { when: { kind: 'keywords', field: 'text', words: ['naissance'], match: 'any' }, then: route, stop: true },
      false,
    ],
    [
      'no stop, no routing',
      { when: { kind: 'keywords', field: 'text', words: ['naissance'], match: 'any' }, then: [{ type: 'addTags', tags: ['a'] }] },
      false,
    ],
    ['disabled', { when: birthYear, then: route, enabled: false }, false],
  ])('%s → refused: %s', (_label, overrides, refused) => {
    const problems = probingRuleProblems(active, ruleSet([...active.rules, rule({ id: 'nouvelle', ...overrides })]));
    expect(problems.map((problem) => problem.ruleId)).toEqual(refused ? ['nouvelle'] : []);
  });

  test('rules already in force are not judged again, a changed one is', () => {
    expect(probingRuleProblems(active, active)).toEqual([]);
    const changed = ruleSet([{ ...active.rules[0]!, when: birthYear }]);
    expect(probingRuleProblems(active, changed)).toEqual([
      expect.objectContaining({ code: 'probing-rule', severity: 'error', ruleId: 'existante' }),
    ]);
  });
});
