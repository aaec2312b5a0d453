import { model, Schema, type InferSchemaType } from 'mongoose';

import { ticketEventTypes } from '../../tickets/ticket-change';

/** A ticket's history, one document per event: append-only, so no array inside the ticket grows without bound. */
const ticketEventSchema = new Schema({
  ticketId: { type: Schema.Types.ObjectId, ref: 'Ticket', required: true },
  at: { type: Date, required: true },
  type: { type: String, enum: ticketEventTypes, required: true },
  actorId: { type: Schema.Types.ObjectId, ref: 'User' },
  from: { type: String },
  to: { type: String },
  reason: { type: String },
  /** The ticket message (follow-up or outgoing mail) the event is about. */
  messageId: { type: Schema.Types.ObjectId, ref: 'TicketMessage' },
});

ticketEventSchema.index({ ticketId: 1, at: 1 });

export type TicketEventRecord = InferSchemaType<typeof ticketEventSchema>;
export const TicketEventModel = model('TicketEvent', ticketEventSchema);
