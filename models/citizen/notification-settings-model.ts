import { model, Schema, type Types } from 'mongoose';

/** The follow-up notifications a citizen may receive by mail, in the order a request lives them. */
export const notificationKinds = ['sent-to-service', 'information-needed', 'answered', 'closed'] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export type NotificationChoices = Record<NotificationKind, boolean>;

/** Every notification is on until a supervisor switches one off for an intent. */
export const defaultNotificationChoices: NotificationChoices = {
  'sent-to-service': true,
  'information-needed': true,
  answered: true,
  closed: true,
};

/** A supervisor's choice of notifications for one intent; intents without a document use the defaults. */
const notificationSettingSchema = new Schema(
  {
    _id: { type: String, required: true },
    choices: {
      'sent-to-service': { type: Boolean, required: true },
      'information-needed': { type: Boolean, required: true },
      answered: { type: Boolean, required: true },
      closed: { type: Boolean, required: true },
    },
    updatedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true },
);

const NotificationSettingModel = model('NotificationSetting', notificationSettingSchema);

export async function notificationChoicesFor(intent: string): Promise<NotificationChoices> {
  const stored = await NotificationSettingModel.findById(intent).lean();
  return stored ? { ...defaultNotificationChoices, ...stored.choices } : { ...defaultNotificationChoices };
}

/** Every intent's choices, the stored ones over the defaults. */
export async function notificationChoicesOf(intents: readonly string[]): Promise<Map<string, NotificationChoices>> {
  const stored = new Map(
    (await NotificationSettingModel.find({ _id: { $in: intents } }).lean()).map((setting) => [setting._id, setting.choices]),
  );
  return new Map(intents.map((intent) => [intent, { ...defaultNotificationChoices, ...stored.get(intent) }]));
}

export async function saveNotificationChoices(intent: string, choices: NotificationChoices, updatedBy: Types.ObjectId): Promise<void> {
  await NotificationSettingModel.updateOne({ _id: intent }, { $set: { choices, updatedBy } }, { upsert: true });
}
