import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { insertCommuneIfAbsent } from '../../models/communes/commune-repository';
import { townHallOpeningHours } from '../../routing-rules/working-schedule';
import { startApplication } from '../../server/application';
import { loadConfig, type Config } from '../../server/config';
import { startDatabase } from '../../server/database/start-database';
import { createLogger, type Logger } from '../../server/logger';
import { percentile } from './percentile';

const requestCount = Number(process.env.BENCH_REQUESTS ?? 500);
const requestedConcurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const corpusTexts = readFileSync(path.join(__dirname, '..', '..', 'classifiers', 'corpus', 'test.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { id: string; subject: string; text: string; channel: string });

const communeCount = Number(process.env.BENCH_COMMUNES ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);

interface IntakeFigures {
  throughput: number;
  p50: number;
  p99: number;
}

/**
 * Form intake → ticket routed, measured end to end over real HTTP on the embedded database: once for a service of
 * one commune, then for an EPCI of `communeCount` communes (each request names one, in turn), each on a database
 * of its own, and the ratio of the two in the same run.
 */
async function benchIntake(): Promise<void> {
  const logger = createLogger('warn');
  const config = loadConfig(process.env, { port: 0, smtpIntakeEnabled: false, logLevel: 'warn', intakeRateLimitPerMinute: 1_000_000 });
  const database = await startDatabase(config, logger);
  const base = database.uri.replace(/\/$/, '');
  // The jongodb emulator's findAndModify does not always return the document its own update produced: when several
  // `$inc` run at once on one counter, two of them may return the same value (the stored count stays right). Forms
  // posted at once then get the same ticket reference and the second one a 500 (E11000 on reference_1). MongoDB makes
  // findAndModify atomic, so the product stays as it is; on the emulator the forms are posted one at a time instead.
  // A form is stored in milliseconds and routed in far more, so the processing still sets the throughput compared.
  const concurrency = database.kind === 'emulator' ? 1 : requestedConcurrency;
  // A first, unmeasured run warms the process up (models, JIT), so that neither measured run pays for it.
  await runIntake(config, logger, `${base}/bench_intake_warmup`, [], Math.min(50, requestCount), concurrency);
  const communes = Array.from({ length: communeCount }, (_, index) => String(1001 + index).padStart(5, '0'));
  const measure = {
    single: (round: number) => runIntake(config, logger, `${base}/bench_intake_1_${round}`, [], requestCount, concurrency),
    many: (round: number) =>
      runIntake(
        { ...config, communeInsee: communes[0] },
        logger,
        `${base}/bench_intake_${communeCount}_${round}`,
        communes,
        requestCount,
        concurrency,
      ),
  };
  // Rounds in alternating order (1 then 50, 50 then 1…), so that a machine getting busier favours neither.
  const figures = { single: [] as IntakeFigures[], many: [] as IntakeFigures[] };
  for (let round = 0; round < rounds; round += 1) {
    for (const kind of round % 2 === 0 ? (['single', 'many'] as const) : (['many', 'single'] as const))
      figures[kind].push(await measure[kind](round));
  }
  console.log(
    `intake (form POST → ticket routed), embedded ${database.kind}, ${requestCount} requests per run, concurrency ${concurrency}${concurrency < requestedConcurrency ? ` (not ${requestedConcurrency}: see the emulator's note in intake-bench.ts)` : ''}, ${rounds} rounds`,
  );
  const show = (run: IntakeFigures) =>
    `${run.throughput.toFixed(1)} requests/s, p50 ${run.p50.toFixed(0)} ms, p99 ${run.p99.toFixed(0)} ms`;
  // Each round's two runs are neighbours in time, so their ratio is what other work on the machine disturbs least.
  const ratios = figures.single.map((single, round) => figures.many[round].throughput / single.throughput);
  ratios.forEach((ratio, round) => {
    console.log(
      `  round ${round + 1}: 1 commune ${show(figures.single[round])}; ${communeCount} communes ${show(figures.many[round])}; throughput ×${ratio.toFixed(2)}`,
    );
  });
  const sorted = [...ratios].sort((a, b) => a - b);
  const median =
    sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  console.log(`  ${communeCount} communes / 1 commune, throughput: median ×${median.toFixed(2)} over ${rounds} rounds`);
  await database.stop();
}

async function runIntake(
  config: Config,
  logger: Logger,
  databaseUri: string,
  communes: readonly string[],
  count: number,
  concurrency: number,
): Promise<IntakeFigures> {
  const seed = async () => {
    for (const [index, insee] of communes.entries()) {
      await insertCommuneIfAbsent(insee, {
        name: `Commune ${index + 1}`,
        epci: '200099999',
        active: true,
        timeZone: index % 10 === 9 ? 'Indian/Reunion' : 'Europe/Paris',
        holidayCalendar: index % 10 === 9 ? 'reunion' : 'metropole',
        openingHours: townHallOpeningHours('Europe/Paris').week,
        inboxAddresses: [`mairie@commune-${index + 1}.example`],
        acknowledgementSignature: '',
        retentionOverrides: [],
        mailbox: null,
      });
    }
  };
  const application = await startApplication(config, logger, databaseUri, { seed });
  // Connections kept alive for this run only: the next run's server may listen on the same port.
  const agent = new Agent({ keepAlive: true });
  const routedAt = new Map<string, number>();
  application.events.on('ticket.created', (ticket) => routedAt.set(ticket.request!.id, performance.now()));

  const latencies: number[] = [];
  const postedAt = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        const sample = corpusTexts[index % corpusTexts.length]!;
        const commune = communes.length > 0 ? { commune: communes[index % communes.length] } : {};
        const before = performance.now();
        const response = await postJson(agent, `${application.url}/api/requests`, {
          ...commune,
          subject: sample.subject,
          text: sample.text,
          requester: { name: 'Banc d’essai' },
        });
        if (response.status !== 201) throw new Error(`intake answered ${response.status}`);
        postedAt.set((response.body as { id: string }).id, before);
      }
    }),
  );
  await application.worker.idle();
  const elapsedSeconds = (performance.now() - started) / 1000;
  for (const [id, before] of postedAt) latencies.push(routedAt.get(id)! - before);
  latencies.sort((a, b) => a - b);
  agent.destroy();
  await application.stop();
  return { throughput: count / elapsedSeconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

function postJson(agent: Agent, url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const sent = httpRequest(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
        response.on('error', reject);
      },
    );
    // A kept-alive connection the server closes as idle just as the next form is sent on it (its 5 s keep-alive
    // timeout, overrun when this loaded process stalls) resets before the server reads anything: sending the form
    // again is safe then, as Node's documentation of `request.reusedSocket` advises.
    sent.on('error', (error: NodeJS.ErrnoException) => {
      if (!sent.reusedSocket || error.code !== 'ECONNRESET') return reject(error);
      console.warn('a kept-alive connection was closed by the server as the form was sent: sent again');
      resolve(postJson(agent, url, body));
    });
    sent.end(payload);
  });
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
  // BENCH_SKIP_CLI=1 measures the intake alone.
  .then(() => (process.env.BENCH_SKIP_CLI === '1' ? undefined : benchClassifyCli()))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
