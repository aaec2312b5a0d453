import { Worker } from 'bullmq';
import { Types } from 'mongoose';

import type { Logger } from '../logger';
import { processRequest, type ProcessingOutcome, type ProcessingParts } from '../pipeline/process-request';
import { bullConnection, clusterKeyPrefix } from './bull-connection';
import { processingQueueName, type ProcessingJobData } from './processing-job';

export interface ProcessingConsumerOptions {
  /** Jobs this process runs at the same time; their classifications are batched together. */
  concurrency: number;
  /** How long a job's lock lasts unless renewed; past it, another worker takes the job again (BullMQ's default). */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose worker died (stalled). */
  stalledIntervalMs?: number;
}

/**
 * The worker side of processing in a cluster: runs the processing jobs with the same `processRequest` as a single
 * process. Delivery is at least once (a job whose worker died runs again); the request's lease in MongoDB and
 * the unique ticket per request part make the effect happen once. Inference does not hold the event loop: the
 * transformer runs in onnxruntime's own threads (an explicit count per session), and the JavaScript parts of a
 * classification take milliseconds, far below the lock's renewal period, so a busy worker is never taken for a
 * dead one.
 */
export function startProcessingConsumer(
  redisUrl: string,
  parts: ProcessingParts,
  options: ProcessingConsumerOptions,
  logger: Logger,
): Worker<ProcessingJobData, ProcessingOutcome> {
  const worker = new Worker<ProcessingJobData, ProcessingOutcome>(
    processingQueueName,
    (job) => processRequest(parts, new Types.ObjectId(job.data.requestId)),
    {
      connection: bullConnection(redisUrl),
      prefix: clusterKeyPrefix,
      concurrency: options.concurrency,
      ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
      ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
    },
  );
  worker.on('error', (error) => logger.error({ err: error }, 'processing consumer failed'));
  worker.on('stalled', (jobId) => logger.warn({ jobId }, 'processing job stalled (its worker died or froze): running it again'));
  return worker;
}
