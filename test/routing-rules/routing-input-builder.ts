import type { Classification } from '../../classifiers/classification';
import { evaluateRules } from '../../routing-rules/evaluate-rules';
import type { RoutingDecision } from '../../routing-rules/routing-decision';
import type { RoutingInput } from '../../routing-rules/routing-input';
import type { Condition, Rule, RuleSet } from '../../routing-rules/rule-schema';

/** Tuesday 10 March 2026, 10:00 in Paris: inside office hours. */
export const TUESDAY_MORNING = new Date('2026-03-10T09:00:00Z');

type InputOverrides = Partial<Omit<RoutingInput, 'classification'>> & { classification?: Partial<Classification> };

export function routingInput(overrides: InputOverrides = {}): RoutingInput {
  const { classification, ...rest } = overrides;
  return {
    classification: {
      queue: 'etat-civil',
      intent: 'copie-acte-naissance',
      confidence: 0.8,
      decidedBy: 'lexical',
      language: 'fr',
      opinions: [],
      entities: [],
      ...classification,
    },
    channel: 'form',
    subject: "Demande d'acte",
    text: 'Bonjour, je souhaite une copie de mon acte de naissance. Merci.',
    sender: { email: 'claire.martin@example.fr' },
    attachments: [],
    receivedAt: TUESDAY_MORNING,
    ...rest,
  };
}

export function rule(overrides: Partial<Rule> & Pick<Rule, 'id'>): Rule {
  return {
    name: `Règle ${overrides.id}`,
    priority: 0,
    enabled: true,
    when: { kind: 'all', conditions: [] },
    then: [],
    stop: false,
    ...overrides,
  };
}

export function ruleSet(rules: Rule[], overrides: Partial<RuleSet> = {}): RuleSet {
  return { fallbackQueue: 'accueil', rules, ...overrides };
}

/** Evaluates one condition: true when the only rule, routing to `urbanisme`, matched. */
export function holds(condition: Condition, input: InputOverrides = {}): boolean {
  return decideWith(condition, input).queue === 'urbanisme';
}

export function decideWith(condition: Condition, input: InputOverrides = {}): RoutingDecision {
  const rules = ruleSet([rule({ id: 'sous-test', when: condition, then: [{ type: 'route', queue: 'urbanisme' }] })]);
  return evaluateRules(rules, routingInput(input));
}
