import type { Types } from 'mongoose';

import { TicketMessageModel } from '../ticket/ticket-message-model';

/** The mails that count as follow-up notifications for the one-a-day rule: the notices and the closing message. */
export const notificationMailKinds = ['notification', 'closing'] as const;

/**
 * When the request's latest notification went out (or is going out now): a sent one, or one already due in the
 * outbox. One deferred to later (never tried yet, due in the future) does not count: a newer one replaces it.
 */
export async function latestNotificationSlot(requestId: Types.ObjectId, now: Date): Promise<Date | null> {
  const mails = await TicketMessageModel.find({
    requestId,
    direction: 'outbound',
    kind: { $in: notificationMailKinds },
    'delivery.status': { $in: ['sent', 'pending'] },
  }).lean();
  const slots = mails.flatMap((mail) => {
    const delivery = mail.delivery!;
    if (delivery.status === 'sent') return [delivery.sentAt ?? mail.createdAt];
    const deferred = (delivery.attempts ?? 0) === 0 && delivery.nextAttemptAt && delivery.nextAttemptAt > now;
    return deferred ? [] : [mail.createdAt];
  });
  return slots.length === 0 ? null : new Date(Math.max(...slots.map((slot) => slot.getTime())));
}

/** Older notifications still waiting for their slot give way to the newest one: the citizen hears the latest news only. */
export async function supersedeWaitingNotifications(requestId: Types.ObjectId, newest: Types.ObjectId, now: Date): Promise<number> {
  const result = await TicketMessageModel.updateMany(
    {
      requestId,
      _id: { $ne: newest },
      direction: 'outbound',
      kind: { $in: notificationMailKinds },
      'delivery.status': 'pending',
      'delivery.attempts': 0,
      'delivery.nextAttemptAt': { $gt: now },
    },
    {
      $set: {
        'delivery.status': 'suppressed',
        'delivery.suppressedReason': 'Remplacée par une notification plus récente (une par jour au plus).',
      },
    },
  );
  return result.modifiedCount;
}
