import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startApplication } from '../../server/application';
import { loadConfig } from '../../server/config';
import { startDatabase } from '../../server/database/start-database';
import { createLogger } from '../../server/logger';
import { percentile } from './percentile';

const requestCount = Number(process.env.BENCH_REQUESTS ?? 500);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const corpusTexts = readFileSync(path.join(__dirname, '..', '..', 'classifiers', 'corpus', 'test.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { id: string; subject: string; text: string; channel: string });

/** Form intake → ticket routed, measured end to end over real HTTP on the embedded database. */
async function benchIntake(): Promise<void> {
  const logger = createLogger('warn');
  const config = loadConfig(process.env, { port: 0, smtpIntakeEnabled: false, logLevel: 'warn', intakeRateLimitPerMinute: 1_000_000 });
  const database = await startDatabase(config, logger);
  const application = await startApplication(config, logger, `${database.uri.replace(/\/$/, '')}/bench_intake`);
  const routedAt = new Map<string, number>();
  application.events.on('ticket.created', (ticket) => routedAt.set(ticket.request!.id, performance.now()));

  const latencies: number[] = [];
  const postedAt = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requestCount) {
        const sample = corpusTexts[next++ % corpusTexts.length]!;
        const before = performance.now();
        const response = await fetch(`${application.url}/api/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ subject: sample.subject, text: sample.text, requester: { name: 'Banc d’essai' } }),
        });
        if (response.status !== 201) throw new Error(`intake answered ${response.status}`);
        postedAt.set(((await response.json()) as { id: string }).id, before);
      }
    }),
  );
  await application.worker.idle();
  const elapsedSeconds = (performance.now() - started) / 1000;
  for (const [id, before] of postedAt) latencies.push(routedAt.get(id)! - before);
  latencies.sort((a, b) => a - b);
  console.log(`intake (form POST → ticket routed), embedded ${database.kind}, ${requestCount} requests, concurrency ${concurrency}`);
  console.log(`  throughput: ${(requestCount / elapsedSeconds).toFixed(1)} requests/s`);
  console.log(`  latency p50: ${percentile(latencies, 50).toFixed(1)} ms  p99: ${percentile(latencies, 99).toFixed(1)} ms`);
  await application.stop();
  await database.stop();
}

/** The classify CLI on 1,000 requests, start-up included and excluded. */
function benchClassifyCli(): void {
  const directory = mkdtempSync(path.join(tmpdir(), 'aiguillage-bench-'));
  const file = path.join(directory, 'requests.jsonl');
  const lines = Array.from({ length: 1000 }, (_, index) => {
    const sample = corpusTexts[index % corpusTexts.length]!;
    return JSON.stringify({ id: `bench-${index}`, channel: sample.channel, subject: sample.subject, text: sample.text });
  });
  writeFileSync(file, `${lines.join('\n')}\n`);
  writeFileSync(path.join(directory, 'one.jsonl'), `${lines[0]}\n`);
  const cli = path.join(__dirname, '..', '..', 'server', 'cli', 'classify-cli.ts');
  const run = (input: string) => {
    const before = performance.now();
    const output = execFileSync(process.execPath, ['--import', 'tsx', cli, input], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { seconds: (performance.now() - before) / 1000, lines: output.trim().split('\n').length };
  };
  const startup = run(path.join(directory, 'one.jsonl'));
  const whole = run(file);
  const perRequestSeconds = (whole.seconds - startup.seconds) / (whole.lines - 1);
  console.log(`classify CLI, ${whole.lines} requests`);
  console.log(`  wall time: ${whole.seconds.toFixed(2)} s (start-up ${startup.seconds.toFixed(2)} s)`);
  console.log(
    `  after start-up: ${(1 / perRequestSeconds).toFixed(0)} requests/s, ${(perRequestSeconds * 1000).toFixed(2)} ms per request`,
  );
}

benchIntake()
  .then(benchClassifyCli)
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
