import type { Entity } from '../../classifiers/entities/entity';
import { defaultRuleSet } from '../../routing-rules/default-rule-set';
import { evaluateRules } from '../../routing-rules/evaluate-rules';
import { validateRuleSet } from '../../routing-rules/validate-rule-set';
import { routingInput, TUESDAY_MORNING } from './routing-input-builder';

const rules = defaultRuleSet(0.55, 'Europe/Paris');
const permit: Entity = { type: 'permit_ref', value: 'PC 075 112 24 00042', text: 'PC 075 112 24 00042', start: 0, end: 19 };
const parcel: Entity = { type: 'cadastral_ref', value: 'AB 123', text: 'section AB n° 123', start: 0, end: 17 };

describe('default rule set', () => {
  test('is valid against the taxonomy', () => {
    expect(validateRuleSet(rules)).toEqual([]);
  });

  test('follows the classifier when it is confident, the fallback queue otherwise (walking skeleton)', () => {
    expect(evaluateRules(rules, routingInput({ classification: { queue: 'cimetiere', confidence: 0.55 } }))).toMatchObject({
      queue: 'cimetiere',
      fellBack: false,
      priority: 'normal',
    });
    expect(evaluateRules(rules, routingInput({ classification: { queue: 'cimetiere', confidence: 0.54 } }))).toMatchObject({
      queue: 'accueil',
      fellBack: true,
    });
    expect(
      evaluateRules(defaultRuleSet(0.3, 'Europe/Paris'), routingInput({ classification: { queue: 'cimetiere', confidence: 0.4 } })).queue,
    ).toBe('cimetiere');
  });

  test('flags requests written in another language than French, without changing their queue', () => {
    const english = evaluateRules(rules, routingInput({ classification: { queue: 'elections', confidence: 0.9, language: 'en' } }));
    expect(english.tags).toContain('langue-etrangere');
    expect(english.queue).toBe('elections');
    const french = evaluateRules(rules, routingInput({ classification: { queue: 'elections', confidence: 0.9, language: 'fr' } }));
    expect(french.tags).not.toContain('langue-etrangere');
  });

  test('danger keywords on voirie make the request urgent, even when the classifier is unsure', () => {
    const decision = evaluateRules(
      rules,
      routingInput({
        classification: { queue: 'voirie', intent: 'signalement-chaussee', confidence: 0.4 },
        subject: 'Trottoir',
        text: "Le trottoir s'est effondré devant le 12 rue Victor-Hugo, c'est DANGEREUX pour les enfants.",
      }),
    );
    expect(decision).toMatchObject({
      queue: 'voirie',
      priority: 'urgent',
      escalateTo: 'police-municipale',
      assignment: { strategy: 'least-loaded' },
      sla: { amount: 4, unit: 'hours', dueAt: new Date(TUESDAY_MORNING.getTime() + 4 * 3_600_000) },
    });
    expect(decision.tags).toEqual(expect.arrayContaining(['urgence', 'securite']));
  });

  test('"fuite de gaz" is urgent, a plain pothole is not', () => {
    const voirie = { queue: 'voirie', confidence: 0.9 };
    expect(evaluateRules(rules, routingInput({ classification: voirie, text: 'Odeur de fuite de gaz rue des Lilas' })).priority).toBe(
      'urgent',
    );
    expect(evaluateRules(rules, routingInput({ classification: voirie, text: 'Un nid-de-poule rue des Lilas' })).priority).toBe('normal');
  });

  test('a permit reference goes to urbanisme whatever the classifier says', () => {
    const decision = evaluateRules(rules, routingInput({ classification: { queue: 'voirie', confidence: 0.95, entities: [permit] } }));
    expect(decision).toMatchObject({ queue: 'urbanisme', routedBy: { ruleId: 'reference-permis' } });
  });

  test('a cadastral reference goes to urbanisme only when the classifier is unsure', () => {
    expect(evaluateRules(rules, routingInput({ classification: { queue: 'accueil', confidence: 0.3, entities: [parcel] } })).queue).toBe(
      'urbanisme',
    );
    expect(evaluateRules(rules, routingInput({ classification: { queue: 'cimetiere', confidence: 0.9, entities: [parcel] } })).queue).toBe(
      'cimetiere',
    );
  });

  test('acknowledgement depends on office hours (Mon–Fri 8:30–12:00, 13:30–17:30, Europe/Paris)', () => {
    const at = (iso: string) => evaluateRules(rules, routingInput({ receivedAt: new Date(iso) }));
    expect(at('2026-03-10T09:00:00Z').acknowledgementTemplate).toBe('accuse-reception');
    expect(at('2026-03-10T11:45:00Z').acknowledgementTemplate).toBe('hors-horaires');
    expect(at('2026-03-10T12:45:00Z').acknowledgementTemplate).toBe('accuse-reception');
    expect(at('2026-03-14T09:00:00Z').acknowledgementTemplate).toBe('hors-horaires');
    expect(at('2026-07-14T08:00:00Z').acknowledgementTemplate).toBe('hors-horaires');
    expect(at('2026-03-14T09:00:00Z').tags).toContain('hors-horaires');
  });

  test('reads office hours in the time zone it is given (Cayenne, UTC−3)', () => {
    const cayenne = defaultRuleSet(0.55, 'America/Cayenne');
    const at = (iso: string) => evaluateRules(cayenne, routingInput({ receivedAt: new Date(iso) })).acknowledgementTemplate;
    expect(at('2026-03-10T09:00:00Z')).toBe('hors-horaires');
    expect(at('2026-03-10T12:00:00Z')).toBe('accuse-reception');
  });

  test('every request gets the standard due date unless a rule shortens it', () => {
    expect(evaluateRules(rules, routingInput()).sla).toMatchObject({ amount: 10, unit: 'workingDays' });
    const social = routingInput({
      classification: { queue: 'social', confidence: 0.8 },
      text: "Nous sommes menacés d'expulsion le mois prochain.",
    });
    expect(evaluateRules(rules, social)).toMatchObject({ queue: 'social', priority: 'high', sla: { amount: 2, unit: 'workingDays' } });
  });

  test('mail from an administration is raised to high priority', () => {
    const decision = evaluateRules(rules, routingInput({ sender: { email: 'pref-elections@seine-saint-denis.gouv.fr' } }));
    expect(decision).toMatchObject({ priority: 'high' });
    expect(decision.tags).toContain('administration');
  });
});
