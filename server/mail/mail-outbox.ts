import type { Transporter } from 'nodemailer';

import type { TicketMessageDocument } from '../../models/ticket/ticket-message-model';
import { claimDueOutboundMessage, markDeliveryFailed, markMessageSent } from '../../models/ticket/ticket-message-repository';
import type { Logger } from '../logger';

export interface MailOutboxSettings {
  /** The name shown beside the address a mail goes out from (a commune's town hall, or the service's). */
  senderName: (address: string) => string;
  intervalMs: number;
  /** How long a claimed message is left to its sender before another attempt may take it. */
  leaseMs: number;
  maxAttempts: number;
  /** The one-click end of follow-up notifications for a request (RFC 8058), announced in every mail's headers. */
  unsubscribeUrl?: (requestId: string) => string;
  /**
   * In a cluster, sending belongs to the worker processes: a kick becomes a job for one of them (which calls
   * `deliverNow`), and their cluster-wide timer replaces this outbox's own.
   */
  handOff?: () => void;
}

/** Kinds written by no person: marked per RFC 3834 so that other robots do not answer them (no loops). */
const automaticKinds: Record<string, string> = {
  acknowledgement: 'auto-replied',
  closing: 'auto-generated',
  notification: 'auto-generated',
};

/**
 * Delivers queued mail by SMTP. The queue is the database (ticket messages with a pending delivery), so a mail
 * queued before a crash or during an SMTP outage is sent later; failures are retried with a growing delay, and
 * a permanent refusal (5xx) or too many attempts end in `failed`, visible in the conversation.
 */
export class MailOutbox {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private again = false;

  constructor(
    private readonly transport: Transporter | null,
    private readonly settings: MailOutboxSettings,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (!this.transport) {
      this.logger.warn('no outgoing SMTP server (SMTP_OUT_HOST): mail to citizens stays queued until one is configured');
      return;
    }
    if (this.settings.handOff) return;
    // kick() never rejects (a failed run is logged), so nothing is left to await here.
    this.timer = setInterval(() => void this.deliverNow(), this.settings.intervalMs);
    this.timer.unref();
    void this.deliverNow();
  }

  /** Something was queued: delivers it now here, or has a worker process do it in a cluster. */
  kick(): Promise<number> {
    if (this.settings.handOff) {
      this.settings.handOff();
      return Promise.resolve(0);
    }
    return this.deliverNow();
  }

  /** Delivers what is due now; concurrent calls share one run, and a call during a run makes it go round again. */
  deliverNow(): Promise<number> {
    if (!this.transport) return Promise.resolve(0);
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.deliverDue()
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'mail outbox run failed');
        return 0;
      })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          void this.deliverNow();
        }
      });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async deliverDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const message = await claimDueOutboundMessage(this.settings.leaseMs);
      if (!message) return sent;
      if (await this.deliver(message)) sent += 1;
    }
  }

  private async deliver(message: TicketMessageDocument): Promise<boolean> {
    const autoSubmitted = automaticKinds[message.kind];
    try {
      await this.transport!.sendMail({
        // From the address the mail was written from: its commune's (see queueTicketMail).
        from: { name: this.settings.senderName(message.from), address: message.from },
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: message.messageId,
        inReplyTo: message.inReplyTo ?? undefined,
        references: message.references.length > 0 ? [...message.references] : undefined,
        headers: {
          ...(autoSubmitted ? { 'Auto-Submitted': autoSubmitted, 'X-Auto-Response-Suppress': 'All' } : {}),
          ...(this.settings.unsubscribeUrl
            ? {
                'List-Unsubscribe': `<${this.settings.unsubscribeUrl(message.requestId.toString())}>`,
                'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              }
            : {}),
        },
      });
      await markMessageSent(message._id);
      this.logger.info({ ticketMessageId: message._id.toString(), kind: message.kind }, 'mail sent');
      return true;
    } catch (error) {
      const { responseCode, message: reason } = error as { responseCode?: number; message?: string };
      const attempts = message.delivery?.attempts ?? 1;
      const permanent = typeof responseCode === 'number' && responseCode >= 500;
      const retryAt =
        permanent || attempts >= this.settings.maxAttempts ? null : new Date(Date.now() + retryDelayMs(attempts, this.settings.intervalMs));
      await markDeliveryFailed(message._id, `${responseCode ?? ''} ${reason ?? 'échec SMTP'}`.trim().slice(0, 500), retryAt);
      this.logger.warn(
        { ticketMessageId: message._id.toString(), responseCode, attempts, willRetry: retryAt !== null },
        'mail delivery failed',
      );
      return false;
    }
  }
}

/** 1, 2, 4… times the outbox interval, at most six hours. */
function retryDelayMs(attempts: number, intervalMs: number): number {
  return Math.min(intervalMs * 2 ** (attempts - 1), 6 * 3_600_000);
}
