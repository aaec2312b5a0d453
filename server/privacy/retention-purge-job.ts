import type { Logger } from '../logger';
import type { RetentionPolicy } from './retention-policy';
import { auditPurge, purgeExpiredData } from './retention-purge';

/**
 * One scheduled purge run: anonymises or deletes what the policy says is past its retention, audits it, logs the
 * counts. Idempotent: a second run right after finds nothing left to purge.
 */
export async function runRetentionPurge(policy: RetentionPolicy, options: { dryRun: boolean }, logger: Logger): Promise<void> {
  const report = await purgeExpiredData(policy, { dryRun: options.dryRun });
  if (report.anonymised + report.deleted > 0 || report.dryRun) await auditPurge(report);
  logger.info(
    {
      dryRun: report.dryRun,
      anonymised: report.anonymised,
      deleted: report.deleted,
      byRule: report.byRule.map(({ rule, requests }) => ({ rule, requests })),
    },
    'retention purge',
  );
}

/**
 * The scheduled purge of a single process: an application timer (no TTL index, so that anonymising is possible,
 * the legal basis is reported and a dry run exists). Runs never overlap; a failed run is logged and tried again at
 * the next tick. (In a cluster, the same run is a cluster-wide job: server/cluster.)
 */
export function startRetentionPurgeJob(
  policy: RetentionPolicy,
  options: { intervalMinutes: number; dryRun: boolean },
  logger: Logger,
): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    running = runRetentionPurge(policy, options, logger)
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
