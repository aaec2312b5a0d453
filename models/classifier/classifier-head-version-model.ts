import { model, Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

export const headVersionOrigins = ['shipped', 'retrained'] as const;

const headMetricsSchema = new Schema(
  {
    intentAccuracy: { type: Number, required: true },
    intentMacroF1: { type: Number, required: true },
    queueAccuracy: { type: Number, required: true },
    negativeLogLikelihood: { type: Number, required: true },
    expectedCalibrationError: { type: Number, required: true },
  },
  { _id: false },
);

/**
 * One version of the transformer classifier's softmax head, without its weights (kept apart in
 * ClassifierHeadWeights, so that listing versions stays light). The active version is the one activated last:
 * the highest `activation.sequence`; activating an older version is a rollback.
 */
const classifierHeadVersionSchema = new Schema({
  version: { type: Number, required: true },
  origin: { type: String, enum: headVersionOrigins, required: true },
  encoder: { type: String, required: true },
  /** For the head shipped with the model (head.json): its digest, so that a release with a new head registers it. */
  shippedHeadSha256: { type: String },
  /**
   * Scores of the whole ensemble on the realistic validation messages and the held-out corrections (never the test
   * or blind splits, never templates); absent for a shipped version that did not record them.
   */
  validation: { type: headMetricsSchema },
  /** The version active when this one was trained, scored again on the same validation split. */
  baseline: {
    type: new Schema(
      { version: { type: Number, required: true }, validation: { type: headMetricsSchema, required: true } },
      { _id: false },
    ),
  },
  /** Whether the retraining gate let it replace the baseline, and if not why (French, for supervisors). */
  verdict: { type: new Schema({ activate: { type: Boolean, required: true }, refusals: { type: [String], default: [] } }, { _id: false }) },
  training: {
    type: new Schema(
      {
        examples: { type: Number, required: true },
        corrections: { type: Number, required: true },
        /** Corrections kept out of training for the activation gate to judge on. */
        heldOutCorrections: { type: Number },
        /** Corrections left out because their request was erased, anonymised or is no longer readable. */
        skippedCorrections: { type: Number, required: true },
        correctionWeight: { type: Number, required: true },
        l2: { type: Number, required: true },
        seconds: { type: Number, required: true },
      },
      { _id: false },
    ),
  },
  /** Corrections recorded up to this time were offered to training. */
  correctionsUntil: { type: Date },
  createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  createdAt: { type: Date, required: true },
  activation: {
    type: new Schema(
      { sequence: { type: Number, required: true }, at: { type: Date, required: true }, by: { type: Schema.Types.ObjectId, ref: 'User' } },
      { _id: false },
    ),
  },
});

classifierHeadVersionSchema.index({ version: 1 }, { unique: true });
classifierHeadVersionSchema.index({ 'activation.sequence': -1 });
classifierHeadVersionSchema.index(
  { shippedHeadSha256: 1 },
  { unique: true, partialFilterExpression: { shippedHeadSha256: { $type: 'string' } } },
);

export type ClassifierHeadVersionRecord = InferSchemaType<typeof classifierHeadVersionSchema>;
export type ClassifierHeadVersionDocument = HydratedDocument<ClassifierHeadVersionRecord>;
export const ClassifierHeadVersionModel = model('ClassifierHeadVersion', classifierHeadVersionSchema);
