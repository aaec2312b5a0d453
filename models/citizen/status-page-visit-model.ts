import { model, Schema, type Types } from 'mongoose';

/**
 * How many times a request's status page was opened: a count per request and nothing else (no address, no
 * browser, no time of each visit), so that the mairie knows the page is used without watching who uses it.
 */
const statusPageVisitSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, ref: 'Request', required: true },
  views: { type: Number, default: 0 },
});

const StatusPageVisitModel = model('StatusPageVisit', statusPageVisitSchema);

export async function countStatusPageView(requestId: Types.ObjectId): Promise<void> {
  await StatusPageVisitModel.updateOne({ _id: requestId }, { $inc: { views: 1 } }, { upsert: true });
}

export async function statusPageViews(requestId: Types.ObjectId): Promise<number> {
  return (await StatusPageVisitModel.findById(requestId).lean())?.views ?? 0;
}
