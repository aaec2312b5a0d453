import { model, Schema, type InferSchemaType } from 'mongoose';

export const queueModes = ['auto', 'suggest'] as const;
export type QueueMode = (typeof queueModes)[number];

/** A department's queue. Its id is stable (used by rules and the classifier); its label is French. */
const queueSchema = new Schema({
  _id: { type: String, required: true },
  label: { type: String, required: true },
  description: { type: String, default: '' },
  /** `suggest` (pilot mode): tickets for this queue wait in the reception queue until an agent confirms. */
  mode: { type: String, enum: queueModes, default: 'auto' },
  active: { type: Boolean, default: true },
  /**
   * The commune whose own desk this is (INSEE code): it holds that commune's requests only. Absent: the service's
   * queue, its EPCI's, for every commune (a shared service such as the EPCI's building permits).
   */
  commune: { type: String },
  /** How the service signs its agents' replies (« Le service de l'état civil »); the mairie's when empty. */
  signature: { type: String, default: '' },
  /** Where round-robin assignment resumes. */
  lastAssigneeId: { type: Schema.Types.ObjectId, ref: 'User' },
});

export type QueueRecord = InferSchemaType<typeof queueSchema>;
export const QueueModel = model('Queue', queueSchema);
