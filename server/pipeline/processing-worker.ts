import type { Types } from 'mongoose';
import { findUnprocessedRequestIds } from '../../models/request/request-repository';
import type { Logger } from '../logger';
import { processRequest, type ProcessingParts } from './process-request';

/**
 * Runs request processing in the background with bounded concurrency. Scheduling is only a hint for speed: the
 * database is the source of truth, and the sweep finds whatever a restart or a crash left behind.
 */
export class ProcessingWorker {
  private readonly waiting: Types.ObjectId[] = [];
  private readonly known = new Set<string>();
  private running = 0;
  private idleWaiters: Array<() => void> = [];
  private stopped = false;

  constructor(
    private readonly parts: ProcessingParts,
    private readonly logger: Logger,
    private readonly concurrency = 2,
  ) {}

  /** A request the intake has just stored: counted by channel, then processed. */
  accept(requestId: Types.ObjectId, channel: 'form' | 'email'): void {
    this.parts.metrics.requestsReceived.inc({ channel });
    this.schedule(requestId);
  }

  schedule(requestId: Types.ObjectId): void {
    const key = requestId.toString();
    if (this.stopped || this.known.has(key)) return;
    this.known.add(key);
    this.waiting.push(requestId);
    this.pump();
  }

  async sweep(limit = 500): Promise<number> {
    const ids = await findUnprocessedRequestIds(limit);
    ids.forEach((id) => this.schedule(id));
    return ids.length;
  }

  /** Stops taking new work and waits for what is in flight, for a graceful shutdown. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.waiting.length = 0;
    await this.idle();
  }

  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const requestId = this.waiting.shift()!;
      this.running += 1;
      processRequest(this.parts, requestId)
        .catch((error) => this.logger.error({ err: error, requestId: requestId.toString() }, 'processing crashed'))
        .finally(() => {
          this.running -= 1;
          this.known.delete(requestId.toString());
          this.pump();
          if (this.running === 0 && this.waiting.length === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
        });
    }
  }
}
