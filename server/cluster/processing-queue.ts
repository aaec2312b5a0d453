import { Queue } from 'bullmq';
import type { Types } from 'mongoose';

import type { RequestChannel } from '../../classifiers/classification';
import { findUnprocessedRequestIds } from '../../models/request/request-repository';
import type { Logger } from '../logger';
import type { ServiceMetrics } from '../metrics/service-metrics';
import type { ProcessingWorker } from '../pipeline/processing-worker';
import { bullConnection, clusterKeyPrefix } from './bull-connection';
import { processingJobId, processingQueueName, type ProcessingJobData } from './processing-job';

/**
 * The web side of processing in a cluster: a stored request becomes a job in Redis that one worker process runs.
 * Enqueueing never holds up the intake, which has already stored the request: when Redis cannot take the job, the
 * periodic sweep (a cluster-wide timer) finds the request in MongoDB and enqueues it again.
 */
export class QueuedProcessing implements ProcessingWorker {
  private readonly queue: Queue<ProcessingJobData>;
  private readonly enqueueing = new Set<Promise<void>>();

  constructor(
    redisUrl: string,
    private readonly metrics: Pick<ServiceMetrics, 'requestsReceived'>,
    private readonly logger: Logger,
  ) {
    this.queue = new Queue<ProcessingJobData>(processingQueueName, {
      connection: bullConnection(redisUrl),
      prefix: clusterKeyPrefix,
      // Done or abandoned jobs free their id at once: MongoDB keeps the outcome, and the sweep may enqueue again.
      defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
    });
    this.queue.on('error', (error) => this.logger.error({ err: error }, 'processing queue connection failed'));
  }

  accept(requestId: Types.ObjectId, channel: RequestChannel): void {
    this.metrics.requestsReceived.inc({ channel });
    this.schedule(requestId);
  }

  schedule(requestId: Types.ObjectId): void {
    const added = this.enqueue([requestId])
      .catch((error: unknown) =>
        this.logger.warn({ err: error, requestId: requestId.toString() }, 'processing job not enqueued: the sweep will'),
      )
      .finally(() => this.enqueueing.delete(added));
    this.enqueueing.add(added);
  }

  async sweep(limit = 500): Promise<number> {
    const ids = await findUnprocessedRequestIds(limit);
    await this.enqueue(ids);
    return ids.length;
  }

  async idle(): Promise<void> {
    for (;;) {
      await Promise.all(this.enqueueing);
      const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      if (Object.values(counts).every((count) => count === 0) && this.enqueueing.size === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.enqueueing);
    await this.queue.close();
  }

  private async enqueue(requestIds: readonly Types.ObjectId[]): Promise<void> {
    if (requestIds.length === 0) return;
    await this.queue.addBulk(
      requestIds.map((id) => ({ name: 'process', data: { requestId: id.toString() }, opts: { jobId: processingJobId(id.toString()) } })),
    );
  }
}
