import { recordAuditEvent, type AuditActor } from '../../models/audit/audit-event-repository';

export type HeadAuditAction =
  'classifier-head.installed' | 'classifier-head.retrained' | 'classifier-head.activated' | 'classifier-head.rolled-back';

/** Who changed the classifier's head, when, and its scores: heads and their metrics hold no personal data. */
export async function auditHeadChange(
  action: HeadAuditAction,
  version: number,
  actor: AuditActor | undefined,
  details: Record<string, unknown>,
): Promise<void> {
  await recordAuditEvent({ actor, action, objectType: 'ClassifierHead', objectId: String(version), details });
}
