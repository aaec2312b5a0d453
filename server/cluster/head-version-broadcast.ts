import { Redis } from 'ioredis';

import { findActiveHeadVersion } from '../../models/classifier/classifier-head-version-repository';
import type { ClassifierHeadRuntime } from '../classification/classifier-head-runtime';
import type { Logger } from '../logger';
import type { BackgroundTask } from './background-jobs';
import { clusterKeyPrefix } from './bull-connection';

const channel = `${clusterKeyPrefix}:classifier-head`;

export interface HeadVersionBroadcast {
  /** The cluster-wide check: one process reads the active version and tells every process. */
  task: BackgroundTask;
  close(): Promise<void>;
}

/**
 * Keeps every process of a cluster on the model version active in MongoDB with one query per tick for the whole
 * cluster instead of one per process: the tick publishes the active version on Redis, and only a process running
 * another version reads its models.
 */
export async function followHeadVersion(
  redisUrl: string,
  runtime: ClassifierHeadRuntime,
  everyMs: number,
  logger: Logger,
): Promise<HeadVersionBroadcast> {
  const subscriber = new Redis(redisUrl);
  const publisher = new Redis(redisUrl);
  for (const client of [subscriber, publisher])
    client.on('error', (error) => logger.error({ err: error }, 'classifier head broadcast connection failed'));
  await subscriber.subscribe(channel);
  subscriber.on('message', (_channel, message) => {
    if (Number(message) === runtime.activeVersion) return;
    runtime.refresh().catch((error: unknown) => logger.error({ err: error }, 'classifier head check failed'));
  });
  return {
    task: {
      name: 'classifier-head-check',
      everyMs,
      run: async () => {
        const active = await findActiveHeadVersion();
        if (active) await publisher.publish(channel, String(active.version));
        return active?.version ?? null;
      },
    },
    async close() {
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
