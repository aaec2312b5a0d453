import { model, Schema, type InferSchemaType } from 'mongoose';

import { encryptedFields } from '../encryption/encrypted-fields';

export const replyDraftKinds = ['reply', 'note'] as const;
export type ReplyDraftKind = (typeof replyDraftKinds)[number];

/**
 * What an agent is writing on a ticket (a reply to the citizen or an internal note), kept on the server so that
 * it survives a live update, a reload, an expired session or another computer. One per user, ticket and kind;
 * encrypted like every text that may quote the citizen, and erased with the request (`requestId`).
 */
const replyDraftSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    ticketId: { type: Schema.Types.ObjectId, ref: 'Ticket', required: true },
    requestId: { type: Schema.Types.ObjectId, ref: 'Request', required: true },
    kind: { type: String, enum: replyDraftKinds, required: true },
    text: { type: String, required: true },
  },
  { timestamps: true },
);

replyDraftSchema.index({ userId: 1, ticketId: 1, kind: 1 }, { unique: true });
replyDraftSchema.index({ requestId: 1 });
replyDraftSchema.plugin(encryptedFields, { paths: ['text'] });

export type ReplyDraftRecord = InferSchemaType<typeof replyDraftSchema>;
export const ReplyDraftModel = model('ReplyDraft', replyDraftSchema);
