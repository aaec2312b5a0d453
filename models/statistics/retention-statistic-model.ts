import { model, Schema } from 'mongoose';

/**
 * What remains of requests deleted at the end of their retention period or on a citizen's request: counts per
 * month, queue, intent and channel, so that yearly statistics stay right once the requests are gone.
 */
const retentionStatisticSchema = new Schema({
  /** The commune the deleted requests were written to (none for those deleted before communes). */
  commune: { type: String },
  month: { type: String, required: true },
  queue: { type: String, required: true },
  intent: { type: String, required: true },
  channel: { type: String, required: true },
  count: { type: Number, default: 0 },
});

retentionStatisticSchema.index({ commune: 1, month: 1, queue: 1, intent: 1, channel: 1 }, { unique: true });

const RetentionStatisticModel = model('RetentionStatistic', retentionStatisticSchema);

export async function countDeletedRequest(key: {
  commune?: string | null;
  receivedAt: Date;
  queue: string;
  intent: string;
  channel: string;
}): Promise<void> {
  const month = key.receivedAt.toISOString().slice(0, 7);
  await RetentionStatisticModel.updateOne(
    { commune: key.commune ?? null, month, queue: key.queue, intent: key.intent, channel: key.channel },
    { $inc: { count: 1 } },
    { upsert: true },
  );
}

export async function deletedRequestCounts() {
  return RetentionStatisticModel.find({}).sort({ month: 1, queue: 1, intent: 1 }).lean();
}
