import { Schema, model, type InferSchemaType } from 'mongoose';

/** A department's queue. Its id is stable (used by rules and the classifier); its label is French. */
const queueSchema = new Schema({
  _id: { type: String, required: true },
  label: { type: String, required: true },
  description: { type: String, default: '' },
  mode: { type: String, enum: ['auto', 'suggest'], default: 'auto' },
  active: { type: Boolean, default: true },
});

export type QueueRecord = InferSchemaType<typeof queueSchema>;
export const QueueModel = model('Queue', queueSchema);
