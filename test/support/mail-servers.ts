import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';

import { dovecotPaths, smtpSinkPath } from '../prerequisites/test-prerequisites';

const run = promisify(execFile);

/**
 * Real mail servers from Debian packages, on loopback, for the mail tests: Dovecot as the town's IMAP server
 * (a throw-away user and maildir under a temporary directory) and Postfix's smtp-sink as the outgoing SMTP
 * server, which writes every mail it accepts to a file. A missing binary fails the test with the package to
 * install: these tests never skip.
 */
function requireBinary(binary: string, aptPackage: string): string {
  if (!existsSync(binary)) {
    throw new Error(
      `${binary} is missing: the mail tests need it (Debian package ${aptPackage}). \`npm run prerequisites\` installs it, or says how`,
    );
  }
  return binary;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForGreeting(port: number, expected: RegExp, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.setTimeout(2000, () => socket.destroy());
      socket.on('data', (chunk) => {
        received += chunk.toString();
        if (expected.test(received)) {
          socket.destroy();
          resolve(true);
        }
      });
      socket.on('error', () => resolve(false));
      socket.on('close', () => resolve(false));
    });
    if (greeted) return;
    if (Date.now() > deadline) throw new Error(`no server greeting on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** A server left running by a test process that died would hold its port and temporary files. */
function killWithThisProcess(child: ChildProcess): void {
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
}

/** Unprivileged identities: Dovecot refuses to serve mail as root, and smtp-sink must drop root. */
async function unprivilegedAccount(): Promise<{ name: string; uid: number; gid: number }> {
  if (process.getuid?.() !== 0) return { name: userInfo().username, uid: process.getuid!(), gid: process.getgid!() };
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', 'nobody']), run('id', ['-g', 'nobody'])]);
  return { name: 'nobody', uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

export interface DovecotServer {
  port: number;
  user: string;
  password: string;
  /** Delivers a raw message into a folder of the mailbox (IMAP APPEND), as the town's mail server would. */
  deliver(raw: string | Buffer, folder?: string): Promise<void>;
  /** Messages in a folder, with their flags. */
  list(folder?: string): Promise<Array<{ uid: number; flags: string[]; messageId: string | undefined }>>;
  /** Closes every IMAP connection of the user from the server side (doveadm kick), like a network cut. */
  kick(): Promise<void>;
  stop(): Promise<void>;
}

export async function startDovecot(): Promise<DovecotServer> {
  const dovecot = requireBinary(dovecotPaths.server, 'dovecot-imapd');
  requireBinary(dovecotPaths.imap, 'dovecot-imapd');
  const doveadm = requireBinary(dovecotPaths.admin, 'dovecot-imapd');
  const root = await mkdtemp(path.join(tmpdir(), 'aiguillage-dovecot-'));
  const port = await freePort();
  const user = 'contact';
  const password = 'mot-de-passe-de-test';
  const mailOwner = await unprivilegedAccount();
  const runningAsRoot = process.getuid?.() === 0;
  for (const folder of ['run', 'state', 'home']) await mkdir(path.join(root, folder));
  await chmod(root, 0o755);
  await chown(path.join(root, 'home'), mailOwner.uid, mailOwner.gid);
  await writeFile(path.join(root, 'users'), `${user}:{PLAIN}${password}\n`, { mode: 0o644 });
  const configFile = path.join(root, 'dovecot.conf');
  await writeFile(
    configFile,
    `base_dir = ${root}/run
state_dir = ${root}/state
log_path = ${root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = ${mailOwner.uid}
last_valid_uid = 0
mail_location = maildir:${root}/home/%u/Maildir
${runningAsRoot ? '' : `default_login_user = ${mailOwner.name}\ndefault_internal_user = ${mailOwner.name}\n`}passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${root}/users
}
userdb {
  driver = static
  args = uid=${mailOwner.uid} gid=${mailOwner.gid} home=${root}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`,
  );
  const child = spawn(dovecot, ['-F', '-c', configFile], { stdio: 'ignore' });
  killWithThisProcess(child);
  await waitForGreeting(port, /^\* OK/).catch(async (error: Error) => {
    await stopProcess(child);
    const log = await readFile(path.join(root, 'dovecot.log'), 'utf8').catch(() => '(no log)');
    throw new Error(`${error.message}\nDovecot log:\n${log}`);
  });

  const session = async <T>(work: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  };
  let appender: ImapFlow | null = null;

  return {
    port,
    user,
    password,
    async deliver(raw, folder = 'INBOX') {
      if (!appender?.usable) {
        appender = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
        appender.on('error', () => undefined);
        await appender.connect();
      }
      await appender.append(folder, raw).catch(async (error: { serverResponseCode?: string }) => {
        if (error.serverResponseCode !== 'TRYCREATE') throw error;
        await appender!.mailboxCreate(folder);
        await appender!.append(folder, raw);
      });
    },
    async list(folder = 'INBOX') {
      return session(async (client) => {
        await client.mailboxOpen(folder);
        if (!client.mailbox || client.mailbox.exists === 0) return [];
        const messages = await client.fetchAll('1:*', { uid: true, flags: true, envelope: true });
        return messages.map((message) => ({ uid: message.uid, flags: [...(message.flags ?? [])], messageId: message.envelope?.messageId }));
      });
    },
    async kick() {
      await run(doveadm, ['-c', configFile, 'kick', user]);
    },
    async stop() {
      await appender?.logout().catch(() => undefined);
      await stopProcess(child);
      await rm(root, { recursive: true, force: true });
    },
  };
}

export interface SmtpSink {
  port: number;
  /** Every mail the sink accepted so far, parsed. */
  received(): Promise<ParsedMail[]>;
  /** Waits until a received mail matches, and returns it. */
  waitFor(match: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  stop(): Promise<void>;
}

/** `port`: one the application was already given, to start the mail server after it (mail waiting, then sent). */
export async function startSmtpSink(port?: number): Promise<SmtpSink> {
  const smtpSink = requireBinary(smtpSinkPath, 'postfix');
  const root = await mkdtemp(path.join(tmpdir(), 'aiguillage-smtp-sink-'));
  const spool = path.join(root, 'mail');
  await mkdir(spool);
  await chmod(root, 0o755);
  await chmod(spool, 0o777);
  port ??= await freePort();
  const account = await unprivilegedAccount();
  const asRoot = process.getuid?.() === 0 ? ['-u', account.name] : [];
  // -d: one file per mail, named from the template plus a random suffix.
  const child = spawn(smtpSink, [...asRoot, '-d', `${spool}/%H%M%S.`, `127.0.0.1:${port}`, '64'], { stdio: 'ignore' });
  killWithThisProcess(child);
  await waitForGreeting(port, /^220 /).catch(async (error: Error) => {
    await stopProcess(child);
    throw error;
  });

  const received = async () => {
    const files = (await readdir(spool)).sort();
    const mails = await Promise.all(files.map(async (file) => simpleParser(await readFile(path.join(spool, file)))));
    return mails.filter((mail) => mail.messageId);
  };
  return {
    port,
    received,
    async waitFor(match, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (await received()).find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching mail reached the SMTP sink within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    },
    async stop() {
      await stopProcess(child);
      await rm(root, { recursive: true, force: true });
    },
  };
}
