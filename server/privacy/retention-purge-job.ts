import type { Logger } from '../logger';
import type { RetentionPolicy } from './retention-policy';
import { auditPurge, purgeExpiredData } from './retention-purge';

/**
 * The scheduled purge: an application timer (no TTL index, so that anonymising is possible, the legal basis is
 * reported and a dry run exists). Runs never overlap; a failed run is logged and tried again at the next tick.
 */
export function startRetentionPurgeJob(policy: RetentionPolicy, options: { intervalMinutes: number; dryRun: boolean }, logger: Logger): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    running = purgeExpiredData(policy, { dryRun: options.dryRun })
      .then(async (report) => {
        if (report.anonymised + report.deleted > 0 || report.dryRun) await auditPurge(report);
        logger.info({ dryRun: report.dryRun, anonymised: report.anonymised, deleted: report.deleted, byRule: report.byRule.map(({ rule, requests }) => ({ rule, requests })) }, 'retention purge');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'retention purge failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, options.intervalMinutes * 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
