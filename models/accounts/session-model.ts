import { model, Schema, type InferSchemaType } from 'mongoose';

/** A signed-in session. Only a hash of the bearer token is stored, so a database leak yields no usable token. */
const sessionSchema = new Schema({
  tokenHash: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  revokedAt: { type: Date },
});

sessionSchema.index({ tokenHash: 1 }, { unique: true });

export type SessionRecord = InferSchemaType<typeof sessionSchema>;
export const SessionModel = model('Session', sessionSchema);
