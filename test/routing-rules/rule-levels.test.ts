import { evaluateRules } from '../../routing-rules/evaluate-rules';
import { changesBeyondCommunes, describeRuleLevel } from '../../routing-rules/rule-levels';
import type { Rule } from '../../routing-rules/rule-schema';
import { validateRuleSet } from '../../routing-rules/validate-rule-set';
import { routingInput, rule, ruleSet } from './routing-input-builder';

const urbanisme = { classification: { queue: 'urbanisme', intent: 'permis-de-construire' } };

/**
 * The service's rules (its EPCI's) apply to every commune; a commune's own rules to its requests only, and one
 * may stand in for a service rule there. Obernai (67348) sends its building permits to the EPCI's shared service.
 */
const rules: Rule[] = [
  rule({ id: 'vers-la-file-predite', priority: 0, then: [{ type: 'routeToPredictedQueue' }] }),
  rule({ id: 'delai-standard', priority: 200, then: [{ type: 'setSla', sla: { amount: 10, unit: 'workingDays' } }] }),
  rule({
    id: 'obernai-ads-mutualise',
    priority: 100,
    stop: true,
    communes: ['67348'],
    when: { kind: 'queue', op: 'equals', value: 'urbanisme' },
    then: [
      { type: 'route', queue: 'ads' },
      { type: 'addTags', tags: ['ads-epci'] },
    ],
  }),
  rule({
    id: 'saint-denis-delai',
    priority: 200,
    communes: ['97411'],
    replaces: 'delai-standard',
    then: [{ type: 'setSla', sla: { amount: 5, unit: 'workingDays' } }],
  }),
];

describe('rules of the service and rules of a commune', () => {
  test.each([
    // [commune, queue, tags, SLA days]
    ['67348', 'ads', ['ads-epci'], 10],
    ['97411', 'urbanisme', [], 5],
    ['00000', 'urbanisme', [], 10],
    [undefined, 'urbanisme', [], 10],
  ])('a building permit of commune %s goes to %s', (commune, queue, tags, days) => {
    const decision = evaluateRules(ruleSet(rules), routingInput({ ...urbanisme, ...(commune ? { commune } : {}) }));
    expect(decision.queue).toBe(queue);
    expect(decision.tags).toEqual(tags);
    expect(decision.sla).toMatchObject({ amount: days });
  });

  test("a commune's rule is not even traced for another commune's request", () => {
    const decision = evaluateRules(ruleSet(rules), routingInput({ ...urbanisme, commune: '97411' }));
    expect(decision.trace.map((entry) => entry.ruleId)).not.toContain('obernai-ads-mutualise');
    expect(decision.trace.map((entry) => entry.ruleId)).not.toContain('delai-standard');
  });

  test('a disabled replacement replaces nothing', () => {
    const disabled = rules.map((each) => (each.id === 'saint-denis-delai' ? { ...each, enabled: false } : each));
    expect(evaluateRules(ruleSet(disabled), routingInput({ ...urbanisme, commune: '97411' })).sla).toMatchObject({ amount: 10 });
  });
});

describe('validation of rule levels', () => {
  const codes = (candidate: Rule[], knownCommunes?: string[]) =>
    validateRuleSet(ruleSet(candidate), { knownQueueIds: ['accueil', 'urbanisme', 'ads'], knownCommunes }).map((problem) => problem.code);

  test.each<[string, Rule[], string[] | undefined, string]>([
    [
      'an unknown commune',
      [rule({ id: 'a', communes: ['75056'], then: [{ type: 'addTags', tags: ['x'] }] })],
      ['67348'],
      'unknown-commune',
    ],
    [
      'a service rule replacing another',
      [rules[1], rule({ id: 'b', replaces: 'delai-standard', then: [{ type: 'addTags', tags: ['x'] }] })],
      undefined,
      'replacement-without-communes',
    ],
    [
      'a replacement of a rule that does not exist',
      [rule({ id: 'c', communes: ['67348'], replaces: 'absente', then: [{ type: 'addTags', tags: ['x'] }] })],
      undefined,
      'unknown-replaced-rule',
    ],
    [
      "a replacement of another commune's rule",
      [rules[3], rule({ id: 'd', communes: ['67348'], replaces: 'saint-denis-delai', then: [{ type: 'addTags', tags: ['x'] }] })],
      undefined,
      'unknown-replaced-rule',
    ],
  ])('refuses %s', (_case, candidate, knownCommunes, code) => {
    expect(codes(candidate, knownCommunes)).toContain(code);
  });

  test('accepts the shipped example', () => {
    expect(
      codes(rules, ['67348', '97411']).filter((code) =>
        ['unknown-commune', 'replacement-without-communes', 'unknown-replaced-rule'].includes(code),
      ),
    ).toEqual([]);
  });
});

describe("what a commune's supervisor may change", () => {
  const base = ruleSet(rules);
  const beyond = (after: Rule[], communes = ['67348']) => changesBeyondCommunes(base, ruleSet(after), communes);
  const obernaiRule = rules[2];

  test.each<[string, Rule[], string[], boolean]>([
    ['changing their own rule', rules.map((each) => (each === obernaiRule ? { ...each, priority: 90 } : each)), [], false],
    [
      'adding a rule of theirs',
      [...rules, rule({ id: 'obernai-2', communes: ['67348'], then: [{ type: 'addTags', tags: ['x'] }] })],
      [],
      false,
    ],
    [
      "changing the service's rule",
      rules.map((each) => (each.id === 'delai-standard' ? { ...each, priority: 1 } : each)),
      ['Règle delai-standard'],
      false,
    ],
    ["removing another commune's rule", rules.filter((each) => each.id !== 'saint-denis-delai'), ['Règle saint-denis-delai'], false],
    [
      'widening their rule to another commune',
      rules.map((each) => (each === obernaiRule ? { ...each, communes: ['67348', '97411'] } : each)),
      ['Règle obernai-ads-mutualise'],
      false,
    ],
  ])('%s', (_case, after, names, serviceSettings) => {
    expect(beyond(after)).toEqual({ rules: names, serviceSettings });
  });

  test("the service's fallback queue is the service's", () => {
    expect(changesBeyondCommunes(base, ruleSet(rules, { fallbackQueue: 'etat-civil' }), ['67348']).serviceSettings).toBe(true);
  });
});

describe('the level shown for each rule in the editor', () => {
  test.each<[Pick<Rule, 'communes' | 'replaces'>, string]>([
    [{}, 'Règle du service (EPCI), pour toutes les communes'],
    [{ communes: ['67348'] }, 'Règle propre à la commune Obernai'],
    [{ communes: ['67348', '97411'] }, 'Règle propre aux communes Obernai, Saint-Denis'],
    [
      { communes: ['97411'], replaces: 'delai-standard' },
      'Règle propre à la commune Saint-Denis, à la place de la règle du service « delai-standard »',
    ],
  ])('%j', (levels, label) => {
    expect(describeRuleLevel(levels, (insee) => ({ '67348': 'Obernai', '97411': 'Saint-Denis' })[insee] ?? insee)).toBe(label);
  });
});
