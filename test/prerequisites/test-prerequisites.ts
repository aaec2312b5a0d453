/**
 * The one list of what the tests need from the system: programs and files from Debian packages, at the paths where
 * the tests look for them (the mail servers and the browser import their paths from here). `npm test` checks it
 * first (ensure-test-prerequisites.ts), `.ci/run` goes through `npm test`, and the README's "Tests" section
 * describes that step.
 */
export interface Prerequisite {
  /** The Debian package providing `files`. */
  debianPackage: string;
  /** Absolute paths the tests use; the prerequisite is met when every one exists. */
  files: readonly string[];
  /** What needs it, told to whoever has to install it. */
  neededBy: string;
}

export const dovecotPaths = { server: '/usr/sbin/dovecot', imap: '/usr/lib/dovecot/imap', admin: '/usr/bin/doveadm' } as const;
export const smtpSinkPath = '/usr/sbin/smtp-sink';

/** CHROMIUM_PATH lets a machine without Debian's Chromium point the browser tests at another Chromium build. */
export function chromiumPath(environment: NodeJS.ProcessEnv): string {
  return environment.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export function testPrerequisites(environment: NodeJS.ProcessEnv): Prerequisite[] {
  return [
    {
      debianPackage: 'dovecot-imapd',
      files: Object.values(dovecotPaths),
      neededBy: 'Dovecot, the IMAP mailbox of the mail tests (test/mail)',
    },
    {
      debianPackage: 'postfix',
      files: [smtpSinkPath],
      neededBy: "Postfix's smtp-sink, the outgoing SMTP server of the mail tests",
    },
    {
      debianPackage: 'chromium',
      files: [chromiumPath(environment)],
      neededBy: 'Chromium, driven by playwright-core in the browser tests (test/browser)',
    },
    {
      debianPackage: 'fonts-liberation',
      files: ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf'],
      neededBy: "a font for the browser tests' pages and screenshots",
    },
    {
      debianPackage: 'redis-server',
      files: ['/usr/bin/redis-server'],
      neededBy: 'Redis, started on loopback by the tests that need a real Redis',
    },
  ];
}
