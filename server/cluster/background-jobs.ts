import { Queue, Worker } from 'bullmq';

import type { Logger } from '../logger';
import { bullConnection, clusterKeyPrefix } from './bull-connection';

export const backgroundQueueName = 'background';

export interface BackgroundTask {
  /** The job scheduler's id and the job's name: one tick of it runs once across the cluster. */
  name: string;
  /** Period of the cluster-wide timer; absent: the task runs only when triggered. */
  everyMs?: number;
  /** Must be idempotent: delivery is at least once, and a trigger may coincide with a tick. `jobId` names the tick. */
  run(jobId: string): Promise<unknown>;
}

/**
 * Cluster-wide timers and triggered tasks on their own BullMQ queue, apart from processing, so that a backlog of
 * requests never delays a tick. Each periodic task is a job scheduler: every worker process declares it (the upsert
 * is idempotent) and each tick is one job, run by one worker whatever their number. Web processes only trigger.
 */
export class BackgroundJobs {
  private readonly connection;
  private readonly queue: Queue;
  private worker: Worker | null = null;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    redisUrl: string,
    private readonly logger: Logger,
  ) {
    this.connection = bullConnection(redisUrl);
    this.queue = new Queue(backgroundQueueName, {
      connection: this.connection,
      prefix: clusterKeyPrefix,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
    });
    this.queue.on('error', (error) => logger.error({ err: error }, 'background queue connection failed'));
  }

  /** Asks one worker process to run the named task now (a web process's outbox kick, for instance). */
  trigger(name: string): void {
    const added: Promise<unknown> = this.queue
      .add(name, {})
      .catch((error: unknown) => this.logger.warn({ err: error, task: name }, 'background task not triggered: its timer will run it'))
      .finally(() => this.pending.delete(added));
    this.pending.add(added);
  }

  /** Makes this process one of the workers that run `tasks`, and declares their timers. */
  async runHere(tasks: readonly BackgroundTask[]): Promise<void> {
    const byName = new Map(tasks.map((task) => [task.name, task]));
    for (const task of tasks) {
      if (task.everyMs)
        await this.queue.upsertJobScheduler(
          task.name,
          { every: task.everyMs },
          { name: task.name, opts: { removeOnComplete: true, removeOnFail: true } },
        );
    }
    this.worker = new Worker(
      backgroundQueueName,
      async (job) => {
        const task = byName.get(job.name);
        if (!task) throw new Error(`no background task named ${job.name} in this version of the service`);
        return task.run(job.id ?? job.name);
      },
      // Different tasks run side by side: a long purge does not delay an escalation tick.
      { connection: this.connection, prefix: clusterKeyPrefix, concurrency: Math.max(1, tasks.length) },
    );
    this.worker.on('error', (error) => this.logger.error({ err: error }, 'background worker failed'));
    this.worker.on('failed', (job, error) => this.logger.error({ err: error, task: job?.name }, 'background task failed'));
  }

  async close(): Promise<void> {
    await Promise.all(this.pending);
    await this.worker?.close();
    await this.queue.close();
  }
}
