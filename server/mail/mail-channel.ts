import { randomBytes } from 'node:crypto';

import { fallbackQueueId } from '../../classifiers/taxonomy/taxonomy';
import { sendFollowUpNotifications } from '../citizen/follow-up-notifications';
import { FollowUpPolicy } from '../citizen/follow-up-policy';
import { citizenLinks } from '../citizen/status-link';
import type { Clock } from '../clock';
import type { CommuneDirectory } from '../communes/commune-directory';
import type { Config } from '../config';
import type { TicketEvents } from '../events/ticket-events';
import type { Logger } from '../logger';
import type { ProcessingWorker } from '../pipeline/processing-worker';
import type { TicketWorkflow } from '../tickets/ticket-workflow';
import { acknowledgeMissedTickets, acknowledgeNewTickets, type AcknowledgementParts } from './acknowledge-tickets';
import { CommuneMailboxes } from './commune-mailboxes';
import { ImapIntake } from './imap-intake';
import { MailOutbox } from './mail-outbox';
import { createOutgoingTransport } from './outgoing-transport';
import { receiveEmail, type ReceivedEmail, type ReceiveEmailParts } from './receive-email';
import { sendClosingMessages, type ClosingParts } from './send-closing-messages';

export interface MailChannel {
  /**
   * Every mail reaching the shared mailbox goes through here, whatever brought it (IMAP, SMTP relay); `commune`,
   * when the channel knows it (SMTP recipient, a commune's own mailbox), is the commune it was delivered for.
   */
  receive(raw: Buffer, receivedAt?: Date, commune?: string): Promise<ReceivedEmail>;
  /** What the mail modules need to write to citizens (agent replies use it). */
  ticketMail: ClosingParts;
  /** Sends the queued mail that is due (a cluster's worker processes call it from a job). */
  deliverOutbox(): Promise<number>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A process of a cluster: its outbox kicks become jobs, and only web processes read the mailbox (intake). */
export interface MailInCluster {
  handOffOutbox: () => void;
  readsMailbox: boolean;
}

const missedAcknowledgementWindowMs = 24 * 3_600_000;

/** Everything the shared mailbox needs, wired from the configuration: intake, outbox, acknowledgements, closings. */
export function createMailChannel(
  config: Config,
  logger: Logger,
  worker: ProcessingWorker,
  events: TicketEvents,
  tickets: TicketWorkflow,
  communes: CommuneDirectory,
  now: Clock,
  cluster?: MailInCluster,
): MailChannel {
  const signingSecret = config.linkSigningSecret ?? developmentSecret(config, logger);
  const links = citizenLinks(config.publicBaseUrl, signingSecret);
  const outbox = new MailOutbox(
    createOutgoingTransport(config),
    {
      senderName: (address) => communes.senderName(address, config.mailFromName),
      intervalMs: config.outboxIntervalMs,
      leaseMs: 60_000,
      maxAttempts: 8,
      unsubscribeUrl: links.unsubscribeUrl,
      handOff: cluster?.handOffOutbox,
    },
    logger,
  );
  const receiveParts: ReceiveEmailParts = {
    worker,
    tickets,
    attachmentLimits: { maxBytes: config.maxAttachmentBytes, maxCount: config.maxAttachmentsPerEmail },
    inboxAddress: config.inboxAddress,
    logger,
    communes,
  };
  const receive = (raw: Buffer, receivedAt = now(), commune?: string) => receiveEmail(receiveParts, raw, receivedAt, commune);
  const ticketMail: ClosingParts = {
    outbox,
    inboxAddress: config.inboxAddress,
    communes,
    logger,
    enabled: config.closingMessagesEnabled,
    publicBaseUrl: config.publicBaseUrl,
    signingSecret,
    links,
    followUps: new FollowUpPolicy(),
  };
  const acknowledgements: AcknowledgementParts = {
    outbox,
    inboxAddress: config.inboxAddress,
    communes,
    logger,
    links,
    enabled: config.acknowledgementsEnabled,
    formAcknowledgementsPerAddress: config.formAcknowledgementsPerAddress,
  };
  const imap =
    config.imapHost && (cluster?.readsMailbox ?? true)
      ? new ImapIntake(
          {
            host: config.imapHost,
            port: config.imapPort,
            secure: config.imapTls,
            user: config.imapUser ?? config.inboxAddress,
            password: config.imapPassword,
            accessToken: config.imapOauth2Token,
            folder: config.imapFolder,
            processedFolder: config.imapProcessedFolder,
            pollIntervalMs: config.imapPollIntervalMs,
          },
          { maxEmailBytes: config.maxEmailBytes, receive },
          logger,
        )
      : null;
  // Each commune with a mailbox of its own: what arrives there is that commune's (read where the shared one is).
  const communeMailboxes = (cluster?.readsMailbox ?? true) ? new CommuneMailboxes(communes, config, receive, logger) : null;
  // Event handlers run detached from the request that caused them; stop() waits for them before the database goes.
  const inFlight = new Set<Promise<unknown>>();
  acknowledgeNewTickets(events, acknowledgements, inFlight);
  sendClosingMessages(events, ticketMail, inFlight);
  sendFollowUpNotifications(events, { ...ticketMail, receptionQueue: fallbackQueueId }, inFlight);

  return {
    receive,
    ticketMail,
    deliverOutbox: () => outbox.deliverNow(),
    async start() {
      const missed = await acknowledgeMissedTickets(acknowledgements, new Date(Date.now() - missedAcknowledgementWindowMs));
      if (missed > 0) logger.info({ missed }, 'queued acknowledgements a previous run had not');
      outbox.start();
      imap?.start();
      await communeMailboxes?.start();
    },
    async stop() {
      await imap?.stop();
      await communeMailboxes?.stop();
      await Promise.all(inFlight);
      await outbox.stop();
    },
  };
}

function developmentSecret(config: Config, logger: Logger): string {
  if (config.nodeEnv === 'production') throw new Error('LINK_SIGNING_SECRET is required in production (32 characters or more)');
  logger.warn('LINK_SIGNING_SECRET unset: status and satisfaction links are signed with a random key and stop working at restart');
  return randomBytes(32).toString('hex');
}
