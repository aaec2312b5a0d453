import { compileRuleSet, evaluateRules } from '../../routing-rules/evaluate-rules';
import type { Action, Condition } from '../../routing-rules/rule-schema';
import { InvalidRuleSetError } from '../../routing-rules/rule-set-problem';
import { routingInput, rule, ruleSet, TUESDAY_MORNING } from './routing-input-builder';

const always: Condition = { kind: 'all', conditions: [] };
const never: Condition = { kind: 'any', conditions: [] };

function decide(...actions: Action[]) {
  return evaluateRules(ruleSet([rule({ id: 'unique', then: actions })]), routingInput());
}

describe('actions', () => {
  test('route to a queue', () => {
    const decision = decide({ type: 'route', queue: 'urbanisme' });
    expect(decision.queue).toBe('urbanisme');
    expect(decision.routedBy).toEqual({ ruleId: 'unique', ruleName: 'Règle unique' });
    expect(decision.fellBack).toBe(false);
  });

  test("route to the classifier's queue", () => {
    const decision = evaluateRules(
      ruleSet([rule({ id: 'classifieur', then: [{ type: 'routeToPredictedQueue' }] })]),
      routingInput({ classification: { queue: 'cimetiere' } }),
    );
    expect(decision.queue).toBe('cimetiere');
  });

  test('set priority, normal by default', () => {
    expect(decide().priority).toBe('normal');
    expect(decide({ type: 'setPriority', priority: 'urgent' }).priority).toBe('urgent');
  });

  test('tags add up without duplicates', () => {
    expect(decide({ type: 'addTags', tags: ['a', 'b'] }, { type: 'addTags', tags: ['b', 'c'] }).tags).toEqual(['a', 'b', 'c']);
  });

  test('assignment request', () => {
    expect(decide().assignment).toBeUndefined();
    expect(decide({ type: 'assign', strategy: 'round-robin' }).assignment).toEqual({ strategy: 'round-robin' });
  });

  test('acknowledgement template', () => {
    expect(decide({ type: 'acknowledge', templateId: 'hors-horaires' }).acknowledgementTemplate).toBe('hors-horaires');
  });

  test('webhooks add up, one call per address', () => {
    const decision = decide(
      { type: 'webhook', url: 'https://astreinte.example.fr/hook', secretRef: 'ASTREINTE_SECRET' },
      { type: 'webhook', url: 'https://sig.example.fr/hook' },
      { type: 'webhook', url: 'https://sig.example.fr/hook' },
    );
    expect(decision.webhooks).toEqual([
      { url: 'https://astreinte.example.fr/hook', secretRef: 'ASTREINTE_SECRET' },
      { url: 'https://sig.example.fr/hook' },
    ]);
  });

  test('SLA gives a due date from the receipt time', () => {
    const decision = decide({ type: 'setSla', sla: { amount: 2, unit: 'workingDays' } });
    expect(decision.sla).toEqual({ amount: 2, unit: 'workingDays', dueAt: new Date('2026-03-12T16:30:00Z') });
    expect(decide().sla).toBeUndefined();
  });

  test('escalation queue', () => {
    expect(decide({ type: 'escalate', queue: 'police-municipale' }).escalateTo).toBe('police-municipale');
  });
});

describe('evaluation semantics', () => {
  test('the fallback queue applies when no rule routes', () => {
    const decision = evaluateRules(
      ruleSet([
        rule({ id: 'tags', then: [{ type: 'addTags', tags: ['vu'] }] }),
        rule({ id: 'jamais', when: never, then: [{ type: 'route', queue: 'voirie' }] }),
      ]),
      routingInput(),
    );
    expect(decision).toMatchObject({ queue: 'accueil', fellBack: true, routedBy: null, tags: ['vu'], matchedRuleIds: ['tags'] });
  });

  test('rules run by priority, then by position; a later route overrides an earlier one', () => {
    const decision = evaluateRules(
      ruleSet([
        rule({ id: 'basse', priority: 1, then: [{ type: 'route', queue: 'social' }] }),
        rule({ id: 'haute-1', priority: 10, then: [{ type: 'route', queue: 'voirie' }] }),
        rule({ id: 'haute-2', priority: 10, then: [{ type: 'route', queue: 'elections' }] }),
      ]),
      routingInput(),
    );
    expect(decision.trace.map((entry) => entry.ruleId)).toEqual(['haute-1', 'haute-2', 'basse']);
    expect(decision.queue).toBe('social');
    expect(decision.routedBy?.ruleId).toBe('basse');
  });

  test('a matching rule with stop ends the evaluation', () => {
    const decision = evaluateRules(
      ruleSet([
        rule({ id: 'arret', priority: 10, then: [{ type: 'route', queue: 'voirie' }], stop: true }),
        rule({ id: 'suivante', priority: 1, then: [{ type: 'route', queue: 'social' }] }),
      ]),
      routingInput(),
    );
    expect(decision.queue).toBe('voirie');
    expect(decision.matchedRuleIds).toEqual(['arret']);
    expect(decision.trace.map((entry) => entry.ruleId)).toEqual(['arret']);
  });

  test('stop on a rule that does not match changes nothing', () => {
    const decision = evaluateRules(
      ruleSet([
        rule({ id: 'arret', priority: 10, when: never, stop: true }),
        rule({ id: 'suivante', priority: 1, then: [{ type: 'route', queue: 'social' }] }),
      ]),
      routingInput(),
    );
    expect(decision.queue).toBe('social');
  });

  test('disabled rules are skipped', () => {
    const decision = evaluateRules(
      ruleSet([rule({ id: 'eteinte', enabled: false, then: [{ type: 'route', queue: 'social' }] })]),
      routingInput(),
    );
    expect(decision).toMatchObject({ queue: 'accueil', fellBack: true, trace: [] });
  });

  test('scalar actions keep the last value set', () => {
    const decision = evaluateRules(
      ruleSet([
        rule({
          id: 'premiere',
          priority: 2,
          then: [
            { type: 'setPriority', priority: 'high' },
            { type: 'acknowledge', templateId: 'a' },
          ],
        }),
        rule({
          id: 'seconde',
          priority: 1,
          then: [
            { type: 'setPriority', priority: 'low' },
            { type: 'acknowledge', templateId: 'b' },
          ],
        }),
      ]),
      routingInput(),
    );
    expect(decision).toMatchObject({ priority: 'low', acknowledgementTemplate: 'b' });
  });

  test('the trace records each evaluated rule, its facts and the actions applied', () => {
    const decision = evaluateRules(
      ruleSet([
        rule({
          id: 'email',
          name: 'Courriels',
          priority: 2,
          when: { kind: 'channel', op: 'equals', value: 'email' },
          then: [{ type: 'route', queue: 'voirie' }],
        }),
        rule({ id: 'tout', name: 'Tout', priority: 1, then: [{ type: 'addTags', tags: ['x'] }] }),
      ]),
      routingInput(),
    );
    expect(decision.trace).toEqual([
      {
        ruleId: 'email',
        ruleName: 'Courriels',
        matched: false,
        conditionTrace: [{ condition: 'canal = courriel', matched: false }],
        actionsApplied: [],
      },
      {
        ruleId: 'tout',
        ruleName: 'Tout',
        matched: true,
        conditionTrace: [{ condition: 'toujours (aucune condition)', matched: true }],
        actionsApplied: [{ type: 'addTags', tags: ['x'] }],
      },
    ]);
  });

  test('trace options keep only matched rules, or nothing', () => {
    const rules = ruleSet([
      rule({ id: 'jamais', when: never }),
      rule({ id: 'toujours', when: always, then: [{ type: 'addTags', tags: ['x'] }] }),
    ]);
    expect(evaluateRules(rules, routingInput(), { trace: 'matched' }).trace.map((entry) => entry.ruleId)).toEqual(['toujours']);
    expect(evaluateRules(rules, routingInput(), { trace: 'none' }).trace).toEqual([]);
    expect(evaluateRules(rules, routingInput(), { trace: 'none' }).matchedRuleIds).toEqual(['toujours']);
  });

  test('a compiled rule set gives the same decision as the raw one', () => {
    const rules = ruleSet([
      rule({
        id: 'x',
        when: { kind: 'keywords', field: 'text', match: 'any', words: ['naissance'] },
        then: [{ type: 'route', queue: 'etat-civil' }],
      }),
    ]);
    const input = routingInput({ receivedAt: TUESDAY_MORNING });
    expect(evaluateRules(compileRuleSet(rules), input)).toEqual(evaluateRules(rules, input));
  });

  test('rules sharing a pattern on different fields keep their own outcome', () => {
    const decision = evaluateRules(
      ruleSet([
        rule({
          id: 'objet',
          priority: 2,
          when: { kind: 'regex', field: 'subject', pattern: 'URGENT' },
          then: [{ type: 'addTags', tags: ['objet'] }],
        }),
        rule({
          id: 'texte',
          priority: 1,
          when: { kind: 'regex', field: 'text', pattern: 'URGENT' },
          then: [{ type: 'addTags', tags: ['texte'] }],
        }),
        rule({
          id: 'objet-bis',
          priority: 0,
          when: { kind: 'regex', field: 'subject', pattern: 'URGENT' },
          then: [{ type: 'addTags', tags: ['bis'] }],
        }),
      ]),
      routingInput({ subject: 'URGENT : fuite', text: 'Il y a une fuite.' }),
    );
    expect(decision.matchedRuleIds).toEqual(['objet', 'objet-bis']);
  });

  test('compiling refuses an unsafe regex with a French message', () => {
    const unsafe = ruleSet([rule({ id: 'lente', name: 'Lente', when: { kind: 'regex', field: 'text', pattern: '(\\w+)\\s\\1' } })]);
    expect(() => compileRuleSet(unsafe)).toThrow(InvalidRuleSetError);
    expect(() => compileRuleSet(unsafe)).toThrow(/Règle « Lente » \(n° 1\).*références arrière/);
  });
});
