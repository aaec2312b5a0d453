import type { Types } from 'mongoose';

import { TicketModel } from './ticket-model';
import { WebhookDeliveryModel, type WebhookDeliveryDocument } from './webhook-delivery-model';

/** Idempotent: routing the same ticket again (after a crash) does not queue the same call twice. */
export async function enqueueWebhookDelivery(
  delivery: { ticketId: Types.ObjectId; event: string; url: string; secretRef?: string; personalFields?: readonly string[] },
  now = new Date(),
): Promise<void> {
  // A delivery belongs to its ticket's commune, like everything about the ticket.
  const ticket = await TicketModel.findById(delivery.ticketId, { commune: 1 }).lean<{ commune?: string }>();
  await WebhookDeliveryModel.updateOne(
    { ticketId: delivery.ticketId, event: delivery.event, url: delivery.url },
    {
      $setOnInsert: {
        ...(ticket?.commune ? { commune: ticket.commune } : {}),
        ...(delivery.secretRef ? { secretRef: delivery.secretRef } : {}),
        personalFields: [...(delivery.personalFields ?? [])],
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        leaseUntil: new Date(0),
        createdAt: now,
      },
    },
    { upsert: true },
  );
}

/** Takes the next due delivery no other dispatcher holds, for `leaseMs`. */
export async function claimDueWebhookDelivery(now: Date, leaseMs: number): Promise<WebhookDeliveryDocument | null> {
  return WebhookDeliveryModel.findOneAndUpdate(
    { status: 'pending', nextAttemptAt: { $lte: now }, leaseUntil: { $lt: now } },
    { $set: { leaseUntil: new Date(now.getTime() + leaseMs) } },
    { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
  );
}

export async function recordWebhookDelivered(id: Types.ObjectId, statusCode: number, now: Date): Promise<void> {
  await WebhookDeliveryModel.updateOne(
    { _id: id },
    {
      $set: { status: 'delivered', deliveredAt: now, lastStatusCode: statusCode, leaseUntil: new Date(0) },
      $inc: { attempts: 1 },
      $unset: { lastError: 1 },
    },
  );
}

/** A failed attempt: retried at `retryAt`, or given up (status `failed`) when null. */
export async function recordWebhookAttemptFailed(
  id: Types.ObjectId,
  failure: { error: string; statusCode?: number; retryAt: Date | null },
): Promise<void> {
  await WebhookDeliveryModel.updateOne(
    { _id: id },
    {
      $set: {
        lastError: failure.error,
        leaseUntil: new Date(0),
        ...(failure.statusCode !== undefined ? { lastStatusCode: failure.statusCode } : {}),
        ...(failure.retryAt ? { nextAttemptAt: failure.retryAt } : { status: 'failed' }),
      },
      $inc: { attempts: 1 },
    },
  );
}
