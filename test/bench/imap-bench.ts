import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { ImportedMailModel } from '../../models/mail/imported-mail-model';
import { TicketMessageModel } from '../../models/ticket/ticket-message-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import { startApplication } from '../../server/application';
import { loadConfig, type Config } from '../../server/config';
import { startDatabase } from '../../server/database/start-database';
import { createLogger } from '../../server/logger';
import { ImapIntake } from '../../server/mail/imap-intake';
import { startDovecot, startSmtpSink } from '../support/mail-servers';
import { rawMail } from '../support/raw-mail';

const messageCount = Number(process.env.BENCH_IMAP_MESSAGES ?? 2000);
const endToEndCount = Number(process.env.BENCH_IMAP_END_TO_END ?? 200);
const corpus = readFileSync(path.join(__dirname, '..', '..', 'classifiers', 'corpus', 'test.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { subject: string; text: string });

/** Polls until `count` reaches `target`, telling on stderr how it goes, and returns when it did. */
async function waitFor(what: string, count: () => Promise<number>, target: number): Promise<number> {
  let lastReport = performance.now();
  for (;;) {
    const current = await count();
    if (current >= target) return performance.now();
    if (performance.now() - lastReport > 10_000) {
      process.stderr.write(`  … ${what}: ${current}/${target}\n`);
      lastReport = performance.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function fillMailbox(deliver: (raw: Buffer) => Promise<void>, count: number, prefix: string): Promise<number> {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20 * 1024, 0x20)]);
  const started = performance.now();
  for (let index = 0; index < count; index += 1) {
    const sample = corpus[index % corpus.length]!;
    const outOfOffice = index % 10 === 5;
    await deliver(
      await rawMail({
        from: `habitant${index}@example.org`,
        messageId: `<${prefix}-${index}@example.org>`,
        subject: outOfOffice ? 'Réponse automatique : absent' : sample.subject,
        text: outOfOffice ? "Je suis absent jusqu'à lundi." : sample.text,
        headers: outOfOffice ? { 'Auto-Submitted': 'auto-replied' } : {},
        attachments: index % 10 === 7 ? [{ filename: 'justificatif.pdf', content: pdf, contentType: 'application/pdf' }] : [],
      }),
    );
  }
  return (performance.now() - started) / 1000;
}

/**
 * A real Dovecot mailbox of `messageCount` messages (one in ten an out-of-office reply, one in ten with a PDF).
 * First the import alone: parsed, stored, bookkept and moved to the processed folder, with classification held
 * back so that it does not share the two cores. Then, on a smaller folder and a fresh database, the whole path:
 * import, routing and acknowledgements accepted by the SMTP sink.
 */
async function benchImapImport(): Promise<void> {
  const [dovecot, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
  const deliverySeconds = await fillMailbox((raw) => dovecot.deliver(raw), messageCount, 'import');
  const logger = createLogger('warn');
  const settings: Partial<Config> = {
    port: 0,
    smtpIntakeEnabled: false,
    logLevel: 'warn',
    smtpOutHost: '127.0.0.1',
    smtpOutPort: sink.port,
    outboxIntervalMs: 1000,
    linkSigningSecret: 'banc-d-essai-banc-d-essai-banc-d-essai',
  };
  const database = await startDatabase(loadConfig(process.env, {}), logger);
  const databaseUri = (name: string) => `${database.uri.replace(/\/$/, '')}/${name}`;

  const importing = await startApplication(loadConfig(process.env, settings), logger, databaseUri('bench_imap_import'));
  await importing.worker.stop();
  const intake = new ImapIntake(
    {
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      user: dovecot.user,
      password: dovecot.password,
      folder: 'INBOX',
      processedFolder: 'Traités',
      pollIntervalMs: 60_000,
    },
    { maxEmailBytes: 15 * 1024 * 1024, receive: importing.mail.receive },
    logger,
  );
  // The first pass takes every message present; it ends once the last batch is moved out of the inbox.
  const firstPass = once(intake, 'synced');
  const importStarted = performance.now();
  intake.start();
  const [summary] = (await firstPass) as [{ imported: number; refused: number }];
  const imported = performance.now();
  await intake.stop();
  if (summary.imported + summary.refused !== messageCount || (await ImportedMailModel.countDocuments({})) !== messageCount) {
    throw new Error(`the first pass imported ${summary.imported} and refused ${summary.refused} of ${messageCount} messages`);
  }
  await importing.stop();
  const importSeconds = (imported - importStarted) / 1000;
  const left = (await dovecot.list('INBOX')).length;

  await fillMailbox((raw) => dovecot.deliver(raw, 'Bout-en-bout'), endToEndCount, 'complet');
  const requests = endToEndCount - Math.floor((endToEndCount + 4) / 10);
  const started = performance.now();
  const whole = await startApplication(
    loadConfig(process.env, {
      ...settings,
      imapHost: '127.0.0.1',
      imapPort: dovecot.port,
      imapTls: false,
      imapUser: dovecot.user,
      imapPassword: dovecot.password,
      imapFolder: 'Bout-en-bout',
      imapProcessedFolder: 'Traités',
    }),
    logger,
    databaseUri('bench_imap_whole'),
  );
  const routed = await waitFor('routed', () => TicketModel.countDocuments({}), requests);
  const acknowledged = await waitFor('acknowledged', () => TicketMessageModel.countDocuments({ 'delivery.status': 'sent' }), requests);
  await whole.stop();

  console.log(`IMAP import from Dovecot on loopback, embedded ${database.kind} database (10 % out-of-office, 10 % with a 20 kB PDF)`);
  console.log(`  ${messageCount} messages put in the mailbox by IMAP APPEND in ${deliverySeconds.toFixed(1)} s`);
  console.log(
    `  imported (parsed, stored, bookkept, moved): ${(messageCount / importSeconds).toFixed(1)} messages/s (${importSeconds.toFixed(1)} s), ${left} left in INBOX`,
  );
  console.log(`  whole path on ${endToEndCount} messages (import, classification, routing, acknowledgement sent), start-up included:`);
  console.log(
    `    ${requests} tickets routed after ${((routed - started) / 1000).toFixed(1)} s, all acknowledged after ${((acknowledged - started) / 1000).toFixed(1)} s: ${(endToEndCount / ((acknowledged - started) / 1000)).toFixed(1)} messages/s`,
  );
  await database.stop();
  await Promise.all([dovecot.stop(), sink.stop()]);
}

benchImapImport().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
