import { model, Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

/**
 * What publishing a draft would change, kept so that publishing can require it: a simulation is valid for the
 * draft revision and the published version it was computed against, and for nothing else.
 */
const ruleSetSimulationSchema = new Schema({
  draftVersion: { type: Number, required: true },
  draftRevision: { type: Number, required: true },
  activeVersion: { type: Number, required: true },
  source: { type: String, enum: ['stored', 'jsonl'], required: true },
  requestCount: { type: Number, required: true },
  skipped: { type: Number, default: 0 },
  before: { type: Schema.Types.Mixed, required: true },
  after: { type: Schema.Types.Mixed, required: true },
  moved: { type: Schema.Types.Mixed, required: true },
  /** Every request for which the draft decides anything differently, effect by effect (absent before issue 17). */
  changed: { type: Schema.Types.Mixed, default: [] },
  createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  createdAt: { type: Date, required: true },
});

ruleSetSimulationSchema.index({ draftVersion: 1, createdAt: -1 });

export type RuleSetSimulationRecord = InferSchemaType<typeof ruleSetSimulationSchema>;
export type RuleSetSimulationDocument = HydratedDocument<RuleSetSimulationRecord>;
export const RuleSetSimulationModel = model('RuleSetSimulation', ruleSetSimulationSchema);
