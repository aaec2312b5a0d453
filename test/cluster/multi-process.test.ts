import mongoose from 'mongoose';
import { io as connectSocket, type Socket } from 'socket.io-client';
import request from 'supertest';

import { deliverMissedChanges, LiveCheckpoint, type LiveChange, type LiveChanges } from '../../client/src/live/live-resync';
import { RequestModel } from '../../models/request/request-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import { ServerProcess } from '../chaos/server-process';
import { FailoverProxy } from '../support/failover-proxy';
import { freePort } from '../support/mail-servers';
import { startRedisServer, type RedisTestServer } from '../support/redis-server';
import { createTestUser, freshDatabaseUri } from '../support/test-application';

/**
 * The service as several processes sharing one MongoDB and one real Redis: two web processes behind a load
 * balancer (a TCP proxy on loopback), two worker processes. An agent stays connected through the balancer while
 * processes are cut off, killed and frozen; every routed ticket must reach them once, and be made once.
 */
describe('several processes on Redis: web processes, worker processes, an agent connected through a balancer', () => {
  let redis: RedisTestServer;
  let proxy: FailoverProxy;
  const processes: Record<'webA' | 'webB' | 'worker1' | 'worker2', { port: number; process: ServerProcess }> = {} as never;
  let token: string;
  let agent: Socket;
  const checkpoint = new LiveCheckpoint();
  /** Every ticket event the agent got, live or by catching up, in order. */
  const received: Array<{ id: string; how: 'live' | 'replayed' | 'caught-up'; event: string }> = [];
  let counter = 0;

  const post = async (count: number) => {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      counter += 1;
      const response = await request(proxy.url)
        .post('/api/requests')
        .send({
          text: `Bonjour, je voudrais une copie intégrale de mon acte de naissance, demande ${counter}.`,
          requester: { name: 'Claire Martin', email: 'claire@example.org' },
        })
        .expect(201);
      ids.push(response.body.id as string);
    }
    return ids;
  };
  const routedTickets = () => TicketModel.find({ queue: 'etat-civil' }, { _id: 1, requestId: 1 }).lean();
  const until = async (condition: () => Promise<boolean>, what: string, timeoutMs = 90_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`still waiting for ${what} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const allRouted = (requestIds: string[]) =>
    until(
      async () => (await TicketModel.countDocuments({ requestId: { $in: requestIds } })) >= requestIds.length,
      `${requestIds.length} tickets`,
    );
  const seen = () => new Set(received.map((event) => event.id));
  /** Reconnects the agent through the balancer and resolves with whether the server recovered the session. */
  const reconnect = () =>
    new Promise<{ recovered: boolean; missedSince: string | null }>((resolve) => {
      agent.once('session.ready', ({ at }: { at: string }) =>
        resolve({ recovered: agent.recovered, missedSince: checkpoint.connected(at, agent.recovered) }),
      );
      agent.connect();
    });
  const disconnected = () => new Promise<void>((resolve) => agent.once('disconnect', () => resolve()));

  beforeAll(async () => {
    redis = await startRedisServer();
    const databaseUri = freshDatabaseUri();
    const environment = (role: string, port: number) => ({
      ...process.env,
      NODE_ENV: 'development',
      MONGODB_URI: databaseUri,
      REDIS_URL: redis.url,
      ROLE: role,
      HOST: '127.0.0.1',
      PORT: String(port),
      SMTP_INTAKE_ENABLED: 'false',
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: process.env.CLUSTER_TEST_LOG_LEVEL ?? 'error',
      INTAKE_RATE_LIMIT_PER_MINUTE: '1000000',
      SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000000',
      RETENTION_PURGE_ENABLED: 'false',
      // Four processes starting on two cores: rule evaluation must not fall back to reception for want of CPU.
      RULE_EVALUATION_BUDGET_MS: '10000',
      // Short enough for a test: a frozen or dead worker's jobs move on within seconds.
      JOB_LOCK_MS: '2000',
      PROCESSING_LEASE_MS: '3000',
      SWEEP_INTERVAL_MS: '1000',
    });
    const roles = { webA: 'web', webB: 'web', worker1: 'worker', worker2: 'worker' } as const;
    for (const [name, role] of Object.entries(roles)) {
      const port = await freePort();
      processes[name as keyof typeof roles] = { port, process: new ServerProcess(environment(role, port), `http://127.0.0.1:${port}`) };
    }
    // The first web process creates the indexes and the default commune; the others then start side by side.
    await processes.webA.process.start();
    await Promise.all([processes.webB.process.start(), processes.worker1.process.start(), processes.worker2.process.start()]);
    proxy = await FailoverProxy.start([processes.webA.port, processes.webB.port]);

    await mongoose.connect(databaseUri, { autoCreate: false, autoIndex: false });
    const credentials = await createTestUser('agent', ['etat-civil']);
    token = (await request(proxy.url).post('/api/auth/sign-in').send(credentials).expect(200)).body.token as string;
    agent = connectSocket(proxy.url, { auth: { token }, transports: ['websocket'], reconnection: false });
    for (const event of ['ticket.created', 'ticket.updated'] as const) {
      agent.on(event, (ticket: { id: string }) => received.push({ id: ticket.id, how: agent.recovered ? 'replayed' : 'live', event }));
    }
    agent.on('disconnect', () => checkpoint.disconnected());
    await new Promise<void>((resolve, reject) => {
      agent.once('session.ready', ({ at }: { at: string }) => resolve(void checkpoint.connected(at, agent.recovered)));
      agent.once('connect_error', reject);
    });
  }, 240_000);

  afterAll(async () => {
    agent?.close();
    await proxy?.stop();
    await Promise.all(Object.values(processes).map(({ process }) => process.stop()));
    await mongoose.disconnect();
    await redis?.stop();
  }, 120_000);

  it('pushes a ticket a worker process routed to the agent connected to a web process', async () => {
    const requestIds = await post(3);
    await allRouted(requestIds);
    const tickets = await TicketModel.find({ requestId: { $in: requestIds } }).lean();
    expect(tickets.map((ticket) => ticket.queue)).toEqual(['etat-civil', 'etat-civil', 'etat-civil']);
    await until(async () => tickets.every((ticket) => seen().has(ticket._id.toString())), 'the three live events', 20_000);
  }, 120_000);

  it('replays what an agent missed during a network cut, through the other web process (connection state recovery)', async () => {
    // Traffic now goes to web B first; web A stays up and keeps the agent's session in Redis when the link drops.
    proxy.route([processes.webB.port, processes.webA.port]);
    const cut = disconnected();
    proxy.dropClients();
    await cut;
    const missed = await post(2);
    await allRouted(missed);

    const { recovered, missedSince } = await reconnect();
    expect(recovered).toBe(true);
    expect(missedSince).toBeNull();
    const missedTickets = await TicketModel.find({ requestId: { $in: missed } }).lean();
    await until(async () => missedTickets.every((ticket) => seen().has(ticket._id.toString())), 'the replayed events', 20_000);
    expect(
      received.filter((event) => missedTickets.some((ticket) => ticket._id.toString() === event.id)).map((event) => event.how),
    ).toEqual(['replayed', 'replayed']);
  }, 120_000);

  it('catches up with a "changed since" query when the web process the agent was connected to is killed', async () => {
    // The agent is on web B: kill it; the balancer then sends everyone to web A.
    const cut = disconnected();
    await processes.webB.process.kill();
    await cut;
    const missed = await post(3);
    await allRouted(missed);

    const { recovered, missedSince } = await reconnect();
    // Web B died without saving the session: nothing to replay, the client asks what changed.
    expect(recovered).toBe(false);
    expect(missedSince).not.toBeNull();
    const fetchPage = async (since: string): Promise<LiveChanges> =>
      (await request(proxy.url).get('/api/live/changes').query({ since }).set('Authorization', `Bearer ${token}`).expect(200))
        .body as LiveChanges;
    await deliverMissedChanges(missedSince!, fetchPage, (change: LiveChange) =>
      received.push({ id: change.ticket.id, how: 'caught-up', event: change.event }),
    );

    const missedTickets = await TicketModel.find({ requestId: { $in: missed } }).lean();
    for (const ticket of missedTickets) {
      expect(received.find((event) => event.id === ticket._id.toString())).toMatchObject({ how: 'caught-up', event: 'ticket.created' });
    }
    const everyTicket = await routedTickets();
    expect(everyTicket.filter((ticket) => !seen().has(ticket._id.toString()))).toEqual([]);
  }, 120_000);

  it('runs again, elsewhere, the jobs of a frozen worker (stalled), and makes nothing twice when it wakes up', async () => {
    const requestIds = await post(12);
    await until(
      async () => (await RequestModel.countDocuments({ _id: { $in: requestIds }, status: { $ne: 'received' } })) > 0,
      'a first request taken',
    );
    processes.worker1.process.signal('SIGSTOP');
    try {
      await allRouted(requestIds);
    } finally {
      processes.worker1.process.signal('SIGCONT');
    }
    // The woken worker finishes what it was doing: its tickets already exist, so it creates none and emits nothing.
    await until(
      async () => (await RequestModel.countDocuments({ _id: { $in: requestIds }, status: { $ne: 'processed' } })) === 0,
      'every request processed',
    );
    await expect(ticketsPerRequest(requestIds)).resolves.toEqual(requestIds.map(() => 1));
  }, 180_000);

  it('routes exactly once the requests a killed worker had taken, through the other worker', async () => {
    const requestIds = await post(12);
    await until(
      async () => (await RequestModel.countDocuments({ _id: { $in: requestIds }, status: { $ne: 'received' } })) > 0,
      'a first request taken',
    );
    await processes.worker1.process.kill();
    await allRouted(requestIds);
    await until(
      async () => (await RequestModel.countDocuments({ _id: { $in: requestIds }, status: { $ne: 'processed' } })) === 0,
      'every request processed',
    );
    await expect(ticketsPerRequest(requestIds)).resolves.toEqual(requestIds.map(() => 1));

    // The agent, connected all along, got every ticket, those of the killed worker's cut-short runs included: a later
    // run announces them again (at least once; the screen keys tickets by id).
    const everyTicket = await routedTickets();
    await until(async () => everyTicket.every((ticket) => seen().has(ticket._id.toString())), 'every ticket on the agent’s screen', 20_000);
  }, 180_000);
});

async function ticketsPerRequest(requestIds: string[]): Promise<number[]> {
  const tickets = await TicketModel.find({ requestId: { $in: requestIds } }, { requestId: 1 }).lean();
  return requestIds.map((id) => tickets.filter((ticket) => ticket.requestId.toString() === id).length);
}
