import type { Types } from 'mongoose';

import type { RequestChannel } from '../../classifiers/classification';
import { findUnprocessedRequestIds } from '../../models/request/request-repository';
import type { Logger } from '../logger';
import { processRequest, type ProcessingParts } from './process-request';

/**
 * Where stored requests go to be processed: this process (`InProcessWorker`) or, in a cluster, a Redis queue that
 * worker processes consume (server/cluster). Scheduling is only a hint for speed: the database is the source of
 * truth, and the sweep finds whatever a restart, a crash or a lost job left behind.
 */
export interface ProcessingWorker {
  /** A request the intake has just stored: counted by channel, then scheduled. */
  accept(requestId: Types.ObjectId, channel: RequestChannel): void;
  schedule(requestId: Types.ObjectId): void;
  /** Schedules requests left unprocessed (never processed, or whose lease ran out); returns how many it found. */
  sweep(limit?: number): Promise<number>;
  /** Resolves once nothing scheduled is waiting or running. */
  idle(): Promise<void>;
  /** Stops taking new work and waits for what is in flight, for a graceful shutdown. */
  stop(): Promise<void>;
}

/** Runs request processing in this process, in the background, with bounded concurrency. */
export class InProcessWorker implements ProcessingWorker {
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

  accept(requestId: Types.ObjectId, channel: RequestChannel): void {
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
