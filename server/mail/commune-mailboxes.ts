import type { CommuneMailbox } from '../../routing-rules/communes/commune-schema';
import type { CommuneDirectory } from '../communes/commune-directory';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { ImapIntake } from './imap-intake';
import type { ReceivedEmail } from './receive-email';

type Receive = (raw: Buffer, receivedAt?: Date, commune?: string) => Promise<ReceivedEmail>;

/**
 * The IMAP intake of each active commune with a mailbox of its own: what arrives there is that commune's. Kept in
 * step with the commune list: a mailbox an admin adds, changes or removes (or a commune deactivated) is read, read
 * anew or left from the next load of the list on, in this instance and, through its refresh, in the others.
 */
export class CommuneMailboxes {
  private readonly intakes = new Map<string, { connection: string; intake: ImapIntake }>();
  private running = false;
  /** One reconciliation at a time: a change's reload and the periodic refresh may overlap. */
  private reconciling: Promise<void> = Promise.resolve();

  constructor(
    private readonly communes: CommuneDirectory,
    private readonly config: Config,
    private readonly receive: Receive,
    private readonly logger: Logger,
  ) {
    communes.onLoaded(() => {
      if (this.running) void this.reconcile();
    });
  }

  start(): Promise<void> {
    this.running = true;
    return this.reconcile();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.reconcile();
  }

  private reconcile(): Promise<void> {
    this.reconciling = this.reconciling
      .then(() => this.applyMailboxes())
      .catch((error: unknown) => this.logger.error({ err: error }, 'commune mailboxes could not follow the commune list'));
    return this.reconciling;
  }

  private async applyMailboxes(): Promise<void> {
    const wanted = new Map(
      this.running
        ? this.communes.list().flatMap((commune) => (commune.mailbox && commune.active ? [[commune.insee, commune.mailbox] as const] : []))
        : [],
    );
    for (const [insee, current] of [...this.intakes]) {
      const mailbox = wanted.get(insee);
      if (mailbox && connectionOf(mailbox) === current.connection) continue;
      this.intakes.delete(insee);
      await current.intake.stop();
    }
    for (const [insee, mailbox] of wanted) {
      if (this.intakes.has(insee)) continue;
      const intake = this.intakeFor(insee, mailbox);
      this.intakes.set(insee, { connection: connectionOf(mailbox), intake });
      intake.start();
    }
  }

  private intakeFor(insee: string, mailbox: CommuneMailbox): ImapIntake {
    return new ImapIntake(
      {
        host: mailbox.host,
        port: mailbox.port,
        secure: mailbox.tls,
        user: mailbox.user,
        password: mailbox.password,
        accessToken: mailbox.oauth2Token,
        folder: mailbox.folder,
        processedFolder: mailbox.processedFolder,
        pollIntervalMs: this.config.imapPollIntervalMs,
      },
      { maxEmailBytes: this.config.maxEmailBytes, receive: (raw, receivedAt) => this.receive(raw, receivedAt, insee) },
      this.logger,
    );
  }
}

/** Everything a connection depends on: a change to any of it means a new connection. */
function connectionOf(mailbox: CommuneMailbox): string {
  const { host, port, tls, user, password, oauth2Token, folder, processedFolder } = mailbox;
  return JSON.stringify([host, port, tls, user, password, oauth2Token, folder, processedFolder]);
}
