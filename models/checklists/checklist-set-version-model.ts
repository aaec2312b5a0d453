import { model, Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

export const checklistSetVersionStatuses = ['draft', 'published', 'archived'] as const;
export type ChecklistSetVersionStatus = (typeof checklistSetVersionStatuses)[number];

/**
 * One version of the checklists and answers, of the service (every commune's, unless it has its own) or of one
 * commune. As with rule sets: numbered once (across levels), exactly one published at a time per level, earlier
 * published ones of that level archived, and a rollback publishes a new version copying an old one.
 */
const checklistSetVersionSchema = new Schema({
  version: { type: Number, required: true },
  /** The commune (INSEE code) whose own set this is; absent: the service's. */
  commune: { type: String },
  status: { type: String, enum: checklistSetVersionStatuses, required: true },
  /** The checklist set JSON, valid against routing-rules/checklists' checklistSetSchema (checked before every write). */
  checklistSet: { type: Schema.Types.Mixed, required: true },
  authorId: { type: Schema.Types.ObjectId, ref: 'User' },
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
  basedOnVersion: { type: Number },
  restoredFromVersion: { type: Number },
  /** What the version changes, in French, one line per intent (the audit trail keeps it too). */
  changes: { type: [String], default: [] },
  publishedAt: { type: Date },
  publishedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  archivedAt: { type: Date },
});

checklistSetVersionSchema.index({ version: 1 }, { unique: true });
checklistSetVersionSchema.index({ status: 1, publishedAt: -1 });
checklistSetVersionSchema.index({ commune: 1, status: 1, publishedAt: -1 });

export type ChecklistSetVersionRecord = InferSchemaType<typeof checklistSetVersionSchema>;
export type ChecklistSetVersionDocument = HydratedDocument<ChecklistSetVersionRecord>;
export const ChecklistSetVersionModel = model('ChecklistSetVersion', checklistSetVersionSchema);
