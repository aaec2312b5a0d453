import { BackgroundJobs, type BackgroundTask } from '../../server/cluster/background-jobs';
import { createLogger } from '../../server/logger';
import { startRedisServer, type RedisTestServer } from '../support/redis-server';

const logger = createLogger('silent');

describe('cluster-wide timers and triggered tasks (BullMQ on a real Redis)', () => {
  let redis: RedisTestServer;
  const instances: BackgroundJobs[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
    await redis.stop();
  });

  it('runs each tick of a timer once, however many worker processes declare it', async () => {
    const runs: Array<{ instance: number; tick: string }> = [];
    let enough!: () => void;
    const sixTicks = new Promise<void>((resolve) => (enough = resolve));
    const declare = async (instance: number) => {
      const jobs = new BackgroundJobs(redis.url, logger);
      await jobs.runHere([
        {
          name: 'sla-escalation',
          everyMs: 150,
          run: async (tick) => {
            runs.push({ instance, tick });
            if (runs.length >= 6) enough();
          },
        },
      ]);
      return jobs;
    };
    // Three "processes": each has its own Redis connections and declares the same scheduler.
    const declared = await Promise.all([declare(1), declare(2), declare(3)]);
    await sixTicks;
    await Promise.all(declared.map((instance) => instance.close()));

    const ticks = runs.map((run) => run.tick);
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(ticks.every((tick) => tick.startsWith('repeat:sla-escalation:'))).toBe(true);
  });

  it('runs a task a web process triggers in a worker process, not in the web process', async () => {
    const ranIn: string[] = [];
    let ran!: () => void;
    const done = new Promise<void>((resolve) => (ran = resolve));
    const task = (where: string): BackgroundTask => ({
      name: 'mail-outbox',
      run: async () => {
        ranIn.push(where);
        ran();
      },
    });
    const web = new BackgroundJobs(redis.url, logger);
    const worker = new BackgroundJobs(redis.url, logger);
    await worker.runHere([task('worker')]);
    instances.push(web, worker);
    web.trigger('mail-outbox');
    await done;
    expect(ranIn).toEqual(['worker']);
  });
});
