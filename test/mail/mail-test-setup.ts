import type { Config } from '../../server/config';
import type { DovecotServer, SmtpSink } from '../support/mail-servers';

/** The application wired to the test's Dovecot (plain IMAP on loopback) and SMTP sink. */
export function mailConfig(dovecot: DovecotServer, sink: SmtpSink, overrides: Partial<Config> = {}): Partial<Config> {
  return {
    smtpIntakeEnabled: false,
    imapHost: '127.0.0.1',
    imapPort: dovecot.port,
    imapTls: false,
    imapUser: dovecot.user,
    imapPassword: dovecot.password,
    imapPollIntervalMs: 2000,
    smtpOutHost: '127.0.0.1',
    smtpOutPort: sink.port,
    outboxIntervalMs: 500,
    linkSigningSecret: 'cle-de-signature-des-liens-de-test-0123456789',
    publicBaseUrl: 'https://mairie.example',
    ...overrides,
  };
}

/** Polls until `probe` returns something other than undefined/false/null. */
export async function eventually<T>(probe: () => Promise<T>, what: string, timeoutMs = 20_000): Promise<Exclude<NonNullable<T>, false>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value as Exclude<NonNullable<T>, false>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
