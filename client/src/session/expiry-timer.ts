/** Minutes before expiry at which the agent is warned, so that a reply being typed is not lost. */
export const expiryWarningMinutes = 5;

/**
 * Fires `onWarning` shortly before the session expires and `onExpired` when it does. Browsers clamp long timers,
 * so it re-checks every 30 s rather than sleeping until the deadline.
 */
export function watchExpiry(expiresAt: string, onWarning: () => void, onExpired: () => void): () => void {
  const deadline = Date.parse(expiresAt);
  let warned = false;
  let timer = 0;
  const stop = () => window.clearInterval(timer);
  const check = () => {
    const left = deadline - Date.now();
    if (left <= 0) {
      stop();
      onExpired();
    } else if (!warned && left <= expiryWarningMinutes * 60_000) {
      warned = true;
      onWarning();
    }
  };
  timer = window.setInterval(check, 30_000);
  check();
  return stop;
}
