import { CircuitBreaker } from '../../server/llm/circuit-breaker';

describe('circuit breaker', () => {
  let now: number;
  let breaker: CircuitBreaker;
  const failTimes = (count: number) => {
    for (let index = 0; index < count; index += 1) {
      expect(breaker.tryAcquire()).toBe(true);
      breaker.recordFailure();
    }
  };

  beforeEach(() => {
    now = 0;
    breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1_000 }, () => now);
  });

  it('stays closed while failures in a row stay under the threshold', () => {
    failTimes(2);
    breaker.tryAcquire();
    breaker.recordSuccess();
    failTimes(2);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('opens at the threshold and refuses calls until the cooldown is over', () => {
    failTimes(3);
    expect(breaker.tryAcquire()).toBe(false);
    now = 999;
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('lets a single trial call through after the cooldown, and closes when it succeeds', () => {
    failTimes(3);
    now = 1_000;
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.recordSuccess();
    expect([breaker.tryAcquire(), breaker.tryAcquire()]).toEqual([true, true]);
  });

  it('opens again for a whole cooldown when the trial call fails', () => {
    failTimes(3);
    now = 1_000;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure();
    now = 1_999;
    expect(breaker.tryAcquire()).toBe(false);
    now = 2_000;
    expect(breaker.tryAcquire()).toBe(true);
  });
});
