import { EventEmitter } from 'node:events';
import { ImapFlow } from 'imapflow';

import type { Logger } from '../logger';
import { importNewMessages, type ImportSummary, type MailboxImportParts } from './import-mailbox';

export interface ImapSettings {
  host: string;
  port: number;
  /** Implicit TLS (port 993); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  user: string;
  password?: string;
  accessToken?: string;
  folder: string;
  processedFolder?: string;
  pollIntervalMs: number;
}

interface ImapIntakeEvents {
  connected: [];
  synced: [ImportSummary];
  disconnected: [];
}

const firstRetryMs = 1000;
const maxRetryMs = 60_000;

/**
 * Keeps a connection to the shared mailbox and imports what arrives: IDLE tells it at once where the server
 * supports it, a poll every `pollIntervalMs` covers the others and any missed notification. A lost connection
 * is re-opened with a growing delay; the import resumes from the stored cursor, so nothing is lost.
 */
export class ImapIntake extends EventEmitter<ImapIntakeEvents> {
  private stopped = false;
  private client: ImapFlow | null = null;
  private wake: (() => void) | null = null;
  private syncRequested = false;
  private loop: Promise<void> | null = null;
  readonly mailboxKey: string;

  constructor(
    private readonly settings: ImapSettings,
    private readonly importParts: Omit<MailboxImportParts, 'mailboxKey' | 'processedFolder' | 'logger'>,
    private readonly logger: Logger,
  ) {
    super();
    this.mailboxKey = `${settings.user}@${settings.host}:${settings.port}/${settings.folder}`;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    this.client?.close();
    await this.loop;
  }

  private requestSync(): void {
    this.syncRequested = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    let retryMs = firstRetryMs;
    while (!this.stopped) {
      const client = this.connect();
      const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
      try {
        await client.connect();
        if (this.settings.processedFolder) await ensureFolder(client, this.settings.processedFolder);
        await client.mailboxOpen(this.settings.folder);
        this.emit('connected');
        retryMs = firstRetryMs;
        while (!this.stopped && client.usable) {
          this.syncRequested = false;
          const summary = await importNewMessages(client, {
            ...this.importParts,
            mailboxKey: this.mailboxKey,
            processedFolder: this.settings.processedFolder,
            logger: this.logger,
          });
          if (summary.imported + summary.refused > 0) this.logger.info({ mailbox: this.mailboxKey, ...summary }, 'mail imported from IMAP');
          this.emit('synced', summary);
          if (!this.syncRequested) await this.pause(this.settings.pollIntervalMs, closed);
        }
      } catch (error) {
        if (!this.stopped)
          this.logger.warn({ mailbox: this.mailboxKey, err: describeError(error), retryMs }, 'IMAP import interrupted; reconnecting');
      } finally {
        client.close();
        this.client = null;
        this.emit('disconnected');
      }
      if (!this.stopped) {
        await this.pause(retryMs);
        retryMs = Math.min(retryMs * 2, maxRetryMs);
      }
    }
  }

  private connect(): ImapFlow {
    const { host, port, secure, user, password, accessToken } = this.settings;
    const client = new ImapFlow({
      host,
      port,
      secure,
      auth: accessToken ? { user, accessToken } : { user, pass: password },
      // imapflow's own logger would write message contents and addresses: personal data stays out of logs.
      logger: false,
      maxIdleTime: Math.max(this.settings.pollIntervalMs, 60_000),
    });
    client.on('error', (error: Error) =>
      this.logger.warn({ mailbox: this.mailboxKey, err: describeError(error) }, 'IMAP connection error'),
    );
    client.on('exists', () => this.requestSync());
    this.client = client;
    return client;
  }

  /** Waits `ms`, or less when the server announces new mail, the connection closes, or the intake stops. */
  private pause(ms: number, closed?: Promise<void>): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
      // A connection that closes with an error ends the pause just the same.
      void closed?.then(done, done);
    });
  }
}

async function ensureFolder(client: ImapFlow, path: string): Promise<void> {
  const folders = await client.list();
  if (!folders.some((folder) => folder.path === path)) await client.mailboxCreate(path);
}

/** Codes and messages from the IMAP library describe the server's answer, never the mail. */
function describeError(error: unknown): { code?: string; message: string } {
  const { code, message, responseText } = error as { code?: string; message?: string; responseText?: string };
  return { code, message: responseText ?? message ?? String(error) };
}
