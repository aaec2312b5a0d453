import { model, Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

import { ticketStatuses } from '../../tickets/ticket-status';
import { ticketAssistanceSchema } from '../checklists/ticket-assistance-schema';
import { encryptedFields } from '../encryption/encrypted-fields';

export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;

const entitySchema = new Schema(
  { type: String, value: String, text: String, start: Number, end: Number, fromQuotedHistory: Boolean },
  { _id: false, typeKey: '$type' },
);

/**
 * One of the requests for different services found in a single message. The excerpt is the citizen's text,
 * encrypted like the message itself. `ticketId`/`reference` are planned when the request is split.
 */
const partSchema = new Schema(
  {
    queue: { type: String, required: true },
    intent: { type: String, required: true },
    confidence: { type: Number, required: true },
    text: { type: String, required: true },
    start: { type: Number, required: true },
    end: { type: Number, required: true },
    ticketId: { type: Schema.Types.ObjectId, ref: 'Ticket' },
    reference: { type: String },
  },
  { _id: false },
);

/**
 * The routing part of a request: where it went, why, and where it stands. One per request, or one per part of a
 * message holding several requests when a rule split it.
 */
const ticketSchema = new Schema(
  {
    reference: { type: String, required: true },
    /** Its request's commune (INSEE code): who may see it, its calendar, its settings. */
    commune: { type: String },
    requestId: { type: Schema.Types.ObjectId, ref: 'Request', required: true },
    /** Which of its request's tickets this is: 0 for the only one (or the first part's), else its part's position. */
    part: { type: Number, required: true, default: 0 },
    /** The message's requests for several services: suggestions for reception, or the split's linked tickets. */
    parts: { type: [partSchema], default: undefined },
    /** The request was split into one ticket per part: this ticket handles `parts[part]`. */
    split: { type: Boolean },
    queue: { type: String, required: true },
    intent: { type: String, required: true },
    confidence: { type: Number, required: true },
    decidedBy: { type: String, required: true },
    language: { type: String, required: true },
    priority: { type: String, enum: ticketPriorities, default: 'normal' },
    tags: { type: [String], default: [] },
    entities: { type: [entitySchema], default: [] },
    trace: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: ticketStatuses, default: 'new', required: true },
    assigneeId: { type: Schema.Types.ObjectId, ref: 'User' },
    receivedAt: { type: Date, required: true },
    /** The citizen's rating (1 to 5) from the closing message's single-use link: set once, never overwritten. */
    satisfaction: {
      type: new Schema(
        { rating: { type: Number, min: 1, max: 5, required: true }, ratedAt: { type: Date, required: true } },
        { _id: false },
      ),
    },
    /** The published rule set version that routed the ticket. */
    ruleSetVersion: { type: Number },
    /** Template the acknowledgement to the citizen uses (sent by the mail side, not here). */
    acknowledgementTemplate: { type: String },
    dueAt: { type: Date },
    /** Queue the ticket moves to if still open at `dueAt`; `escalatedAt` records that it did. */
    escalateTo: { type: String },
    escalatedAt: { type: Date },
    /** Pilot mode: the queue the rules chose while the ticket waits for an agent to confirm or correct it. */
    suggestedQueue: { type: String },
    suggestionOutcome: {
      type: new Schema({ queue: String, agreed: Boolean, at: Date, by: { type: Schema.Types.ObjectId, ref: 'User' } }, { _id: false }),
    },
    /** Its checklist and the missing-information request or answer prepared for it (issue 14, models/checklists). */
    assistance: { type: ticketAssistanceSchema },
  },
  { timestamps: true },
);

ticketSchema.index({ reference: 1 }, { unique: true });
// Exactly-once creation: one ticket per request and part, whatever crashes or concurrent workers do.
ticketSchema.index({ requestId: 1, part: 1 }, { unique: true });
ticketSchema.index({ queue: 1, status: 1, receivedAt: -1 });
ticketSchema.index({ commune: 1, queue: 1, status: 1, receivedAt: -1 });
ticketSchema.index({ dueAt: 1 }, { partialFilterExpression: { escalateTo: { $type: 'string' } } });
ticketSchema.index({ suggestedQueue: 1, 'suggestionOutcome.at': -1 });
// The agents' list (ticket-list-repository): read in urgency segments (priority, then due date), and « mes demandes ».
ticketSchema.index({ commune: 1, queue: 1, status: 1, priority: 1, dueAt: 1 });
ticketSchema.index({ assigneeId: 1, status: 1 });
// A live client catching up on what it missed (GET /api/live/changes).
ticketSchema.index({ commune: 1, queue: 1, updatedAt: 1 });
ticketSchema.plugin(encryptedFields, { paths: ['entities.value', 'entities.text', 'parts.text'] });

export type TicketRecord = InferSchemaType<typeof ticketSchema>;
export type TicketDocument = HydratedDocument<TicketRecord>;
export const TicketModel = model('Ticket', ticketSchema);
