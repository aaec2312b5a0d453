import type { ConnectionOptions } from 'bullmq';

/** Every key Aiguillage keeps in Redis starts with it, so that one Redis may serve other applications too. */
export const clusterKeyPrefix = 'aiguillage';

/**
 * BullMQ's connection to Redis. Its workers block on Redis, so commands wait for a reconnection instead of failing
 * after a few retries (`maxRetriesPerRequest: null`, as BullMQ requires).
 */
export function bullConnection(redisUrl: string): ConnectionOptions {
  return { url: redisUrl, maxRetriesPerRequest: null };
}
