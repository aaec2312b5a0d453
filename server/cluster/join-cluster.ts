import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';

import { anchorAuditChains } from '../../models/audit/audit-event-repository';
import { microBatchedClassifierParts } from '../classification/micro-batched-classifier';
import type { ClassifierHeadParts } from '../classification/start-classifier-head';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { MailChannel, MailInCluster } from '../mail/mail-channel';
import type { ServiceMetrics } from '../metrics/service-metrics';
import type { ProcessingParts } from '../pipeline/process-request';
import type { RetentionPolicy } from '../privacy/retention-policy';
import { runRetentionPurge } from '../privacy/retention-purge-job';
import type { RoutingRuntime } from '../routing/start-routing';
import { BackgroundJobs, type BackgroundTask } from './background-jobs';
import { clusterKeyPrefix } from './bull-connection';
import { followHeadVersion, type HeadVersionBroadcast } from './head-version-broadcast';
import { startProcessingConsumer } from './processing-consumer';
import { QueuedProcessing } from './processing-queue';

/** What a worker process runs, wired by the application once it has built them. */
export interface ClusterWork {
  processing: ProcessingParts;
  classifierHead: ClassifierHeadParts;
  mail: MailChannel;
  routing: RoutingRuntime;
  retentionPolicy: RetentionPolicy;
}

export interface ClusterMembership {
  /** Where the intake puts stored requests: a Redis queue. */
  processing: QueuedProcessing;
  mail: MailInCluster;
  /** Carries live events between processes and keeps them for sockets that come back. */
  socketAdapter: ServerOptions['adapter'];
  /** Starts this process's share of the work: processing and cluster-wide timers in worker processes. */
  start(work: ClusterWork): Promise<void>;
  stop(): Promise<void>;
}

const auditAnchorIntervalMs = 5 * 60_000;

/** Classification micro-batches: a batch of up to 16 waits at most 5 ms for its last request. */
const microBatch = { maxBatchSize: 16, maxWaitMs: 5 };

/**
 * A process of a cluster sharing its work through Redis (REDIS_URL): `web` processes store requests and enqueue
 * them, serve HTTP and sockets; `worker` processes run the processing jobs, the outboxes and the cluster-wide timers;
 * `all` does both. MongoDB stays the source of truth: Redis only says who does what next.
 */
export function joinCluster(config: Config & { redisUrl: string }, metrics: ServiceMetrics, logger: Logger): ClusterMembership {
  const runsWork = config.role !== 'web';
  const processing = new QueuedProcessing(config.redisUrl, metrics, logger);
  const background = new BackgroundJobs(config.redisUrl, logger);
  const adapterClient = new Redis(config.redisUrl);
  adapterClient.on('error', (error) => logger.error({ err: error }, 'live push adapter connection failed'));
  let consumer: Worker | null = null;
  let headVersions: HeadVersionBroadcast | null = null;

  return {
    processing,
    mail: { handOffOutbox: () => background.trigger('mail-outbox'), readsMailbox: config.role !== 'worker' },
    socketAdapter: createAdapter(adapterClient, {
      streamName: `${clusterKeyPrefix}:socket.io`,
      channelPrefix: `${clusterKeyPrefix}:socket.io`,
      sessionKeyPrefix: `${clusterKeyPrefix}:socket.io:session:`,
    }),
    async start(work) {
      headVersions = await followHeadVersion(config.redisUrl, work.classifierHead.runtime, config.classifierHeadCheckIntervalMs, logger);
      if (!runsWork) return;
      const tasks: BackgroundTask[] = [
        // MongoDB is the source of truth: whatever Redis lost (or never got) is enqueued again.
        { name: 'processing-sweep', everyMs: config.sweepIntervalMs, run: () => processing.sweep() },
        { name: 'sla-escalation', everyMs: config.slaEscalationIntervalMs, run: () => work.routing.slaEscalation.runOnce() },
        { name: 'mail-outbox', everyMs: config.outboxIntervalMs, run: () => work.mail.deliverOutbox() },
        { name: 'webhook-outbox', everyMs: config.webhookPollIntervalMs, run: () => work.routing.webhooks.runOnce() },
        headVersions.task,
        // The chains of the audit trail anchor each other's heads (each process writes its own chain).
        { name: 'audit-anchor', everyMs: auditAnchorIntervalMs, run: () => anchorAuditChains() },
        ...(config.retentionPurgeEnabled
          ? [
              {
                name: 'retention-purge',
                everyMs: config.retentionPurgeIntervalMinutes * 60_000,
                run: () => runRetentionPurge(work.retentionPolicy, { dryRun: config.retentionPurgeDryRun }, logger),
              },
            ]
          : []),
      ];
      await background.runHere(tasks);
      const parts: ProcessingParts = {
        ...work.processing,
        classifier: microBatchedClassifierParts(work.classifierHead.ensemble, microBatch),
      };
      consumer = startProcessingConsumer(
        config.redisUrl,
        parts,
        { concurrency: config.workerConcurrency, lockDurationMs: config.jobLockMs, stalledIntervalMs: config.jobLockMs },
        logger,
      );
    },
    /** Jobs in flight finish (BullMQ's close waits for them); the application stops `processing` itself. */
    async stop() {
      await consumer?.close();
      await background.close();
      await headVersions?.close();
      adapterClient.disconnect();
    },
  };
}
