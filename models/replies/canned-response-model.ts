import { model, Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

import { ticketStatuses } from '../../tickets/ticket-status';

/**
 * A service's ready-made answer (« réponse type »), with `{{variables}}` filled for the ticket when inserted.
 * With a status or tags it is a macro: sending the reply also sets them, in the same action. No citizen's data:
 * supervisors write these for everyone.
 */
const cannedResponseSchema = new Schema(
  {
    queue: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    status: { type: String, enum: ticketStatuses },
    tags: { type: [String], default: [] },
    updatedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);

cannedResponseSchema.index({ queue: 1, title: 1 }, { unique: true });

export type CannedResponseRecord = InferSchemaType<typeof cannedResponseSchema>;
export type CannedResponseDocument = HydratedDocument<CannedResponseRecord>;
export const CannedResponseModel = model('CannedResponse', cannedResponseSchema);
