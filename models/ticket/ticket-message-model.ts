import { model, Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

import { encryptedFields } from '../encryption/encrypted-fields';
import { attachmentSchema } from '../request/attachment-schema';

/** `internal`: an agents' note, which is never mail and never leaves the mairie. */
export const ticketMessageDirections = ['inbound', 'outbound', 'internal'] as const;
/**
 * `notification`: a follow-up notice to the citizen (sent to a service, information needed, closed), see server/citizen.
 * `note`: an internal note between agents (direction `internal`): left out of the mail conversation, see conversationOf.
 */
export const ticketMessageKinds = ['follow-up', 'acknowledgement', 'closing', 'agent-reply', 'notification', 'note'] as const;
/** Outgoing mail only: `suppressed` is a message deliberately not sent (no-reply address, list, loop). */
export const deliveryStatuses = ['pending', 'sent', 'failed', 'suppressed'] as const;

/**
 * The mail conversation of a request, besides the request itself: the citizen's follow-ups and every mail the
 * mairie sends (acknowledgement, agent replies, closing message). Outgoing mail is its own outbox: it is stored
 * first and delivered by the mail outbox, so a crash or an SMTP outage delays it but never loses it.
 */
const ticketMessageSchema = new Schema(
  {
    /** The request that opened the conversation: follow-ups can arrive before its ticket exists. */
    requestId: { type: Schema.Types.ObjectId, ref: 'Request', required: true },
    ticketId: { type: Schema.Types.ObjectId, ref: 'Ticket' },
    /** Its request's commune (INSEE code). */
    commune: { type: String },
    direction: { type: String, enum: ticketMessageDirections, required: true },
    kind: { type: String, enum: ticketMessageKinds, required: true },
    /** RFC 5322 Message-ID: unique, so that the same mail is never stored twice. */
    messageId: { type: String, required: true },
    inReplyTo: { type: String },
    references: { type: [String], default: [] },
    /** Outgoing mail: one per (ticket, purpose), e.g. `acknowledgement:<ticket id>`, so that it is queued once. */
    dedupeKey: { type: String },
    from: { type: String, required: true },
    to: { type: String, required: true },
    subject: { type: String, default: '' },
    text: { type: String, required: true },
    attachments: { type: [attachmentSchema()], default: [] },
    authorId: { type: Schema.Types.ObjectId, ref: 'User' },
    /** A note's mentioned colleagues (notified). */
    mentions: { type: [Schema.Types.ObjectId], ref: 'User', default: undefined },
    at: { type: Date, required: true },
    delivery: {
      type: new Schema(
        {
          status: { type: String, enum: deliveryStatuses, required: true },
          attempts: { type: Number, default: 0 },
          nextAttemptAt: { type: Date },
          sentAt: { type: Date },
          lastError: { type: String },
          suppressedReason: { type: String },
        },
        { _id: false },
      ),
    },
  },
  { timestamps: true },
);

ticketMessageSchema.index({ messageId: 1 }, { unique: true });
ticketMessageSchema.index({ dedupeKey: 1 }, { unique: true, partialFilterExpression: { dedupeKey: { $type: 'string' } } });
ticketMessageSchema.index({ requestId: 1, createdAt: 1 });
ticketMessageSchema.index({ 'delivery.status': 1, 'delivery.nextAttemptAt': 1 });
ticketMessageSchema.plugin(encryptedFields, { paths: ['from', 'to', 'subject', 'text', 'attachments.filename'] });

export type TicketMessageRecord = InferSchemaType<typeof ticketMessageSchema>;
export type TicketMessageDocument = HydratedDocument<TicketMessageRecord>;
export const TicketMessageModel = model('TicketMessage', ticketMessageSchema);
