import { model, Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

export const webhookDeliveryStatuses = ['pending', 'delivered', 'failed'] as const;

/**
 * The webhook outbox: a call is stored before it is attempted, so a restart loses none. It holds no payload (the
 * ticket is read, and decrypted, when the call is made), only what is needed to make and retry the call.
 */
const webhookDeliverySchema = new Schema({
  ticketId: { type: Schema.Types.ObjectId, ref: 'Ticket', required: true },
  /** Its ticket's commune. */
  commune: { type: String },
  event: { type: String, required: true },
  url: { type: String, required: true },
  secretRef: { type: String },
  /** Personal data the rule opted into for this call (names of fields, never values). */
  personalFields: { type: [String], default: [] },
  status: { type: String, enum: webhookDeliveryStatuses, default: 'pending', required: true },
  attempts: { type: Number, default: 0 },
  nextAttemptAt: { type: Date, required: true },
  /** A dispatcher holds the delivery until then; a crashed one leaves a lease that expires. */
  leaseUntil: { type: Date, default: () => new Date(0) },
  lastError: { type: String },
  lastStatusCode: { type: Number },
  createdAt: { type: Date, required: true },
  deliveredAt: { type: Date },
});

webhookDeliverySchema.index({ ticketId: 1, event: 1, url: 1 }, { unique: true });
webhookDeliverySchema.index({ status: 1, nextAttemptAt: 1 });

export type WebhookDeliveryRecord = InferSchemaType<typeof webhookDeliverySchema>;
export type WebhookDeliveryDocument = HydratedDocument<WebhookDeliveryRecord>;
export const WebhookDeliveryModel = model('WebhookDelivery', webhookDeliverySchema);
