import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { TicketWorkflow } from '../tickets/ticket-workflow';

const batchSize = 200;

/**
 * Moves every still-open ticket past its due date to the escalation queue its rules named, and pushes the move
 * live (the new queue sees the ticket arrive, the former one sees it leave). Due dates are compared with the
 * application's clock; tests may also pass the instant of one run.
 */
export class SlaEscalationJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly tickets: Pick<TicketWorkflow, 'escalateOverdue'>,
    private readonly logger: Logger,
    private readonly now: Clock,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.runOnce().catch((error: unknown) => this.logger.error({ err: error }, 'SLA escalation failed'));
    }, intervalMs);
    this.timer.unref();
  }

  /** Runs are serialised: a slow run is never overlapped by the next tick. Returns how many tickets moved. */
  runOnce(now = this.now()): Promise<number> {
    const previous = this.running ?? Promise.resolve(0);
    const run = previous.catch(() => 0).then(() => this.escalateDue(now));
    this.running = run;
    return run;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async escalateDue(now: Date): Promise<number> {
    const escalated = await this.tickets.escalateOverdue(now, batchSize);
    for (const ticket of escalated) this.logger.info({ ticket: ticket.reference, to: ticket.queue }, 'overdue ticket escalated');
    return escalated.length;
  }
}
