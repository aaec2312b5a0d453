import { simulate } from '../../routing-rules/simulate-rule-set';
import { routingInput, rule, ruleSet } from './routing-input-builder';

describe('simulate', () => {
  const current = ruleSet([rule({ id: 'classifieur', name: 'Classifieur', when: { kind: 'confidence', op: 'gte', value: 0.6 }, then: [{ type: 'routeToPredictedQueue' }] })]);
  const draft = ruleSet([
    ...current.rules,
    rule({
      id: 'permis',
      name: 'Permis',
      priority: -1,
      when: { kind: 'entity', entityType: 'permit_ref', op: 'present' },
      then: [{ type: 'route', queue: 'urbanisme' }],
    }),
    rule({ id: 'sans-avis', name: 'Sans avis', priority: -2, when: { kind: 'confidence', op: 'lt', value: 0.2 }, then: [{ type: 'route', queue: 'social' }] }),
  ]);
  const permit = { type: 'permit_ref' as const, value: 'PC 1', text: 'PC 1', start: 0, end: 4 };
  const inputs = [
    { requestId: 'r1', input: routingInput({ classification: { queue: 'voirie', confidence: 0.9 } }) },
    { requestId: 'r2', input: routingInput({ classification: { queue: 'voirie', confidence: 0.9, entities: [permit] } }) },
    { requestId: 'r3', input: routingInput({ classification: { queue: 'accueil', confidence: 0.4, entities: [permit] } }) },
    { requestId: 'r4', input: routingInput({ classification: { queue: 'etat-civil', confidence: 0.1 } }) },
    { requestId: 'r5', input: routingInput({ classification: { queue: 'etat-civil', confidence: 0.5 } }) },
  ];

  test('counts per queue before and after, and the requests that move with the rule that moved them', () => {
    expect(simulate(current, draft, inputs)).toEqual({
      before: { voirie: 2, accueil: 3 },
      after: { voirie: 1, urbanisme: 2, social: 1, accueil: 1 },
      moved: [
        { requestId: 'r2', from: 'voirie', to: 'urbanisme', ruleId: 'permis', ruleName: 'Permis' },
        { requestId: 'r3', from: 'accueil', to: 'urbanisme', ruleId: 'permis', ruleName: 'Permis' },
        { requestId: 'r4', from: 'accueil', to: 'social', ruleId: 'sans-avis', ruleName: 'Sans avis' },
      ],
    });
  });

  test('a request sent to the fallback queue by the draft has no routing rule', () => {
    const strict = ruleSet([rule({ id: 'tres-sur', when: { kind: 'confidence', op: 'gte', value: 0.95 }, then: [{ type: 'routeToPredictedQueue' }] })]);
    expect(simulate(current, strict, inputs.slice(0, 1)).moved).toEqual([{ requestId: 'r1', from: 'voirie', to: 'accueil', ruleId: null, ruleName: null }]);
  });

  test('identical rule sets move nothing', () => {
    const result = simulate(current, current, inputs);
    expect(result.moved).toEqual([]);
    expect(result.after).toEqual(result.before);
  });
});
