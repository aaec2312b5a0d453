import { model, Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

export const correctionSources = ['reroute', 'pilot'] as const;

/**
 * An agent's correction of where a request belonged: a labelled example for retraining the classifier. It holds
 * no copy of the citizen's words, only the request's id: retraining reads the text through the request, so that
 * erasing or anonymising the request takes it out of training too.
 */
const classifierCorrectionSchema = new Schema({
  requestId: { type: Schema.Types.ObjectId, ref: 'Request', required: true },
  ticketId: { type: Schema.Types.ObjectId, ref: 'Ticket', required: true },
  /** The ticket's commune. The classifier is the whole service's: it learns from every commune's corrections. */
  commune: { type: String },
  source: { type: String, enum: correctionSources, required: true },
  fromQueue: { type: String, required: true },
  queue: { type: String, required: true },
  /** The intent the agent chose, when they gave one. */
  intent: { type: String },
  /** The ticket's intent before the correction. */
  previousIntent: { type: String },
  agentId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  at: { type: Date, required: true },
});

classifierCorrectionSchema.index({ at: 1 });
classifierCorrectionSchema.index({ requestId: 1, at: -1 });

export type ClassifierCorrectionRecord = InferSchemaType<typeof classifierCorrectionSchema>;
export type ClassifierCorrectionDocument = HydratedDocument<ClassifierCorrectionRecord>;
export const ClassifierCorrectionModel = model('ClassifierCorrection', classifierCorrectionSchema);
