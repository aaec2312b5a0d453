import { retryDelayMs } from '../../server/routing/retry-delay';

describe('retryDelayMs', () => {
  it('doubles from the base delay after each failure and stops at the ceiling', () => {
    expect([1, 2, 3, 4, 5, 6].map((failures) => retryDelayMs(failures, 30_000, 300_000))).toEqual([
      30_000, 60_000, 120_000, 240_000, 300_000, 300_000,
    ]);
  });
});
