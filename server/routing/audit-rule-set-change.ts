import type { Types } from 'mongoose';
import { AuditEventModel } from '../../models/audit-event-model';

export type RuleSetAuditAction =
  | 'rule-set.installed'
  | 'rule-set.draft-created'
  | 'rule-set.draft-updated'
  | 'rule-set.published'
  | 'rule-set.rolled-back';

/** Who changed which version, when, and the diff: rule sets hold no personal data, so the diff is kept whole. */
export async function auditRuleSetChange(
  action: RuleSetAuditAction,
  version: number,
  actorId: Types.ObjectId | undefined,
  details: Record<string, unknown>,
  now = new Date(),
): Promise<void> {
  await AuditEventModel.create({ at: now, actorId, action, objectType: 'RuleSet', objectId: String(version), details });
}
