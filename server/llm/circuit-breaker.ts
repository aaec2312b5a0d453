export interface CircuitBreakerSettings {
  /** Failures in a row that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before letting one trial call through. */
  cooldownMs: number;
}

/**
 * Stops calling a failing service for a while, so that requests go straight to manual triage instead of each one
 * waiting for timeouts and retries. After a cooldown a single trial call is let through: its success closes the
 * circuit, its failure opens it again.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openUntil = 0;
  private trialInFlight = false;

  constructor(
    private readonly settings: CircuitBreakerSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a call may go now; a caller that gets `true` must report the call's end with one of the two below. */
  tryAcquire(): boolean {
    if (this.consecutiveFailures < this.settings.failureThreshold) return true;
    if (this.now() < this.openUntil || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  recordSuccess(): void {
    this.consecutiveFailures = 0;
    this.trialInFlight = false;
  }

  recordFailure(): void {
    this.consecutiveFailures += 1;
    this.trialInFlight = false;
    if (this.consecutiveFailures >= this.settings.failureThreshold) this.openUntil = this.now() + this.settings.cooldownMs;
  }
}
