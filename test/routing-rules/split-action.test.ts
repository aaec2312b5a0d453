import type { RequestPart } from '../../classifiers/classification';
import { defaultRuleSet } from '../../routing-rules/default-rule-set';
import { describeAction } from '../../routing-rules/describe-action';
import { evaluateRules } from '../../routing-rules/evaluate-rules';
import type { Condition, Rule } from '../../routing-rules/rule-schema';
import { simulate } from '../../routing-rules/simulate-rule-set';
import { validateRuleSet } from '../../routing-rules/validate-rule-set';
import { routingInput, rule, ruleSet } from './routing-input-builder';

const text =
  "Bonjour, je voudrais une copie de mon acte de naissance. Par ailleurs, le lampadaire devant le 12 rue des Lilas ne s'allume plus.";
const birthCertificate: RequestPart = {
  queue: 'etat-civil',
  intent: 'copie-acte-naissance',
  confidence: 0.93,
  text: text.slice(9, 56),
  start: 9,
  end: 56,
};
const streetLight: RequestPart = {
  queue: 'voirie',
  intent: 'eclairage-public',
  confidence: 0.88,
  text: text.slice(57),
  start: 57,
  end: text.length,
};
const severalRequests = routingInput({
  text,
  classification: { queue: 'accueil', intent: 'demandes-multiples', confidence: 0.9, parts: [birthCertificate, streetLight] },
});
const oneRequest = routingInput({ classification: { queue: 'etat-civil', intent: 'copie-acte-naissance', confidence: 0.9 } });

const split = { type: 'split' } as const;
const multipleRequests: Condition = { kind: 'intent', op: 'equals', value: 'demandes-multiples' };
const splitRule = (overrides: Partial<Rule> = {}) =>
  rule({ id: 'scinder', name: 'Scinder', when: multipleRequests, then: [split], ...overrides });
const followClassifier = rule({ id: 'classifieur', name: 'Classifieur', priority: -10, then: [{ type: 'routeToPredictedQueue' }] });

describe('the split action decides one ticket per part', () => {
  test.each([
    {
      case: 'a matching split rule on a message with parts',
      rules: [splitRule(), followClassifier],
      input: severalRequests,
      split: { ruleId: 'scinder', ruleName: 'Scinder', parts: [birthCertificate, streetLight] },
      queue: 'accueil',
    },
    {
      case: 'a message without parts is left alone',
      rules: [splitRule({ when: { kind: 'all', conditions: [] } }), followClassifier],
      input: oneRequest,
      split: undefined,
      queue: 'etat-civil',
    },
    {
      case: 'no split rule: the message waits in reception with its parts',
      rules: [followClassifier],
      input: severalRequests,
      split: undefined,
      queue: 'accueil',
    },
    {
      case: 'a disabled split rule does nothing',
      rules: [splitRule({ enabled: false }), followClassifier],
      input: severalRequests,
      split: undefined,
      queue: 'accueil',
    },
    {
      case: 'a split rule whose condition does not hold does nothing',
      rules: [splitRule({ when: { kind: 'channel', op: 'equals', value: 'email' } }), followClassifier],
      input: severalRequests,
      split: undefined,
      queue: 'accueil',
    },
    {
      case: 'a split rule placed after a rule that stops is never reached',
      rules: [rule({ id: 'stop', priority: 10, then: [{ type: 'route', queue: 'urbanisme' }], stop: true }), splitRule()],
      input: severalRequests,
      split: undefined,
      queue: 'urbanisme',
    },
    {
      case: 'the last matching split rule is the one named',
      rules: [splitRule({ id: 'premiere', name: 'Première', priority: 5 }), splitRule({ id: 'seconde', name: 'Seconde' })],
      input: severalRequests,
      split: { ruleId: 'seconde', ruleName: 'Seconde', parts: [birthCertificate, streetLight] },
      queue: 'accueil',
    },
  ])('$case', ({ rules, input, split: expected, queue }) => {
    const decision = evaluateRules(ruleSet(rules), input);
    expect(decision.split).toEqual(expected);
    expect(decision.queue).toBe(queue);
  });

  test('the other actions of the decision still apply (to every part ticket), and the trace shows the split', () => {
    const decision = evaluateRules(
      ruleSet([splitRule({ then: [split, { type: 'setPriority', priority: 'high' }, { type: 'addTags', tags: ['plusieurs-demandes'] }] })]),
      severalRequests,
    );
    expect(decision).toMatchObject({ priority: 'high', tags: ['plusieurs-demandes'], matchedRuleIds: ['scinder'] });
    expect(decision.trace[0].actionsApplied).toContainEqual(split);
  });
});

describe('validation of split rules', () => {
  test.each([
    { case: 'a split on the demandes-multiples intent is sound', when: multipleRequests, problems: [] as string[] },
    { case: 'a split on every message is sound', when: { kind: 'all', conditions: [] } as Condition, problems: [] },
    { case: 'a split on the reception queue is sound', when: { kind: 'queue', op: 'equals', value: 'accueil' } as Condition, problems: [] },
    {
      case: 'a split on another queue never applies',
      when: { kind: 'queue', op: 'equals', value: 'voirie' } as Condition,
      problems: ['split-never-applies'],
    },
    {
      case: "a split on another queue's intent never applies",
      when: { kind: 'intent', op: 'in', values: ['copie-acte-naissance', 'eclairage-public'] } as Condition,
      problems: ['split-never-applies'],
    },
    {
      case: 'a split that excludes the reception queue never applies',
      when: { kind: 'not', condition: { kind: 'queue', op: 'equals', value: 'accueil' } } as Condition,
      problems: ['split-never-applies'],
    },
  ])('$case', ({ when, problems }) => {
    const found = validateRuleSet(
      ruleSet([rule({ id: 'scinder', name: 'Scinder', when, then: [{ type: 'addTags', tags: ['vu'] }, split] })]),
    );
    expect(found.map((problem) => problem.code)).toEqual(problems);
    for (const problem of found) {
      expect(problem).toMatchObject({ severity: 'warning', ruleId: 'scinder', path: ['rules', 0, 'then', 1] });
      expect(problem.message).toBe(
        "Règle « Scinder » (n° 1), action 2 : la scission ne s'appliquera jamais, car la condition de la règle exclut les messages à plusieurs demandes " +
          '(le classifieur les range dans la file accueil, motif « demandes multiples »). Testez plutôt ce motif, ou retirez la condition sur la file prédite.',
      );
    }
  });

  test('a malformed split action is refused by the schema, in French', () => {
    const draft = ruleSet([rule({ id: 'scinder', name: 'Scinder', then: [{ type: 'split', queue: 'voirie' } as never] })]);
    expect(validateRuleSet(draft)).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'schema',
        message: 'Règle « Scinder » (n° 1), action 1 : champ(s) inconnu(s) : queue (faute de frappe ?).',
      }),
    ]);
  });

  test('the rule editor and the trace describe it in French', () => {
    expect(describeAction(split)).toBe('message à plusieurs demandes : un ticket par demande, chacun dans la file de son service');
  });
});

describe('simulation of a split rule', () => {
  const current = ruleSet([followClassifier]);
  const draft = ruleSet([splitRule(), followClassifier]);
  const inputs = [
    { requestId: 'plusieurs', input: severalRequests },
    { requestId: 'une', input: oneRequest },
  ];

  test('counts one ticket per part and shows the split requests with the rule that splits them', () => {
    expect(simulate(current, draft, inputs)).toEqual({
      before: { accueil: 1, 'etat-civil': 1 },
      after: { 'etat-civil': 2, voirie: 1 },
      moved: [
        {
          requestId: 'plusieurs',
          from: 'accueil',
          to: 'accueil',
          toSplit: ['etat-civil', 'voirie'],
          ruleId: 'scinder',
          ruleName: 'Scinder',
        },
      ],
      changed: [{ requestId: 'plusieurs', changes: [{ effect: 'queue', before: 'accueil', after: 'etat-civil, voirie' }] }],
    });
  });

  test('turning a split off moves the parts back to reception', () => {
    expect(simulate(draft, current, inputs).moved).toEqual([
      {
        requestId: 'plusieurs',
        from: 'accueil',
        to: 'accueil',
        fromSplit: ['etat-civil', 'voirie'],
        ruleId: 'classifieur',
        ruleName: 'Classifieur',
      },
    ]);
  });
});

describe('default rule set', () => {
  test('ships the split rule switched off: reception gets the parts as suggestions until supervisors opt in', () => {
    const shipped = defaultRuleSet(0.85, 'Europe/Paris');
    const splitRules = shipped.rules.filter((candidate) => candidate.then.some((action) => action.type === 'split'));
    expect(splitRules).toEqual([expect.objectContaining({ id: 'un-ticket-par-service', enabled: false })]);
    const byDefault = evaluateRules(shipped, severalRequests);
    expect(byDefault.queue).toBe('accueil');
    expect(byDefault.split).toBeUndefined();

    const optedIn = {
      ...shipped,
      rules: shipped.rules.map((candidate) => (candidate.id === 'un-ticket-par-service' ? { ...candidate, enabled: true } : candidate)),
    };
    expect(validateRuleSet(optedIn)).toEqual([]);
    expect(evaluateRules(optedIn, severalRequests).split?.parts.map((part) => part.queue)).toEqual(['etat-civil', 'voirie']);
    // Before the rules that stop: a permit reference in one part does not keep the message whole.
    const withPermit = routingInput({
      ...severalRequests,
      classification: {
        ...severalRequests.classification,
        entities: [{ type: 'permit_ref', value: 'PC 1', text: 'PC 1', start: 0, end: 4 }],
      },
    });
    expect(evaluateRules(optedIn, withPermit).split?.ruleId).toBe('un-ticket-par-service');
  });
});
