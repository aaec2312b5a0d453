import { model, Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

import { ticketStatuses } from '../../tickets/ticket-status';

/**
 * A service's ready-made answer (« réponse type »), with `{{variables}}` filled for the ticket when inserted.
 * With a status or tags it is a macro: sending the reply also sets them, in the same action. No citizen's data:
 * supervisors write these for everyone. It is the service's (`commune` null: offered on every commune's tickets)
 * or one commune's own (offered on that commune's tickets besides the service's).
 */
const cannedResponseSchema = new Schema(
  {
    queue: { type: String, required: true },
    commune: { type: String, default: null },
    title: { type: String, required: true },
    body: { type: String, required: true },
    status: { type: String, enum: ticketStatuses },
    tags: { type: [String], default: [] },
    updatedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);

// A title once per queue and level: a commune's own response may share a title with the service's.
cannedResponseSchema.index({ queue: 1, commune: 1, title: 1 }, { unique: true });

export type CannedResponseRecord = InferSchemaType<typeof cannedResponseSchema>;
export type CannedResponseDocument = HydratedDocument<CannedResponseRecord>;
export const CannedResponseModel = model('CannedResponse', cannedResponseSchema);
