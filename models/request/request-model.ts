import { model, Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { z } from 'zod';

import { requestChannels } from '../../classifiers/classification';
import { encryptedFields } from '../encryption/encrypted-fields';
import { attachmentSchema } from './attachment-schema';

/** `set-aside`: mail recognised as noise (auto-reply, bounce, list, spam), kept for supervisors but never routed. */
export const requestStatuses = ['received', 'processing', 'processed', 'failed', 'set-aside'] as const;

export const attachmentMetadataSchema = z.strictObject({
  filename: z.string().trim().min(1, 'Le nom de la pièce jointe est obligatoire.').max(255, 'Le nom de la pièce jointe est trop long.'),
  contentType: z
    .string()
    .trim()
    .min(1)
    .max(127)
    .regex(/^[\w.+-]+\/[\w.+-]+$/, 'Le type de la pièce jointe est invalide.'),
  size: z
    .number()
    .int()
    .min(0)
    .max(50 * 1024 * 1024, 'La pièce jointe dépasse 50 Mo.'),
});

/** The citizen's request exactly as received: stored before anything else happens to it. */
const requestSchema = new Schema(
  {
    /** The commune (INSEE code) the request was written to: every query about requests filters on it. */
    commune: { type: String },
    channel: { type: String, enum: requestChannels, required: true },
    messageId: { type: String },
    inReplyTo: { type: String },
    references: { type: [String], default: [] },
    subject: { type: String, default: '' },
    text: { type: String, required: true },
    requester: {
      name: { type: String },
      email: { type: String },
      phone: { type: String },
    },
    attachments: { type: [attachmentSchema()], default: [] },
    receivedAt: { type: Date, required: true },
    status: { type: String, enum: requestStatuses, default: 'received', required: true },
    processingAttempts: { type: Number, default: 0 },
    leaseUntil: { type: Date },
    lastError: { type: String },
    /** Why a set-aside message was kept out of the queues (see server/mail/noise-verdict). */
    setAside: { type: new Schema({ kind: { type: String, required: true }, reason: { type: String, required: true } }, { _id: false }) },
    anonymisedAt: { type: Date },
    /** The web form's Idempotency-Key, and a keyed hash of the body it came with: a retry gets the same request. */
    idempotencyKey: { type: String },
    idempotencyFingerprint: { type: String },
    /**
     * The reference its ticket will carry (`AIG-…`), reserved when the request is stored so that the citizen is
     * given it at once; processing creates the ticket under it.
     */
    reference: { type: String },
  },
  { timestamps: true },
);

// Per commune: the same mail sent to two communes is a request for each (see migrateRequestsToCommunes).
requestSchema.index({ commune: 1, messageId: 1 }, { unique: true, partialFilterExpression: { messageId: { $type: 'string' } } });
requestSchema.index({ commune: 1, receivedAt: -1 });
requestSchema.index({ idempotencyKey: 1 }, { unique: true, partialFilterExpression: { idempotencyKey: { $type: 'string' } } });
requestSchema.index({ status: 1, receivedAt: 1 });
requestSchema.index({ reference: 1 }, { unique: true, partialFilterExpression: { reference: { $type: 'string' } } });
requestSchema.plugin(encryptedFields, {
  paths: ['subject', 'text', 'requester.name', 'requester.email', 'requester.phone', 'attachments.filename'],
  lookups: [
    { path: 'requester.email', kind: 'email', hashPath: 'requesterEmailHash' },
    { path: 'requester.phone', kind: 'phone', hashPath: 'requesterPhoneHash' },
  ],
  // Agents search requests by the citizen's name and the words of the subject and message (server/tickets/ticket-list).
  searchIndex: { paths: ['requester.name', 'subject', 'text'], tokenPath: 'searchTokens' },
});

export type RequestRecord = InferSchemaType<typeof requestSchema>;
export type RequestDocument = HydratedDocument<RequestRecord>;
export const RequestModel = model('Request', requestSchema);
