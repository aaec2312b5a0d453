import { createRuleSetVersion, findPublishedRuleSetVersion } from '../../models/rules/rule-set-version-repository';
import { diffRuleSets } from '../../routing-rules/diff-rule-sets';
import { compileRuleSet } from '../../routing-rules/evaluate-rules';
import type { RuleSet } from '../../routing-rules/rule-schema';
import type { Logger } from '../logger';
import { ActiveRuleSet } from './active-rule-set';
import { auditRuleSetChange } from './rule-set-audit';

/**
 * The published rule set, or, on a fresh installation, the default rules published as version 1. A stored
 * version that no longer compiles stops start-up: routing with other rules than the published ones would be
 * silently wrong.
 */
export async function loadActiveRuleSet(defaults: RuleSet, evaluationBudgetMs: number, logger: Logger): Promise<ActiveRuleSet> {
  const published = await findPublishedRuleSetVersion();
  if (published) return new ActiveRuleSet(published.version, published.ruleSet as RuleSet, evaluationBudgetMs);
  const installed = await createRuleSetVersion({ status: 'published', ruleSet: defaults, diff: diffRuleSets(null, defaults) });
  await auditRuleSetChange('rule-set.installed', installed.version, undefined, { diff: installed.diff });
  logger.info({ version: installed.version }, 'default routing rules published');
  return new ActiveRuleSet(installed.version, installed.ruleSet as RuleSet, evaluationBudgetMs);
}

/**
 * Picks up a publication made by another instance of the service (several processes sharing one database);
 * returns the version now in force when it changed.
 */
export async function syncActiveRuleSet(active: ActiveRuleSet): Promise<number | null> {
  const published = await findPublishedRuleSetVersion();
  if (!published || published.version === active.version) return null;
  active.replace(published.version, compileRuleSet(published.ruleSet as RuleSet));
  return published.version;
}
