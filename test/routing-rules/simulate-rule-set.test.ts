import { simulate } from '../../routing-rules/simulate-rule-set';
import { routingInput, rule, ruleSet } from './routing-input-builder';

describe('simulate', () => {
  const current = ruleSet([
    rule({
      id: 'classifieur',
      name: 'Classifieur',
      when: { kind: 'confidence', op: 'gte', value: 0.6 },
      then: [{ type: 'routeToPredictedQueue' }],
    }),
  ]);
  const draft = ruleSet([
    ...current.rules,
    rule({
      id: 'permis',
      name: 'Permis',
      priority: -1,
      when: { kind: 'entity', entityType: 'permit_ref', op: 'present' },
      then: [{ type: 'route', queue: 'urbanisme' }],
    }),
    rule({
      id: 'sans-avis',
      name: 'Sans avis',
      priority: -2,
      when: { kind: 'confidence', op: 'lt', value: 0.2 },
      then: [{ type: 'route', queue: 'social' }],
    }),
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
      changed: [
        { requestId: 'r2', changes: [{ effect: 'queue', before: 'voirie', after: 'urbanisme' }] },
        { requestId: 'r3', changes: [{ effect: 'queue', before: 'accueil', after: 'urbanisme' }] },
        { requestId: 'r4', changes: [{ effect: 'queue', before: 'accueil', after: 'social' }] },
      ],
    });
  });

  test('a request sent to the fallback queue by the draft has no routing rule', () => {
    const strict = ruleSet([
      rule({ id: 'tres-sur', when: { kind: 'confidence', op: 'gte', value: 0.95 }, then: [{ type: 'routeToPredictedQueue' }] }),
    ]);
    expect(simulate(current, strict, inputs.slice(0, 1)).moved).toEqual([
      { requestId: 'r1', from: 'voirie', to: 'accueil', ruleId: null, ruleName: null },
    ]);
  });

  test('identical rule sets move nothing', () => {
    const result = simulate(current, current, inputs);
    expect(result.moved).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  describe('every effect, not only the queue (issue 17, bug 7)', () => {
    const everyday = ruleSet([
      rule({ id: 'accuse', name: 'Accusé', then: [{ type: 'acknowledge', templateId: 'accuse-reception' }] }),
      rule({
        id: 'classifieur',
        name: 'Classifieur',
        when: { kind: 'confidence', op: 'gte', value: 0.6 },
        then: [{ type: 'routeToPredictedQueue' }],
      }),
      rule({
        id: 'delai',
        name: 'Délai',
        then: [
          { type: 'setSla', sla: { amount: 4, unit: 'hours' } },
          { type: 'addTags', tags: ['suivi'] },
        ],
      }),
    ]);
    const stopFirst = ruleSet([
      rule({
        id: 'arreter',
        name: 'Arrêter',
        priority: 10,
        when: { kind: 'confidence', op: 'gte', value: 0.6 },
        then: [{ type: 'routeToPredictedQueue' }],
        stop: true,
      }),
      ...everyday.rules,
    ]);
    const sample = [
      {
        requestId: 'r1',
        reference: 'AIG-2026-000001',
        ticketId: 't1',
        input: routingInput({ classification: { queue: 'voirie', confidence: 0.9 } }),
      },
      {
        requestId: 'r2',
        reference: 'AIG-2026-000002',
        ticketId: 't2',
        input: routingInput({ classification: { queue: 'voirie', confidence: 0.3 } }),
      },
    ];

    test('a stop rule at the top that keeps the queue but drops the due date, acknowledgement and tag is reported', () => {
      const result = simulate(everyday, stopFirst, sample);
      expect(result.moved).toEqual([]);
      expect(result.changed).toEqual([
        {
          requestId: 'r1',
          reference: 'AIG-2026-000001',
          ticketId: 't1',
          changes: [
            { effect: 'dueAt', before: '2026-03-10T13:00:00.000Z', after: null },
            { effect: 'acknowledgement', before: 'accuse-reception', after: null },
            { effect: 'tags', before: 'suivi', after: null },
          ],
        },
      ]);
    });

    test.each([
      [
        'priority',
        [{ type: 'setPriority' as const, priority: 'urgent' as const }],
        { effect: 'priority', before: 'normal', after: 'urgent' },
      ],
      [
        'assignment',
        [{ type: 'assign' as const, strategy: 'least-loaded' as const }],
        { effect: 'assignment', before: null, after: 'least-loaded' },
      ],
      ['escalation', [{ type: 'escalate' as const, queue: 'accueil' }], { effect: 'escalation', before: null, after: 'accueil' }],
      [
        'webhooks',
        [{ type: 'webhook' as const, url: 'https://sig.example.org/hook' }],
        { effect: 'webhooks', before: null, after: 'https://sig.example.org/hook' },
      ],
      ['queue', [{ type: 'route' as const, queue: 'urbanisme' }], { effect: 'queue', before: 'voirie', after: 'urbanisme' }],
    ])('%s', (_effect, then, change) => {
      const draft = ruleSet([...everyday.rules, rule({ id: 'ajout', name: 'Ajout', then })]);
      expect(simulate(everyday, draft, sample.slice(0, 1)).changed).toEqual([
        expect.objectContaining({ requestId: 'r1', changes: [change] }),
      ]);
    });

    test('a moved request keeps its reference and ticket, so that the supervisor can open it', () => {
      const draft = ruleSet([...everyday.rules, rule({ id: 'ajout', name: 'Ajout', then: [{ type: 'route', queue: 'urbanisme' }] })]);
      expect(simulate(everyday, draft, sample.slice(0, 1)).moved).toEqual([
        {
          requestId: 'r1',
          reference: 'AIG-2026-000001',
          ticketId: 't1',
          from: 'voirie',
          to: 'urbanisme',
          ruleId: 'ajout',
          ruleName: 'Ajout',
        },
      ]);
    });

    test('identical rule sets change nothing', () => {
      expect(simulate(everyday, everyday, sample).changed).toEqual([]);
    });
  });
});
