import mongoose, { model, Schema, Types, type HydratedDocument, type InferSchemaType } from 'mongoose';

import { auditEventHash, canonicalJson, genesisHash } from './audit-event-hash';

/**
 * Who did what to which object, and when. Never holds personal data itself, only ids and counts. Append-only and
 * hash-chained: each event carries the previous event's hash and its own, so that altering, removing or inserting
 * an event anywhere but at the end breaks the chain (`npm run audit:verify`). Each process writes its own chain
 * (several processes never wait for one another), and chains anchor each other's heads from time to time
 * (audit-chain-anchors), so that events removed from the end of one chain are found from another.
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
  chain: { type: String },
  sequence: { type: Number },
  prevHash: { type: String },
  hash: { type: String },
});

auditEventSchema.index({ objectType: 1, objectId: 1, at: 1 });
// The DPO's listing, newest first (sequences are per chain, so time orders events across chains).
auditEventSchema.index({ commune: 1, at: -1 });
auditEventSchema.index({ chain: 1, sequence: 1 }, { unique: true, partialFilterExpression: { sequence: { $type: 'number' } } });

export type AuditEventRecord = InferSchemaType<typeof auditEventSchema>;
type AuditEventDocument = HydratedDocument<AuditEventRecord>;

// This process's own chain: it alone appends to it, so its head is known here and no append reads the database.
// Appends are serialised within the process so that each one links to the event before it; the unique index on
// (chain, sequence) would refuse a second event at the same place.
let ownChain: { id: string; head: { sequence: number; hash: string } } | null = null;
let chainTail: Promise<void> = Promise.resolve();
const releases = new WeakMap<object, () => void>();

// A new connection may be to another database (a test, a command): the chain known here is that database's no more.
mongoose.connection.on('open', () => {
  ownChain = null;
});

/** The chain this process appends to (created with its first event). */
export function ownAuditChainId(): string | null {
  return ownChain?.id ?? null;
}

auditEventSchema.pre('save', async function linkToChain() {
  if (!this.isNew) throw new Error('audit events are append-only');
  let release!: () => void;
  const previous = chainTail;
  chainTail = new Promise((resolve) => (release = resolve));
  await previous;
  releases.set(this, release);
  try {
    ownChain ??= { id: new Types.ObjectId().toHexString(), head: { sequence: 0, hash: genesisHash } };
    this.details = canonicalJson(this.details ?? null);
    this.chain = ownChain.id;
    this.sequence = ownChain.head.sequence + 1;
    this.prevHash = ownChain.head.hash;
    this.hash = auditEventHash({ ...this.toObject(), chain: this.chain, sequence: this.sequence, prevHash: this.prevHash });
  } catch (error) {
    release();
    throw error;
  }
});
auditEventSchema.post('save', function releaseChain(this: AuditEventDocument) {
  if (ownChain && this.chain === ownChain.id) ownChain.head = { sequence: this.sequence!, hash: this.hash! };
  releases.get(this)?.();
});
auditEventSchema.post('save', function releaseChainOnError(error: unknown, document: AuditEventDocument, next: (error?: Error) => void) {
  releases.get(document)?.();
  next(error as Error);
});

const refuseChange = () => {
  throw new Error('audit events are append-only');
};
auditEventSchema.pre(
  ['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'findOneAndReplace', 'deleteMany', 'findOneAndDelete'],
  refuseChange,
);
auditEventSchema.pre(['deleteOne', 'updateOne'], { document: true, query: true }, refuseChange);
auditEventSchema.pre('insertMany', refuseChange);

export const AuditEventModel = model('AuditEvent', auditEventSchema);
