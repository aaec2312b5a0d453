import { model, Schema, type InferSchemaType } from 'mongoose';

export const importOutcomes = ['request', 'follow-up', 'set-aside', 'refused'] as const;

/**
 * What became of each message taken from the shared mailbox: the trace supervisors read when a citizen says
 * "I wrote to you", and the record of messages refused outright (unreadable, too large). Ids and reasons only.
 */
const importedMailSchema = new Schema({
  mailbox: { type: String, required: true },
  uidValidity: { type: String, required: true },
  uid: { type: Number, required: true },
  messageId: { type: String },
  outcome: { type: String, enum: importOutcomes, required: true },
  requestId: { type: Schema.Types.ObjectId, ref: 'Request' },
  ticketMessageId: { type: Schema.Types.ObjectId, ref: 'TicketMessage' },
  reason: { type: String },
  refusedAttachments: { type: Number, default: 0 },
  at: { type: Date, required: true },
});

importedMailSchema.index({ mailbox: 1, uidValidity: 1, uid: 1 }, { unique: true });
importedMailSchema.index({ outcome: 1, at: -1 });

export type ImportedMailRecord = InferSchemaType<typeof importedMailSchema>;
export const ImportedMailModel = model('ImportedMail', importedMailSchema);
