import { model, Schema } from 'mongoose';

const counterSchema = new Schema({ _id: { type: String, required: true }, sequence: { type: Number, default: 0 } });

const CounterModel = model('Counter', counterSchema);

/** Atomically takes the next number of a named sequence (one per year for ticket references). */
export async function nextSequenceValue(name: string): Promise<number> {
  const counter = await CounterModel.findOneAndUpdate(
    { _id: name },
    { $inc: { sequence: 1 } },
    { upsert: true, returnDocument: 'after' },
  ).lean();
  return counter!.sequence;
}
