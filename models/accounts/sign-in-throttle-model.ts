import { model, Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

/**
 * Failed sign-ins of one account from one client address, so that a wrong password slows down only that pair: the
 * other agents behind the mairie's shared address, and the owner signing in from elsewhere, are not affected.
 * Keys are keyed hashes (of the normalised e-mail and of the address), so the collection names no one.
 */
const signInThrottleSchema = new Schema({
  accountKey: { type: String, required: true },
  addressKey: { type: String, required: true },
  /** The account, when one exists with that e-mail (unknown e-mails are throttled alike, not to reveal which exist). */
  userId: { type: Schema.Types.ObjectId, ref: 'User' },
  failures: { type: Number, required: true },
  lastFailureAt: { type: Date, required: true },
  /** No attempt from this address for this account before then. */
  delayedUntil: { type: Date },
  /** When the owner was told about this run of failures. */
  ownerNotifiedAt: { type: Date },
});

signInThrottleSchema.index({ accountKey: 1, addressKey: 1 }, { unique: true });
signInThrottleSchema.index({ userId: 1 });

export type SignInThrottleRecord = InferSchemaType<typeof signInThrottleSchema>;
export type SignInThrottleDocument = HydratedDocument<SignInThrottleRecord>;
export const SignInThrottleModel = model('SignInThrottle', signInThrottleSchema);
