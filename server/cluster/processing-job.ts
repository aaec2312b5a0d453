/** The BullMQ queue of processing jobs: one job per stored request. */
export const processingQueueName = 'processing';

export interface ProcessingJobData {
  requestId: string;
}

/**
 * A request's job id: one job per request, so that enqueueing it again (a retry, a sweep, a second web process)
 * while a job for it waits or runs adds nothing. BullMQ refuses integer-like ids, hence the prefix.
 */
export function processingJobId(requestId: string): string {
  return `request-${requestId}`;
}
