import type { EntityType } from '../classifiers/entities/entity';
import { maskedKinds } from '../classifiers/masking/placeholders';
import { diffRuleSets } from './diff-rule-sets';
import type { Condition, Rule, RuleSet } from './rule-schema';
import type { RuleSetProblem } from './rule-set-problem';
import { describeRule } from './schema-problems';

/**
 * Entities that are someone's personal data: what is masked before the LLM, and dates (of birth, among others).
 * Testing their value tells whose request it is, not which service it is for.
 */
const personalEntityTypes: ReadonlySet<string> = new Set<EntityType | string>([...Object.keys(maskedKinds), 'date']);

const routingActions = new Set(['route', 'routeToPredictedQueue', 'split']);

/**
 * A simulation over stored requests shows which requests a draft moves: a rule written only to see which requests
 * it matches turns it into a search of citizens' messages. Refused among the rules the draft adds or changes:
 * a rule whose only effect on where requests go is to stop the evaluation (it routes nothing, so the requests it
 * matches fall to the fallback queue and show up as moved), and a rule whose condition only tests the value of
 * personal data (a pattern on a date of birth, a name, a phone number).
 */
export function probingRuleProblems(active: RuleSet, draft: RuleSet): RuleSetProblem[] {
  const diff = diffRuleSets(active, draft);
  const touched = new Set([...diff.added, ...diff.changed].map(({ ruleId }) => ruleId));
  return draft.rules.flatMap((rule, index): RuleSetProblem[] => {
    if (!touched.has(rule.id) || !rule.enabled) return [];
    const reason = probingReason(rule);
    if (!reason) return [];
    return [
      {
        severity: 'error',
        code: 'probing-rule',
        message: `${describeRule(rule, index)} : simulation refusée sur les demandes enregistrées, ${reason}. Une simulation ne sert pas à rechercher des demandes ; pour tester une règle, simulez-la sur un échantillon (fichier JSONL).`,
        ruleId: rule.id,
        path: ['rules', index],
      },
    ];
  });
}

function probingReason(rule: Rule): string | undefined {
  if (rule.stop && !rule.then.some((action) => routingActions.has(action.type))) {
    return "car elle n'oriente rien et ne fait qu'arrêter l'évaluation : elle ne servirait qu'à repérer les demandes qu'elle reconnaît";
  }
  if (testsPersonalDataOnly(rule.when)) {
    return 'car sa condition ne porte que sur la valeur de données personnelles (personne, adresse, téléphone, e-mail, IBAN, NIR, plaque, date)';
  }
  return undefined;
}

/** True when every leaf of the condition tests the value of a personal-data entity (and there is at least one). */
function testsPersonalDataOnly(condition: Condition): boolean {
  switch (condition.kind) {
    case 'all':
    case 'any':
      return condition.conditions.length > 0 && condition.conditions.every(testsPersonalDataOnly);
    case 'not':
      return testsPersonalDataOnly(condition.condition);
    case 'entity':
      return personalEntityTypes.has(condition.entityType) && condition.op !== 'present';
    default:
      return false;
  }
}
