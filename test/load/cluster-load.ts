/**
 * Load test of the service as a cluster: a real Redis (Debian's redis-server), the embedded database, 2 web
 * processes behind a load balancer (a TCP proxy on loopback) and 2 worker processes; connected supervisors watch
 * every queue live. It measures processing throughput with 1 then 2 workers on the same backlog, then runs a
 * steady load with autocannon, kills one web and one worker process with SIGKILL in the middle (a process manager
 * restarts them), then a 10× burst, and waits for the backlog to drain.
 *
 *   npm run load [-- --rate 10 --steady-s 30 --burst-s 10 --backlog 200]
 *
 * The last line is `lost=N duplicated=N missed_events=N`; the exit code is 0 only when all three are 0.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import mongoose from 'mongoose';
import { io as connectSocket, type Socket } from 'socket.io-client';

import { deliverMissedChanges, LiveCheckpoint, type LiveChanges } from '../../client/src/live/live-resync';
import { createUser } from '../../models/accounts/user-repository';
import { installModelCipher } from '../../models/encryption/model-cipher';
import { RequestModel } from '../../models/request/request-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import { hashPassword } from '../../server/auth/password-hashing';
import { bullConnection, clusterKeyPrefix } from '../../server/cluster/bull-connection';
import { processingQueueName } from '../../server/cluster/processing-job';
import { loadConfig } from '../../server/config';
import { startDatabase } from '../../server/database/start-database';
import { createLogger } from '../../server/logger';
import { fieldCipherFromConfig } from '../../server/security/field-cipher-from-config';
import { percentile } from '../bench/percentile';
import { ServerProcess } from '../chaos/server-process';
import { FailoverProxy } from '../support/failover-proxy';
import { freePort } from '../support/mail-servers';
import { startRedisServer } from '../support/redis-server';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '10' },
    'steady-s': { type: 'string', default: '30' },
    'burst-s': { type: 'string', default: '10' },
    backlog: { type: 'string', default: '200' },
    agents: { type: 'string', default: '2' },
  },
});
const rate = Number(values.rate);
const steadySeconds = Number(values['steady-s']);
const burstSeconds = Number(values['burst-s']);
const backlogSize = Number(values.backlog);

const texts = [
  'Bonjour, je voudrais une copie intégrale de mon acte de naissance pour un dossier de passeport.',
  'Le lampadaire au bout de la rue des Lilas est éteint depuis trois jours, le trottoir est tout noir le soir.',
  'Je souhaite inscrire mon fils à la cantine de l’école Jules Ferry à partir de la rentrée de septembre.',
  'Un gros nid-de-poule s’est formé devant le 12 avenue Victor Hugo, une voiture a crevé hier.',
  'Nous voudrions réserver la salle des fêtes pour un mariage le samedi 14 juin.',
];
const metricsToken = randomBytes(24).toString('hex');

interface Acknowledged {
  id: string;
  at: number;
}

async function main(): Promise<number> {
  const logger = createLogger('warn');
  const config = loadConfig({});
  installModelCipher(fieldCipherFromConfig(config));
  const database = await startDatabase(
    { mongodbUri: process.env.MONGODB_URI, embeddedMongo: process.env.EMBEDDED_MONGO === 'mongod' ? 'mongod' : 'emulator' },
    logger,
  );
  const databaseUri = new URL(database.uri);
  databaseUri.pathname = `/load_${Date.now()}`;
  const redis = await startRedisServer();
  const environment = (role: 'web' | 'worker', port: number): NodeJS.ProcessEnv => ({
    ...process.env,
    NODE_ENV: 'development',
    MONGODB_URI: databaseUri.toString(),
    REDIS_URL: redis.url,
    ROLE: role,
    HOST: '127.0.0.1',
    PORT: String(port),
    SMTP_INTAKE_ENABLED: 'false',
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'error',
    METRICS_TOKEN: metricsToken,
    INTAKE_RATE_LIMIT_PER_MINUTE: '100000000',
    SIGN_IN_RATE_LIMIT_PER_MINUTE: '100000',
    RETENTION_PURGE_ENABLED: 'false',
    JOB_LOCK_MS: '5000',
    PROCESSING_LEASE_MS: '10000',
    SWEEP_INTERVAL_MS: '2000',
  });
  const spawnRole = async (role: 'web' | 'worker') => {
    const port = await freePort();
    return { port, process: new ServerProcess(environment(role, port), `http://127.0.0.1:${port}`) };
  };
  const webA = await spawnRole('web');
  const webB = await spawnRole('web');
  const worker1 = await spawnRole('worker');
  const worker2 = await spawnRole('worker');
  const started = Date.now();
  await webA.process.start();
  await Promise.all([webB.process.start(), worker1.process.start()]);
  console.log(
    `started 2 web processes and 1 worker in ${((Date.now() - started) / 1000).toFixed(1)} s (Redis ${redis.url}, database ${database.kind})`,
  );
  const proxy = await FailoverProxy.start([webA.port, webB.port], { roundRobin: true });
  await mongoose.connect(databaseUri.toString(), { autoCreate: false, autoIndex: false });
  const processingQueue = new Queue(processingQueueName, { connection: bullConnection(redis.url), prefix: clusterKeyPrefix });
  const acknowledged = new Map<string, Acknowledged>();
  let sequence = 0;
  const post = async (marker: string) => {
    const response = await fetch(`${proxy.url}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(requestBody(marker)),
    });
    if (response.status !== 201) return null;
    const { id } = (await response.json()) as { id: string };
    acknowledged.set(id, { id, at: Date.now() });
    return id;
  };

  try {
    // 1. Processing throughput: the same backlog drained by 1 worker, then by 2.
    const drainWith = async (workers: ServerProcess[]) => {
      await processingQueue.pause();
      const ids: string[] = [];
      for (let index = 0; index < backlogSize; index += 1) {
        const id = await post(`load-backlog-${workers.length}-${(sequence += 1)}`);
        if (id) ids.push(id);
      }
      const before = await Promise.all(workers.map((worker) => processingMetrics(worker.url)));
      const resumedAt = Date.now();
      await processingQueue.resume();
      await waitUntil(async () => (await TicketModel.countDocuments({ requestId: { $in: ids } })) >= ids.length, 300_000);
      const seconds = (Date.now() - resumedAt) / 1000;
      const after = await Promise.all(workers.map((worker) => processingMetrics(worker.url)));
      const spent = after.reduce(
        (total, metrics, index) => ({
          processing: total.processing + metrics.processing - before[index].processing,
          classification: total.classification + metrics.classification - before[index].classification,
        }),
        { processing: 0, classification: 0 },
      );
      return { requests: ids.length, seconds, perSecond: ids.length / seconds, ...spent };
    };
    const one = await drainWith([worker1.process]);
    await worker2.process.start();
    const two = await drainWith([worker1.process, worker2.process]);

    // 2. Agents watching every queue, one through each web process.
    const agents = await Promise.all(Array.from({ length: Number(values.agents) }, (_, index) => connectAgent(proxy.url, index)));

    // 3. Steady load, kills in the middle, then a 10× burst.
    const loadStartedAt = Date.now();
    const kills: string[] = [];
    const killing = (async () => {
      await sleep((steadySeconds * 1000) / 3);
      await Promise.all([webA.process.kill(), worker1.process.kill()]);
      kills.push(`SIGKILL of web A and worker 1 at ${((Date.now() - loadStartedAt) / 1000).toFixed(1)} s`);
      await sleep(3000);
      const restartedAt = Date.now();
      await Promise.all([webA.process.start(), worker1.process.start()]);
      kills.push(`both restarted ${((Date.now() - restartedAt) / 1000).toFixed(1)} s later`);
    })();
    const steady = await runAutocannon(proxy.url, rate, steadySeconds, acknowledged, () => `load-steady-${(sequence += 1)}`);
    await killing;
    const burst = await runAutocannon(proxy.url, rate * 10, burstSeconds, acknowledged, () => `load-burst-${(sequence += 1)}`);
    const loadStoppedAt = Date.now();

    // 4. The backlog drains; every agent must have seen every ticket (live, replayed, or caught up).
    const ids = [...acknowledged.keys()];
    const drained = await waitUntil(
      async () => (await RequestModel.countDocuments({ _id: { $in: ids }, status: 'processed' })) >= ids.length,
      300_000,
    );
    const drainSeconds = (Date.now() - loadStoppedAt) / 1000;
    // What the agents must have seen: the tickets of the requests sent once they were connected.
    const watchedIds = ids.filter((id) => acknowledged.get(id)!.at >= loadStartedAt);
    const tickets = await TicketModel.find({ requestId: { $in: watchedIds } }, { _id: 1, requestId: 1 }).lean();
    await waitUntil(async () => agents.every((agent) => tickets.every((ticket) => agent.seen.has(ticket._id.toString()))), 30_000);
    const census = await countCensus(ids);
    const missedEvents = agents.reduce(
      (total, agent) => total + tickets.filter((ticket) => !agent.seen.has(ticket._id.toString())).length,
      0,
    );
    const toSocket = agents.flatMap((agent) =>
      tickets.flatMap((ticket) => {
        const seenAt = agent.seen.get(ticket._id.toString());
        const ackAt = acknowledged.get(ticket.requestId.toString())?.at;
        return seenAt && ackAt ? [seenAt - ackAt] : [];
      }),
    );
    toSocket.sort((left, right) => left - right);
    const lost = ids.length - census.routed;

    console.log(`kills: ${kills.join('; ')}`);
    console.log(
      `processing throughput on a backlog of ${backlogSize}: 1 worker ${one.perSecond.toFixed(1)} requests/s, 2 workers ${two.perSecond.toFixed(1)} requests/s, ratio ${(two.perSecond / one.perSecond).toFixed(2)}`,
    );
    for (const [label, phase] of [
      ['1 worker', one],
      ['2 workers', two],
    ] as const) {
      const other = Math.max(0, phase.processing - phase.classification);
      console.log(
        `  ${label}: ${phase.seconds.toFixed(1)} s wall; in the workers ${phase.processing.toFixed(1)} s of processing, of which inference (classification) ${phase.classification.toFixed(1)} s, database and routing ${other.toFixed(1)} s; the rest of the wall time is waiting in the queue`,
      );
    }
    console.log(
      `intake p50/p99: steady (${rate}/s) ${steady.latency.p50} / ${steady.latency.p99} ms, burst (${rate * 10}/s) ${burst.latency.p50} / ${burst.latency.p99} ms; 201 answers ${steady.acknowledged + burst.acknowledged}, errors ${steady.errors + burst.errors} (connections cut by the kill), non-2xx ${steady.non2xx + burst.non2xx}`,
    );
    console.log(
      `intake → agent's socket p50/p99: ${percentile(toSocket, 50).toFixed(0)} / ${percentile(toSocket, 99).toFixed(0)} ms over ${toSocket.length} deliveries to ${agents.length} agents`,
    );
    console.log(`backlog drain time: ${drainSeconds.toFixed(1)} s after the load stopped${drained ? '' : ' (gave up waiting)'}`);
    console.log(
      `live events: ${agents.map((agent, index) => `agent ${index + 1}: ${agent.counts.live} live, ${agent.counts.replayed} replayed on recovery, ${agent.counts.caughtUp} caught up after ${agent.counts.resyncs} failed recoveries`).join('; ')}`,
    );
    console.log(
      `requests acknowledged ${ids.length}, stored ${census.stored}, routed ${census.routed}, lost ${lost}, duplicated ${census.duplicated}`,
    );
    console.log(`live events missed by connected agents after recovery and resync: ${missedEvents}`);
    agents.forEach((agent) => agent.socket.close());
    console.log(`lost=${lost} duplicated=${census.duplicated} missed_events=${missedEvents}`);
    return lost === 0 && census.duplicated === 0 && missedEvents === 0 ? 0 : 1;
  } finally {
    await processingQueue.close();
    await proxy.stop();
    await Promise.all([webA, webB, worker1, worker2].map(({ process }) => process.stop()));
    await mongoose.disconnect();
    await redis.stop();
    await database.stop();
  }
}

function requestBody(marker: string) {
  const text = texts[Math.floor(Math.random() * texts.length)];
  return { text: `${text} (${marker})`, requester: { name: 'Claire Martin', email: 'claire@example.org' } };
}

async function runAutocannon(
  url: string,
  overallRate: number,
  duration: number,
  acknowledged: Map<string, Acknowledged>,
  nextMarker: () => string,
) {
  let count = 0;
  const result = await autocannon({
    url,
    connections: Math.max(4, Math.ceil(overallRate / 10)),
    overallRate,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/api/requests',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, 'idempotency-key': randomUUID() },
          body: JSON.stringify(requestBody(nextMarker())),
        }),
        onResponse: (status: number, body: string) => {
          if (status !== 201) return;
          const { id } = JSON.parse(body) as { id: string };
          acknowledged.set(id, { id, at: Date.now() });
          count += 1;
        },
      },
    ],
  });
  return { latency: result.latency, errors: result.errors + result.timeouts, non2xx: result.non2xx, acknowledged: count };
}

interface Agent {
  socket: Socket;
  seen: Map<string, number>;
  counts: { live: number; replayed: number; caughtUp: number; resyncs: number };
}

/** A supervisor (every queue) connected as the web app connects: recovery first, a "changed since" query otherwise. */
async function connectAgent(url: string, index: number): Promise<Agent> {
  const credentials = {
    email: `superviseur.${index}.${randomBytes(3).toString('hex')}@mairie.example`,
    password: randomBytes(12).toString('base64url'),
  };
  await createUser({
    email: credentials.email,
    displayName: `Superviseur ${index + 1}`,
    role: 'supervisor',
    queues: [],
    passwordHash: await hashPassword(credentials.password),
  });
  const signIn = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  const { token } = (await signIn.json()) as { token: string };
  const socket = connectSocket(url, { auth: { token }, transports: ['websocket'], reconnectionDelay: 500, reconnectionDelayMax: 2000 });
  const agent: Agent = { socket, seen: new Map(), counts: { live: 0, replayed: 0, caughtUp: 0, resyncs: 0 } };
  const checkpoint = new LiveCheckpoint();
  const see = (id: string, how: 'live' | 'replayed' | 'caughtUp') => {
    if (!agent.seen.has(id)) agent.seen.set(id, Date.now());
    agent.counts[how] += 1;
  };
  let recovering = false;
  for (const event of ['ticket.created', 'ticket.updated'])
    socket.on(event, (ticket: { id: string }) => see(ticket.id, recovering ? 'replayed' : 'live'));
  socket.io.on('reconnect_attempt', () => (recovering = true));
  socket.on('disconnect', () => checkpoint.disconnected());
  const fetchPage = async (since: string): Promise<LiveChanges> => {
    const response = await fetch(`${url}/api/live/changes?since=${encodeURIComponent(since)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`catch-up refused: ${response.status}`);
    return (await response.json()) as LiveChanges;
  };
  await new Promise<void>((resolve) => {
    socket.on('session.ready', ({ at }: { at: string }) => {
      recovering = false;
      const missedSince = checkpoint.connected(at, socket.recovered);
      if (missedSince) {
        agent.counts.resyncs += 1;
        void deliverMissedChanges(missedSince, fetchPage, (change) => see(change.ticket.id, 'caughtUp')).catch((error: unknown) =>
          console.error(`agent ${index + 1}: ${(error as Error).message}`),
        );
      }
      resolve();
    });
  });
  return agent;
}

async function processingMetrics(url: string): Promise<{ processing: number; classification: number }> {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
  const sum = (name: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith(`${name}_sum`))
      .reduce((total, line) => total + Number(line.split(' ').at(-1)), 0);
  return { processing: sum('aiguillage_request_processing_seconds'), classification: sum('aiguillage_classification_seconds') };
}

async function waitUntil(condition: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(250);
  }
  return false;
}

/** Stored and routed among the acknowledged requests; duplicated: a citizen's request stored twice, or routed into two tickets. */
async function countCensus(ids: string[]) {
  const cipher = fieldCipherFromConfig(loadConfig({}));
  const requests = await RequestModel.collection.find({ _id: { $in: ids.map((id) => new mongoose.Types.ObjectId(id)) } }).toArray();
  const tickets = await TicketModel.collection.find({ requestId: { $in: requests.map((request) => request._id) } }).toArray();
  const markers = new Map<string, number>();
  for (const request of await RequestModel.collection.find({}).toArray()) {
    const marker = /load-[a-z]+-[\d-]+/.exec(cipher.decrypt(request.text as string))?.[0];
    if (marker) markers.set(marker, (markers.get(marker) ?? 0) + 1);
  }
  const perRequest = new Map<string, number>();
  for (const ticket of tickets)
    perRequest.set(`${ticket.requestId}:${ticket.part ?? 0}`, (perRequest.get(`${ticket.requestId}:${ticket.part ?? 0}`) ?? 0) + 1);
  const extra = (counts: Map<string, number>) => [...counts.values()].reduce((total, count) => total + count - 1, 0);
  return {
    stored: requests.length,
    routed: new Set(tickets.map((ticket) => ticket.requestId.toString())).size,
    duplicated: extra(markers) + extra(perRequest),
  };
}

main()
  .then((exitCode) => process.exit(exitCode))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
