import type { RuleSet } from './rule-schema';
import type { RuleSetProblem } from './rule-set-problem';
import { describeRule } from './schema-problems';

/**
 * Whether `url` is under one of the destinations the operator allowed (WEBHOOK_ALLOWED_DESTINATIONS): same scheme,
 * host and port, and a path under the allowed one. A rule alone can never send data elsewhere.
 */
export function isAllowedWebhookDestination(url: string, allowedDestinations: readonly string[]): boolean {
  const target = parsed(url);
  if (!target || target.username || target.password) return false;
  return allowedDestinations.some((destination) => {
    const allowed = parsed(destination);
    if (!allowed || allowed.origin !== target.origin) return false;
    const base = allowed.pathname.endsWith('/') ? allowed.pathname : `${allowed.pathname}/`;
    return target.pathname === allowed.pathname || target.pathname.startsWith(base);
  });
}

/** One blocking problem per webhook action whose address the operator did not allow. */
export function webhookDestinationProblems(ruleSet: RuleSet, allowedDestinations: readonly string[]): RuleSetProblem[] {
  const allowedList =
    allowedDestinations.length === 0 ? 'aucune destination n’est autorisée' : `destinations autorisées : ${allowedDestinations.join(', ')}`;
  return ruleSet.rules.flatMap((rule, index) =>
    rule.then.flatMap((action, actionIndex): RuleSetProblem[] =>
      action.type === 'webhook' && !isAllowedWebhookDestination(action.url, allowedDestinations)
        ? [
            {
              severity: 'error',
              code: 'webhook-destination',
              message:
                `${describeRule(rule, index)}, action ${actionIndex + 1} : l'adresse ${action.url} n'est pas une destination de webhook autorisée ` +
                `(${allowedList}). Seul l'exploitant du service peut en ajouter (WEBHOOK_ALLOWED_DESTINATIONS).`,
              ruleId: rule.id,
              path: ['rules', index, 'then', actionIndex, 'url'],
            },
          ]
        : [],
    ),
  );
}

function parsed(url: string): URL | null {
  try {
    const value = new URL(url);
    return value.protocol === 'http:' || value.protocol === 'https:' ? value : null;
  } catch {
    return null;
  }
}
