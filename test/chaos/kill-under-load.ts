/**
 * Reliability under crashes: the server is SIGKILLed again and again while citizens post forms and mail servers
 * deliver to the SMTP intake; the LLM endpoint and the outgoing mail server also go down for part of the run.
 * Every request that got a 2xx (or a 250) must be stored and routed exactly once.
 *
 *   npm run test:chaos [-- --kills 6 --cycle-ms 3000 --workers 2 --pause-ms 60]
 *
 * Prints the counts and exits with 1 when anything acknowledged was lost or duplicated.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { MongoClient, type Db } from 'mongodb';

import { loadConfig } from '../../server/config';
import { startDatabase } from '../../server/database/start-database';
import { createLogger } from '../../server/logger';
import { fieldCipherFromConfig } from '../../server/security/field-cipher-from-config';
import { LoadGenerator } from './load-generator';
import { ServerProcess } from './server-process';
import { fakeLlm, smtpSink } from './stand-ins';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '6' },
    'cycle-ms': { type: 'string', default: '3000' },
    workers: { type: 'string', default: '2' },
    'pause-ms': { type: 'string', default: '60' },
  },
});
const kills = Number(values.kills);
const cycleMs = Number(values['cycle-ms']);

/** Polls until `progress` reaches `target`, giving up only when it has not moved for `stallMs`. */
async function waitForProgress(progress: () => Promise<number>, target: number, stallMs: number): Promise<boolean> {
  let last = -1;
  let lastMovedAt = Date.now();
  while (Date.now() - lastMovedAt < stallMs) {
    const current = await progress();
    if (current >= target) return true;
    if (current !== last) [last, lastMovedAt] = [current, Date.now()];
    await sleep(500);
  }
  return false;
}

async function main(): Promise<number> {
  const logger = createLogger('warn');
  const database = await startDatabase(
    { mongodbUri: process.env.MONGODB_URI, embeddedMongo: process.env.EMBEDDED_MONGO === 'mongod' ? 'mongod' : 'emulator' },
    logger,
  );
  const databaseUri = new URL(database.uri);
  databaseUri.pathname = `/chaos_${Date.now()}`;
  const [llm, mailServer] = await Promise.all([fakeLlm(), smtpSink()]);
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const smtpPort = port + 1;
  const url = `http://127.0.0.1:${port}`;
  const server = new ServerProcess(
    {
      ...process.env,
      NODE_ENV: 'development',
      MONGODB_URI: databaseUri.toString(),
      HOST: '127.0.0.1',
      PORT: String(port),
      SMTP_INTAKE_PORT: String(smtpPort),
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'error',
      INTAKE_RATE_LIMIT_PER_MINUTE: '1000000',
      SWEEP_INTERVAL_MS: '1000',
      PROCESSING_LEASE_MS: '3000',
      RETENTION_PURGE_ENABLED: 'false',
      LLM_ENABLED: 'true',
      LLM_BASE_URL: `http://127.0.0.1:${llm.port}/v1`,
      LLM_MODEL: 'chaos-model',
      LLM_CONFIDENCE_THRESHOLD: '1',
      LLM_TIMEOUT_MS: '2000',
      LLM_MAX_RETRIES: '1',
      LLM_RETRY_BASE_MS: '50',
      LLM_CIRCUIT_COOLDOWN_MS: '2000',
      SMTP_OUT_HOST: '127.0.0.1',
      SMTP_OUT_PORT: String(mailServer.port),
      OUTBOX_INTERVAL_MS: '500',
    },
    url,
  );

  const startups: number[] = [await server.start()];
  const load = new LoadGenerator(url, smtpPort, Number(values['pause-ms']));
  const startedAt = Date.now();
  load.start(Number(values.workers));
  const events: string[] = [];
  for (let kill = 1; kill <= kills; kill += 1) {
    await sleep(cycleMs);
    await server.kill();
    events.push(`kill #${kill} at ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    if (kill === 1) await mailServer.stop();
    if (kill === 2) await llm.stop();
    if (kill === 3) await mailServer.start();
    if (kill === 4) await llm.start();
    startups.push(await server.start());
  }
  await sleep(cycleMs);
  await load.stop();
  const stillRefused = await load.redeliverAll();
  const loadStoppedAt = Date.now();

  const client = await MongoClient.connect(databaseUri.toString());
  try {
    const db = client.db();
    const formIds = [...load.acknowledgedForms.keys()];
    const mailIds = [...load.acknowledgedMail.keys()];
    const settled = await waitForProgress(
      async () => (await countRouted(db, formIds, mailIds)).routed,
      formIds.length + mailIds.length,
      30_000,
    );
    const census = await countRouted(db, formIds, mailIds);
    const settledAfter = (Date.now() - loadStoppedAt) / 1000;
    const duplicated = await countDuplicates(db);
    await waitForProgress(
      async () => (await countAcknowledgements(db, census.mailRequestIds)).delivered,
      census.mailRequestIds.length,
      30_000,
    );
    const acknowledgements = await countAcknowledgements(db, census.mailRequestIds);

    const acknowledged = formIds.length + mailIds.length;
    const lost = acknowledged - census.routed;
    console.log(`chaos run: ${kills} SIGKILLs under load over ${((Date.now() - startedAt) / 1000).toFixed(0)} s (${events.join(', ')})`);
    console.log(`server start-ups: ${startups.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}`);
    console.log('LLM endpoint down from kill #2 to kill #4; outgoing mail server down from kill #1 to kill #3');
    console.table({
      'requests sent': { form: load.sent.form, mail: load.sent.mail, total: load.sent.form + load.sent.mail },
      acknowledged: { form: formIds.length, mail: mailIds.length, total: acknowledged },
      stored: { form: census.storedForms, mail: census.storedMail, total: census.storedForms + census.storedMail },
      routed: { form: census.routedForms, mail: census.routedMail, total: census.routed },
    });
    console.log(`requests sent: ${load.sent.form + load.sent.mail}`);
    console.log(`acknowledged: ${acknowledged}`);
    console.log(`stored: ${census.storedForms + census.storedMail}`);
    console.log(`routed: ${census.routed}`);
    console.log(`lost: ${lost}`);
    console.log(`duplicated: ${duplicated}`);
    console.log(`form retries with the same Idempotency-Key: ${load.sent.formRetries}`);
    console.log(`mail redeliveries by the sending servers: ${load.sent.mailRetries} (${stillRefused} still refused at the end)`);
    console.log(`LLM calls answered: ${llm.served}`);
    console.log(
      `acknowledgement mails owed: ${census.mailRequestIds.length}, queued: ${acknowledgements.queued}, delivered to the mail server: ${acknowledgements.delivered} (sink received ${mailServer.served})`,
    );
    console.log(`backlog routed ${settledAfter.toFixed(0)} s after the load stopped`);
    if (!settled) console.log('processing stopped making progress for 30 s before every acknowledged request was routed');
    const ackLost = census.mailRequestIds.length - acknowledgements.queued;
    return lost === 0 && duplicated === 0 && kills >= 5 && ackLost === 0 && stillRefused === 0 ? 0 : 1;
  } finally {
    await client.close();
    await server.stop();
    await Promise.all([llm.up ? llm.stop() : undefined, mailServer.up ? mailServer.stop() : undefined]);
    await database.stop();
  }
}

async function countRouted(db: Db, formIds: string[], mailIds: string[]) {
  const { ObjectId } = await import('mongodb');
  const forms = await db
    .collection('requests')
    .find({ _id: { $in: formIds.map((id) => new ObjectId(id)) } })
    .toArray();
  const mail = await db
    .collection('requests')
    .find({ messageId: { $in: mailIds } })
    .toArray();
  const ticketed = async (requests: typeof forms) => {
    const tickets = await db
      .collection('tickets')
      .find({ requestId: { $in: requests.map((request) => request._id) } })
      .toArray();
    return new Set(tickets.map((ticket) => ticket.requestId.toString())).size;
  };
  const [routedForms, routedMail] = await Promise.all([ticketed(forms), ticketed(mail)]);
  return {
    storedForms: forms.length,
    storedMail: new Set(mail.map((request) => request.messageId)).size,
    routedForms,
    routedMail,
    routed: routedForms + routedMail,
    mailRequestIds: mail.map((request) => request._id),
  };
}

/** The same citizen message stored twice, or one request routed into two tickets. */
async function countDuplicates(db: Db): Promise<number> {
  const cipher = fieldCipherFromConfig(loadConfig({}));
  const markers = new Map<string, number>();
  for await (const request of db.collection('requests').find({})) {
    const marker = /chaos-(mail-)?\d+/.exec(cipher.decrypt(request.text as string))?.[0];
    if (marker) markers.set(marker, (markers.get(marker) ?? 0) + 1);
  }
  const perRequest = new Map<string, number>();
  for await (const ticket of db.collection('tickets').find({}))
    perRequest.set(ticket.requestId.toString(), (perRequest.get(ticket.requestId.toString()) ?? 0) + 1);
  const extra = (counts: Map<string, number>) => [...counts.values()].reduce((total, count) => total + count - 1, 0);
  return extra(markers) + extra(perRequest);
}

async function countAcknowledgements(db: Db, mailRequestIds: unknown[]) {
  const messages = await db
    .collection('ticketmessages')
    .find({ kind: 'acknowledgement', requestId: { $in: mailRequestIds } })
    .toArray();
  return {
    queued: new Set(messages.map((message) => String(message.requestId))).size,
    delivered: messages.filter((message) => message.delivery?.status === 'sent').length,
  };
}

main()
  .then((exitCode) => process.exit(exitCode))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
