import { evaluateRules } from '../../routing-rules/evaluate-rules';
import type { Rule } from '../../routing-rules/rule-schema';
import { routingInput, rule, ruleSet } from './routing-input-builder';

/** A clock that moves `step` milliseconds each time it is read: the budget's arithmetic without real time. */
function steppingClock(step: number): () => number {
  let now = 0;
  return () => (now += step);
}

const tagged = (id: string, priority: number, extra: Partial<Rule> = {}) =>
  rule({
    id,
    priority,
    then: [
      { type: 'addTags', tags: [id] },
      { type: 'webhook', url: `https://hooks.example/${id}` },
    ],
    ...extra,
  });

const rules = ruleSet([
  tagged('premiere', 30),
  tagged('expression', 20, { when: { kind: 'regex', field: 'text', pattern: 'naissance' } }),
  rule({ id: 'route', priority: 10, then: [{ type: 'route', queue: 'etat-civil' }] }),
]);

describe('evaluation time budget', () => {
  // Read at the start (10), before each rule (20, 30, 50) and before the regex runs (40): elapsed 10, 20, 30, 40.
  test.each<[number, string | null]>([
    [1000, null],
    [45, null],
    [35, 'route'],
    [25, 'expression'],
    [15, 'expression'],
    [5, 'premiere'],
  ])('budget %i ms: interrupted at %s', (budgetMs, interruptedAt) => {
    const decision = evaluateRules(rules, routingInput(), { budgetMs, clock: steppingClock(10) });
    if (interruptedAt === null) {
      expect(decision).toMatchObject({ queue: 'etat-civil', fellBack: false, tags: ['premiere', 'expression'] });
      expect(decision.interrupted).toBeUndefined();
      return;
    }
    expect(decision).toMatchObject({
      queue: 'accueil',
      fellBack: true,
      routedBy: null,
      tags: [],
      webhooks: [],
      interrupted: { ruleId: interruptedAt, budgetMs },
    });
    const last = decision.trace.at(-1)!;
    expect(last).toMatchObject({ ruleId: interruptedAt, matched: false, actionsApplied: [] });
    expect(last.conditionTrace[0]!.condition).toMatch(/^évaluation interrompue : \d+ ms écoulées pour un budget de \d+ ms/);
  });

  test('without a budget nothing is timed', () => {
    const clock = jest.fn(steppingClock(1_000_000));
    expect(evaluateRules(rules, routingInput(), { clock }).queue).toBe('etat-civil');
    expect(clock).not.toHaveBeenCalled();
  });

  test('a simulation-style evaluation without trace still says it was interrupted', () => {
    const decision = evaluateRules(rules, routingInput(), { trace: 'none', budgetMs: 5, clock: steppingClock(10) });
    expect(decision).toMatchObject({ queue: 'accueil', trace: [], interrupted: { ruleId: 'premiere' } });
  });
});
