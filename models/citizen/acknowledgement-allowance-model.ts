import { model, Schema } from 'mongoose';

import { modelCipher } from '../encryption/model-cipher';

/**
 * Acknowledgements of web-form requests sent to one address on one day. A form accepts any address typed into
 * it, so without a cap it would let anyone make the mairie mail a stranger again and again. Keyed by the
 * address's keyed hash: the address itself is not kept here.
 */
const acknowledgementAllowanceSchema = new Schema({
  _id: { type: String, required: true },
  count: { type: Number, default: 0 },
  expiresAt: { type: Date, required: true },
});

acknowledgementAllowanceSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

const AcknowledgementAllowanceModel = model('AcknowledgementAllowance', acknowledgementAllowanceSchema);

/**
 * Takes one of the day's `perDay` acknowledgements for `address`; false when they are all taken. The day is the
 * UTC day: the cap is a guard against abuse, not a calendar promise.
 */
export async function takeAcknowledgementAllowance(address: string, perDay: number, now: Date): Promise<boolean> {
  const day = now.toISOString().slice(0, 10);
  const key = `${modelCipher().lookupHash('email', address)}:${day}`;
  const taken = await AcknowledgementAllowanceModel.findOneAndUpdate(
    { _id: key },
    { $inc: { count: 1 }, $setOnInsert: { expiresAt: new Date(Date.parse(day) + 2 * 86_400_000) } },
    { upsert: true, returnDocument: 'after' },
  ).lean();
  return (taken?.count ?? Infinity) <= perDay;
}
