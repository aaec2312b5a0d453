import { model, Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

export const ruleSetVersionStatuses = ['draft', 'published', 'archived'] as const;
export type RuleSetVersionStatus = (typeof ruleSetVersionStatuses)[number];

/**
 * One version of the routing rules. Versions are numbered once and never renumbered; exactly one is published at
 * a time, earlier published ones are archived, and a rollback publishes a new version copying an old one, so the
 * history reads in a straight line.
 */
const ruleSetVersionSchema = new Schema({
  version: { type: Number, required: true },
  status: { type: String, enum: ruleSetVersionStatuses, required: true },
  /** The rule set JSON, valid against routing-rules' ruleSetSchema (checked before every write). */
  ruleSet: { type: Schema.Types.Mixed, required: true },
  /** Bumped on every edit of a draft, so that a simulation of an older content cannot be used to publish. */
  revision: { type: Number, default: 1 },
  authorId: { type: Schema.Types.ObjectId, ref: 'User' },
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
  basedOnVersion: { type: Number },
  restoredFromVersion: { type: Number },
  /** Against the version it was based on while a draft, against the version it replaced once published. */
  diff: { type: Schema.Types.Mixed },
  publishedAt: { type: Date },
  publishedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  archivedAt: { type: Date },
});

ruleSetVersionSchema.index({ version: 1 }, { unique: true });
ruleSetVersionSchema.index({ status: 1, publishedAt: -1 });

export type RuleSetVersionRecord = InferSchemaType<typeof ruleSetVersionSchema>;
export type RuleSetVersionDocument = HydratedDocument<RuleSetVersionRecord>;
export const RuleSetVersionModel = model('RuleSetVersion', ruleSetVersionSchema);
