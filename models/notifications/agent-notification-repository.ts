import { Types } from 'mongoose';

import type { AgentNoticeKind } from '../../tickets/agent-notices';
import { AgentNotificationModel, type AgentNotificationDocument } from './agent-notification-model';

const duplicateKeyCode = 11000;

/** Stores a notice once per dedupe key; null when it was already there. */
export async function insertAgentNotification(notice: {
  userId: Types.ObjectId;
  kind: AgentNoticeKind;
  ticketId: Types.ObjectId;
  reference: string;
  actorId?: Types.ObjectId;
  at: Date;
  dedupeKey: string;
}): Promise<AgentNotificationDocument | null> {
  try {
    return await AgentNotificationModel.create(notice);
  } catch (error) {
    if ((error as { code?: number }).code === duplicateKeyCode) return null;
    throw error;
  }
}

/** A user's latest notices, newest first, and how many are unread. */
export async function listAgentNotifications(userId: Types.ObjectId, limit: number) {
  const [notifications, unread] = await Promise.all([
    AgentNotificationModel.find({ userId }).sort({ at: -1, _id: -1 }).limit(limit),
    AgentNotificationModel.countDocuments({ userId, readAt: null }),
  ]);
  return { notifications, unread };
}

/** Marks a user's notices read: the given ones, or all. Only their own: the filter holds the user. */
export async function markAgentNotificationsRead(userId: Types.ObjectId, ids: readonly string[] | 'all', at: Date): Promise<void> {
  const which = ids === 'all' ? {} : { _id: { $in: ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id)) } };
  await AgentNotificationModel.updateMany({ userId, readAt: null, ...which }, { $set: { readAt: at } });
}
