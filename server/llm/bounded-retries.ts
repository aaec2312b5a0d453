import { setTimeout as sleep } from 'node:timers/promises';

export interface RetrySettings {
  maxRetries: number;
  /** Delay before the first retry, doubled before each next one. */
  baseDelayMs: number;
  isRetryable: (error: unknown) => boolean;
}

export type RetryResult<T> = { ok: true; value: T; attempts: number } | { ok: false; error: unknown; attempts: number };

/** Runs `attempt` until it succeeds, fails for good, or has been retried `maxRetries` times. */
export async function withBoundedRetries<T>(attempt: () => Promise<T>, settings: RetrySettings): Promise<RetryResult<T>> {
  for (let attempts = 1; ; attempts += 1) {
    try {
      return { ok: true, value: await attempt(), attempts };
    } catch (error) {
      if (attempts > settings.maxRetries || !settings.isRetryable(error)) return { ok: false, error, attempts };
      await sleep(settings.baseDelayMs * 2 ** (attempts - 1));
    }
  }
}
