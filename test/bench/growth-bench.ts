/**
 * Does the cost of a request grow with the data? Two measurements:
 *
 * 1. The database alone (a minimal reproduction): an indexed lookup, an indexed sort and an insert, timed on a
 *    collection of 1,000 then 5,000 documents. A database that uses its indexes answers both in about the same time.
 * 2. The service: the requests 1–100 and the requests (N-99)–N (default N = 5,000) through the whole path (form
 *    intake → routed ticket), with the service's own CPU time per request (this process: the database runs in
 *    another one) apart from the database time per request (every command, timed by the driver), and the commands
 *    whose time grew most.
 *
 *   npm run bench:growth [-- --total 5000 --service-only]
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { MongoClient, type CommandStartedEvent, type CommandSucceededEvent } from 'mongodb';
import mongoose from 'mongoose';

import { startApplication } from '../../server/application';
import { loadConfig } from '../../server/config';
import { startDatabase } from '../../server/database/start-database';
import { createLogger } from '../../server/logger';

const { values } = parseArgs({
  options: { total: { type: 'string', default: '5000' }, 'service-only': { type: 'boolean', default: false } },
});
const total = Number(values.total);
const windowSize = 100;
const texts = [
  'Bonjour, je voudrais une copie intégrale de mon acte de naissance pour un dossier de passeport.',
  'Le lampadaire au bout de la rue des Lilas est éteint depuis trois jours.',
  'Je souhaite inscrire mon fils à la cantine de l’école Jules Ferry à la rentrée.',
  'Un gros nid-de-poule s’est formé devant le 12 avenue Victor Hugo.',
  'Nous voudrions réserver la salle des fêtes pour un mariage le samedi 14 juin.',
];

async function main(): Promise<void> {
  const logger = createLogger('warn');
  const database = await startDatabase(
    { mongodbUri: process.env.MONGODB_URI, embeddedMongo: process.env.EMBEDDED_MONGO === 'mongod' ? 'mongod' : 'emulator' },
    logger,
  );
  try {
    console.log(`database: ${database.kind}`);
    if (!values['service-only']) await databaseAlone(database.uri);
    await serviceWindows(database.uri);
  } finally {
    await database.stop();
  }
}

async function databaseAlone(uri: string): Promise<void> {
  const client = await MongoClient.connect(withDatabase(uri, 'growth_repro'));
  try {
    const collection = client.db().collection<{ k: number; at: Date; payload: string }>('docs');
    await collection.createIndex({ k: 1 });
    const timeOps = async (count: number, op: (index: number) => Promise<unknown>) => {
      const started = process.hrtime.bigint();
      for (let index = 0; index < count; index += 1) await op(index);
      return Number(process.hrtime.bigint() - started) / 1e3 / count;
    };
    const rows: Record<string, Record<string, string>> = {};
    let size = 0;
    for (const target of [1_000, 5_000]) {
      while (size < target) {
        const batch = Array.from({ length: Math.min(500, target - size) }, (_, index) => ({
          k: size + index,
          at: new Date(),
          payload: 'x'.repeat(200),
        }));
        await collection.insertMany(batch);
        size += batch.length;
      }
      rows[`${target} documents`] = {
        'indexed lookup (µs)': (await timeOps(100, (index) => collection.findOne({ k: (index * 7919) % size }))).toFixed(0),
        'indexed sort, first (µs)': (await timeOps(100, () => collection.find({}).sort({ k: -1 }).limit(1).next())).toFixed(0),
        'insert (µs)': (
          await timeOps(100, (index) => collection.insertOne({ k: size + 1_000_000 + index, at: new Date(), payload: 'y' }))
        ).toFixed(0),
      };
      size += 100;
    }
    console.log('1. the database alone: the same operations on a collection of 1,000 and of 5,000 documents (index on k)');
    console.table(rows);
  } finally {
    await client
      .db()
      .dropDatabase()
      .catch(() => undefined);
    await client.close();
  }
}

async function serviceWindows(uri: string): Promise<void> {
  const config = loadConfig(
    {},
    {
      port: 0,
      smtpIntakeEnabled: false,
      logLevel: 'error',
      intakeRateLimitPerMinute: 100_000_000,
      retentionPurgeEnabled: false,
      // The bench counts its own requests: no sweep racing the windows.
      sweepIntervalMs: 3_600_000,
    },
  );
  // Every command the driver sends is timed (the option also works in the connection string).
  const monitored = new URL(withDatabase(uri, `growth_${Date.now()}`));
  monitored.searchParams.set('monitorCommands', 'true');
  const application = await startApplication(config, createLogger('error'), monitored.toString());
  const client = mongoose.connection.getClient();
  const started = new Map<number, string>();
  let commands = new Map<string, { count: number; ms: number }>();
  client.on('commandStarted', (event: CommandStartedEvent) => {
    const target = event.command[event.commandName];
    started.set(event.requestId, `${event.commandName} ${typeof target === 'string' ? target : ''}`.trim());
  });
  client.on('commandSucceeded', (event: CommandSucceededEvent) => {
    const key = started.get(event.requestId) ?? event.commandName;
    started.delete(event.requestId);
    const entry = commands.get(key) ?? { count: 0, ms: 0 };
    entry.count += 1;
    entry.ms += event.duration;
    commands.set(key, entry);
  });
  let sent = 0;
  let retries = 0;
  const send = async (count: number, concurrency: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          next += 1;
          sent += 1;
          // A form retries a failed send with the same key, as the web form does: the service stores it once.
          const headers = { 'content-type': 'application/json', 'idempotency-key': randomUUID() };
          const body = JSON.stringify({
            text: `${texts[sent % texts.length]} (demande ${sent})`,
            requester: { name: 'Claire Martin', email: `claire.${sent % 50}@example.org` },
          });
          let response = await fetch(`${application.url}/api/requests`, { method: 'POST', headers, body });
          for (let retry = 1; response.status >= 500 && retry <= 3; retry += 1) {
            retries += 1;
            response = await fetch(`${application.url}/api/requests`, { method: 'POST', headers, body });
          }
          if (response.status !== 201) throw new Error(`intake answered ${response.status}: ${await response.text()}`);
        }
      }),
    );
    await application.worker.idle();
  };
  const measure = async () => {
    commands = new Map();
    const cpu = process.cpuUsage();
    const wallStarted = Date.now();
    await send(windowSize, 4);
    const { user, system } = process.cpuUsage(cpu);
    const snapshot = commands;
    commands = new Map();
    const databaseMs = [...snapshot.values()].reduce((sum, entry) => sum + entry.ms, 0);
    return {
      serviceCpuMs: (user + system) / 1000 / windowSize,
      databaseMs: databaseMs / windowSize,
      wallMs: (Date.now() - wallStarted) / windowSize,
      commands: snapshot,
    };
  };
  try {
    const first = await measure();
    const filling = Date.now();
    while (sent < total - windowSize) await send(Math.min(500, total - windowSize - sent), 8);
    console.log(`(filled to ${sent} requests in ${((Date.now() - filling) / 1000).toFixed(0)} s)`);
    const last = await measure();
    console.log(
      `2. the service, per request, from form intake to routed ticket: requests 1–${windowSize} against ${sent - windowSize + 1}–${sent}`,
    );
    console.table({
      [`requests 1–${windowSize}`]: row(first),
      [`requests ${sent - windowSize + 1}–${sent}`]: row(last),
      ratio: {
        'service CPU (ms)': (last.serviceCpuMs / first.serviceCpuMs).toFixed(2),
        'database (ms)': (last.databaseMs / first.databaseMs).toFixed(2),
        'wall (ms)': (last.wallMs / first.wallMs).toFixed(2),
      },
    });
    const growth = [...last.commands.entries()]
      .map(([command, entry]) => ({ command, before: first.commands.get(command), after: entry }))
      .map(({ command, before, after }) => ({
        command,
        perRequestBefore: (before?.ms ?? 0) / windowSize,
        perRequestAfter: after.ms / windowSize,
        callsPerRequest: after.count / windowSize,
      }))
      .sort((left, right) => right.perRequestAfter - right.perRequestBefore - (left.perRequestAfter - left.perRequestBefore))
      .slice(0, 8);
    if (retries > 0) console.log(`(${retries} sends answered 5xx and were retried with their Idempotency-Key)`);
    console.log('database commands whose time per request grew most');
    console.table(
      Object.fromEntries(
        growth.map((entry) => [
          entry.command,
          {
            'ms/request before': entry.perRequestBefore.toFixed(2),
            'ms/request after': entry.perRequestAfter.toFixed(2),
            'calls/request': entry.callsPerRequest.toFixed(1),
          },
        ]),
      ),
    );
  } finally {
    await application.stop();
  }
}

function row(window: { serviceCpuMs: number; databaseMs: number; wallMs: number }) {
  return {
    'service CPU (ms)': window.serviceCpuMs.toFixed(1),
    'database (ms)': window.databaseMs.toFixed(1),
    'wall (ms)': window.wallMs.toFixed(1),
  };
}

function withDatabase(uri: string, name: string): string {
  const url = new URL(uri);
  url.pathname = `/${name}`;
  return url.toString();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
