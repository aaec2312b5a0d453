import type { Types } from 'mongoose';

import { AuditEventModel } from '../../models/audit/audit-event-model';

export type RuleSetAuditAction =
  'rule-set.installed' | 'rule-set.draft-created' | 'rule-set.draft-updated' | 'rule-set.published' | 'rule-set.rolled-back';

const ruleSetObjectType = 'RuleSet';

/** Who changed which version, when, and the diff: rule sets hold no personal data, so the diff is kept whole. */
export async function auditRuleSetChange(
  action: RuleSetAuditAction,
  version: number,
  actorId: Types.ObjectId | undefined,
  details: Record<string, unknown>,
  now = new Date(),
): Promise<void> {
  await AuditEventModel.create({ at: now, actorId, action, objectType: ruleSetObjectType, objectId: String(version), details });
}

/** The latest rule set changes, newest first. */
export async function latestRuleSetChanges(limit: number) {
  const events = await AuditEventModel.find({ objectType: ruleSetObjectType }).sort({ at: -1, _id: -1 }).limit(limit).lean();
  return events.map((event) => ({
    at: event.at.toISOString(),
    actorId: event.actorId?.toString() ?? null,
    action: event.action,
    version: Number(event.objectId),
    details: event.details ?? null,
  }));
}
