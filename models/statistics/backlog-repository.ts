import { RequestModel } from '../request/request-model';
import { TicketMessageModel } from '../ticket/ticket-message-model';
import { WebhookDeliveryModel } from '../ticket/webhook-delivery-model';

// Work stored but not done yet, counted on each metrics scrape: each count is answered from an index.

/** Requests accepted but not yet classified and routed (waiting, or being processed). */
export function countWaitingRequests(): Promise<number> {
  return RequestModel.countDocuments({ status: { $in: ['received', 'processing'] } }).exec();
}

/** Mail to citizens queued for delivery, and webhook calls waiting for their (next) attempt. */
export async function countWaitingOutboxes(): Promise<{ mail: number; webhooks: number }> {
  const [mail, webhooks] = await Promise.all([
    TicketMessageModel.countDocuments({ 'delivery.status': 'pending' }).exec(),
    WebhookDeliveryModel.countDocuments({ status: 'pending' }).exec(),
  ]);
  return { mail, webhooks };
}
