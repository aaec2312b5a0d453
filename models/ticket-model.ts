import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';

export const ticketStatuses = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;

const entitySchema = new Schema(
  { type: String, value: String, text: String, start: Number, end: Number },
  { _id: false, typeKey: '$type' },
);

/** The routing part of a request: where it went, why, and where it stands. Exactly one per request. */
const ticketSchema = new Schema(
  {
    reference: { type: String, required: true },
    requestId: { type: Schema.Types.ObjectId, ref: 'Request', required: true },
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
  },
  { timestamps: true },
);

ticketSchema.index({ reference: 1 }, { unique: true });
ticketSchema.index({ requestId: 1 }, { unique: true });
ticketSchema.index({ queue: 1, status: 1, receivedAt: -1 });

export type TicketRecord = InferSchemaType<typeof ticketSchema>;
export type TicketDocument = HydratedDocument<TicketRecord>;
export const TicketModel = model('Ticket', ticketSchema);
