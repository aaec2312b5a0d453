import type { Types } from 'mongoose';

import { recordAuditEvent } from '../../models/audit/audit-event-repository';
import { findRequestById } from '../../models/request/request-repository';
import { findTicketById } from '../../models/ticket/ticket-repository';
import type { WebhookDeliveryDocument } from '../../models/ticket/webhook-delivery-model';
import {
  claimDueWebhookDelivery,
  enqueueWebhookDelivery,
  recordWebhookAttemptFailed,
  recordWebhookDelivered,
} from '../../models/ticket/webhook-delivery-repository';
import type { WebhookCall } from '../../routing-rules/routing-decision';
import type { WebhookPersonalField } from '../../routing-rules/rule-schema';
import type { Logger } from '../logger';
import { webhookPayload } from '../presenters/webhook-payload';
import { retryDelayMs } from './retry-delay';
import { originOf, WebhookDestinationRefused, type WebhookDestinationPolicy } from './webhook-destination-policy';
import { signatureHeader, signWebhookBody, timestampHeader } from './webhook-signature';
import { postWebhook } from './webhook-transport';

export interface WebhookDispatcherOptions {
  /** Secrets by name; a webhook action without `secretRef` uses `default`. */
  secrets: Readonly<Record<string, string>>;
  /** Which addresses a call may reach: the operator's allow-list, checked again on the resolved address. */
  destinations: WebhookDestinationPolicy;
  pollIntervalMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  timeoutMs: number;
  logger: Logger;
}

export const ticketRoutedEvent = 'ticket.routed';
const defaultSecretName = 'default';

/**
 * Calls the webhooks routing rules ask for, from a persisted outbox: a call is stored with its ticket, then
 * attempted; failures are retried with exponential backoff up to `maxAttempts`; a restart resumes the outbox.
 * Delivery is at least once: receivers deduplicate with the `X-Aiguillage-Delivery` header. Each call goes only to
 * a destination the operator allowed, carries personal data only as the rule opted into, and is audited with the
 * names of the fields it carried.
 */
export class WebhookDispatcher {
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private drainAgain = false;
  private stopped = false;

  constructor(private readonly options: WebhookDispatcherOptions) {}

  async enqueue(ticketId: Types.ObjectId, calls: readonly WebhookCall[], now = new Date()): Promise<void> {
    for (const call of calls) {
      await enqueueWebhookDelivery(
        { ticketId, event: ticketRoutedEvent, url: call.url, secretRef: call.secretRef, personalFields: call.personalFields },
        now,
      );
    }
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.options.pollIntervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Delivers what is due now, in the background; calls made while a pass runs start one more pass. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = (async () => {
      do {
        this.drainAgain = false;
        await this.runOnce();
      } while (this.drainAgain && !this.stopped);
    })()
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'webhook dispatch pass failed'))
      .finally(() => {
        this.draining = undefined;
      });
  }

  /** Attempts every delivery due at `now` once; returns how many were attempted. */
  async runOnce(now = new Date()): Promise<number> {
    let attempted = 0;
    for (;;) {
      if (this.stopped) return attempted;
      const delivery = await claimDueWebhookDelivery(now, this.options.timeoutMs * 2);
      if (!delivery) return attempted;
      await this.attempt(delivery, now);
      attempted += 1;
    }
  }

  /** Resolves once no background pass is running (what `kick` started has been attempted). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.draining;
  }

  private async attempt(delivery: WebhookDeliveryDocument, now: Date): Promise<void> {
    const secretName = delivery.secretRef ?? defaultSecretName;
    const secret = this.options.secrets[secretName];
    if (!secret) {
      await this.giveUp(delivery, `secret « ${secretName} » absent de WEBHOOK_SECRETS : appel non signé refusé`);
      return;
    }
    try {
      this.options.destinations.checkUrl(delivery.url);
    } catch (error) {
      await this.refused(delivery, error as Error);
      return;
    }
    const ticket = await findTicketById(delivery.ticketId.toString());
    if (!ticket) {
      await this.giveUp(delivery, 'ticket introuvable (supprimé depuis ?)');
      return;
    }
    const personalFields = (delivery.personalFields ?? []) as WebhookPersonalField[];
    const { fields, ...payload } = webhookPayload(ticket, await findRequestById(ticket.requestId), personalFields);
    const body = JSON.stringify({ event: delivery.event, deliveryId: delivery._id.toString(), ...payload });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Aiguillage-Webhook/1',
      'x-aiguillage-event': delivery.event,
      'x-aiguillage-delivery': delivery._id.toString(),
      'x-aiguillage-attempt': String(delivery.attempts + 1),
      [timestampHeader]: timestamp,
      [signatureHeader]: signWebhookBody(secret, timestamp, body),
    };
    const sent = {
      deliveryId: delivery._id.toString(),
      attempt: delivery.attempts + 1,
      destination: originOf(delivery.url),
      fields,
      personalFields,
    };
    let status: number;
    try {
      status = await postWebhook(delivery.url, headers, body, {
        timeoutMs: this.options.timeoutMs,
        lookup: this.options.destinations.lookup,
      });
    } catch (error) {
      if (error instanceof WebhookDestinationRefused) {
        await this.refused(delivery, error);
        return;
      }
      await auditWebhookCall(delivery, 'webhook.sent', { ...sent, outcome: 'no-answer' });
      const cause = (error as { code?: string }).code;
      await this.retryLater(delivery, now, `${(error as Error).name}${cause ? ` (${cause})` : ''}`);
      return;
    }
    await auditWebhookCall(delivery, 'webhook.sent', {
      ...sent,
      outcome: status >= 200 && status < 300 ? 'delivered' : 'refused-by-receiver',
      statusCode: status,
    });
    if (status >= 200 && status < 300) {
      await recordWebhookDelivered(delivery._id, status, new Date());
      return;
    }
    await this.retryLater(delivery, now, `réponse HTTP ${status}`, status);
  }

  /** The destination policy refused the call before anything was sent: given up, audited, never retried. */
  private async refused(delivery: WebhookDeliveryDocument, error: Error): Promise<void> {
    await auditWebhookCall(delivery, 'webhook.refused', {
      deliveryId: delivery._id.toString(),
      destination: originOf(delivery.url),
      fields: [],
    });
    await this.giveUp(delivery, `destination refusée : ${error.message}`);
  }

  private async retryLater(delivery: WebhookDeliveryDocument, now: Date, error: string, statusCode?: number): Promise<void> {
    const failedAttempts = delivery.attempts + 1;
    const retryAt =
      failedAttempts >= this.options.maxAttempts
        ? null
        : new Date(now.getTime() + retryDelayMs(failedAttempts, this.options.retryBaseMs, this.options.retryMaxMs));
    await recordWebhookAttemptFailed(delivery._id, { error, statusCode, retryAt });
    this.options.logger.warn(
      { deliveryId: delivery._id.toString(), target: originOf(delivery.url), attempts: failedAttempts, error, retryAt },
      retryAt ? 'webhook call failed, will retry' : 'webhook call failed for the last time',
    );
  }

  private async giveUp(delivery: WebhookDeliveryDocument, error: string): Promise<void> {
    await recordWebhookAttemptFailed(delivery._id, { error, retryAt: null });
    this.options.logger.error({ deliveryId: delivery._id.toString(), target: originOf(delivery.url), error }, 'webhook call abandoned');
  }
}

/**
 * Audit events name fields, never their values; the ticket is the object, so a DPO finds every call about it, in the
 * trail of the ticket's commune (another commune's DPO does not read it).
 */
async function auditWebhookCall(
  delivery: WebhookDeliveryDocument,
  action: 'webhook.sent' | 'webhook.refused',
  details: Record<string, unknown>,
): Promise<void> {
  await recordAuditEvent({
    action,
    objectType: 'Ticket',
    objectId: delivery.ticketId.toString(),
    commune: delivery.commune,
    details: { event: delivery.event, ...details },
  });
}
