import { Schema, model, type HydratedDocument, type InferSchemaType, type Model } from 'mongoose';
import { auditEventHash, canonicalJson, genesisHash } from './audit-event-hash';

/**
 * Who did what to which object, and when. Never holds personal data itself, only ids and counts. Append-only and
 * hash-chained: each event carries the previous event's hash and its own, so that altering, removing or inserting
 * an event anywhere but at the end breaks the chain (`npm run audit:verify`).
 */
const auditEventSchema = new Schema({
  at: { type: Date, required: true },
  actorId: { type: Schema.Types.ObjectId, ref: 'User' },
  actorRole: { type: String },
  action: { type: String, required: true },
  objectType: { type: String, required: true },
  objectId: { type: String, required: true },
  /** The commune whose data the event is about (INSEE code); none for what concerns the whole service. */
  commune: { type: String },
  details: { type: Schema.Types.Mixed },
  sequence: { type: Number },
  prevHash: { type: String },
  hash: { type: String },
});

auditEventSchema.index({ objectType: 1, objectId: 1, at: 1 });
auditEventSchema.index({ commune: 1, sequence: -1 });
auditEventSchema.index({ sequence: 1 }, { unique: true, partialFilterExpression: { sequence: { $type: 'number' } } });

export type AuditEventRecord = InferSchemaType<typeof auditEventSchema>;
type AuditEventDocument = HydratedDocument<AuditEventRecord>;

// Appends are serialised within the process so that each one links to the event before it; the unique index on
// `sequence` stops two processes from both extending the chain from the same event.
let chainTail: Promise<void> = Promise.resolve();
const releases = new WeakMap<object, () => void>();

auditEventSchema.pre('save', async function linkToChain() {
  if (!this.isNew) throw new Error('audit events are append-only');
  let release!: () => void;
  const previous = chainTail;
  chainTail = new Promise((resolve) => (release = resolve));
  await previous;
  releases.set(this, release);
  try {
    const events = this.constructor as Model<AuditEventRecord>;
    const last = await events.findOne({ sequence: { $gte: 1 } }).sort({ sequence: -1 }).lean<AuditEventRecord>();
    this.details = canonicalJson(this.details ?? null);
    this.sequence = (last?.sequence ?? 0) + 1;
    this.prevHash = last?.hash ?? genesisHash;
    this.hash = auditEventHash({ ...this.toObject(), sequence: this.sequence, prevHash: this.prevHash });
  } catch (error) {
    release();
    throw error;
  }
});
auditEventSchema.post('save', function releaseChain(this: AuditEventDocument) {
  releases.get(this)?.();
});
auditEventSchema.post('save', function releaseChainOnError(error: unknown, document: AuditEventDocument, next: (error?: Error) => void) {
  releases.get(document)?.();
  next(error as Error);
});

const refuseChange = () => {
  throw new Error('audit events are append-only');
};
auditEventSchema.pre(['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'findOneAndReplace', 'deleteMany', 'findOneAndDelete'], refuseChange);
auditEventSchema.pre(['deleteOne', 'updateOne'], { document: true, query: true }, refuseChange);
auditEventSchema.pre('insertMany', refuseChange);

export const AuditEventModel = model('AuditEvent', auditEventSchema);
