import { model, Schema, type Types } from 'mongoose';

/** A citizen who asked, from a mail's one-click link, to receive no more follow-up notifications about a request. */
const notificationOptOutSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, ref: 'Request', required: true },
  at: { type: Date, required: true },
});

const NotificationOptOutModel = model('NotificationOptOut', notificationOptOutSchema);

/** Idempotent: a second click (or a mail client's automatic one-click POST after the citizen's) changes nothing. */
export async function optOutOfNotifications(requestId: Types.ObjectId, at: Date): Promise<void> {
  await NotificationOptOutModel.updateOne({ _id: requestId }, { $setOnInsert: { at } }, { upsert: true });
}

export async function hasOptedOutOfNotifications(requestId: Types.ObjectId): Promise<boolean> {
  return (await NotificationOptOutModel.countDocuments({ _id: requestId })) > 0;
}
