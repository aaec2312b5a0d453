import type { Types } from 'mongoose';

import { hasOptedOutOfNotifications } from '../../models/citizen/notification-opt-out-model';
import { latestNotificationSlot, supersedeWaitingNotifications } from '../../models/citizen/notification-schedule-repository';
import { notificationChoicesFor, type NotificationKind } from '../../models/citizen/notification-settings-model';

const oneDayMs = 86_400_000;

export const notificationKindLabels: Record<NotificationKind, string> = {
  'sent-to-service': 'transmise à un service',
  'information-needed': 'complément demandé',
  answered: 'demande traitée',
  closed: 'demande close',
};

/** `deferredUntil`: null when it may go now. */
export type FollowUpDecision = { suppressedReason: string } | { deferredUntil: Date | null };

/**
 * Whether and when a follow-up notification goes out: never after the citizen opted out, never when supervisors
 * switched that kind off for the request's intent, and never more than one a day per request. A notification that
 * comes too soon is deferred to the end of that day rather than lost, and replaces any older one still waiting.
 * Measured on the machine's time, like the outbox that delivers them (a delivery schedule, not a calendar date).
 */
export class FollowUpPolicy {
  constructor(private readonly now: () => Date = () => new Date()) {}

  async decide(facts: { requestId: Types.ObjectId; intent: string; kind: NotificationKind }): Promise<FollowUpDecision> {
    if (await hasOptedOutOfNotifications(facts.requestId))
      return { suppressedReason: 'Le demandeur ne souhaite plus recevoir les e-mails de suivi de cette demande.' };
    if (!(await notificationChoicesFor(facts.intent))[facts.kind]) {
      return { suppressedReason: `Notification « ${notificationKindLabels[facts.kind]} » désactivée pour ce motif par les superviseurs.` };
    }
    const now = this.now();
    const latest = await latestNotificationSlot(facts.requestId, now);
    return { deferredUntil: latest && latest.getTime() + oneDayMs > now.getTime() ? new Date(latest.getTime() + oneDayMs) : null };
  }

  async queued(requestId: Types.ObjectId, messageId: Types.ObjectId): Promise<void> {
    await supersedeWaitingNotifications(requestId, messageId, this.now());
  }
}
