/**
 * Runs the retention purge once, as the scheduled job does (RETENTION_POLICY_FILE names the policy).
 *
 *   MONGODB_URI=… npm run retention:purge -- --dry-run     what would be anonymised or deleted, per rule
 *   MONGODB_URI=… npm run retention:purge                   does it, and records it in the audit trail
 */
import { parseArgs } from 'node:util';

import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { loadRetentionPolicy } from '../privacy/retention-policy';
import { auditPurge, purgeExpiredData } from '../privacy/retention-purge';
import { connectCommandDatabase, runCommand } from './command-database';

runCommand(async () => {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } });
  const database = await connectCommandDatabase();
  try {
    const policy = await loadRetentionPolicy(database.config.retentionPolicyFile, defaultTaxonomy);
    const report = await purgeExpiredData(policy, { dryRun: values['dry-run']! });
    await auditPurge(report);
    console.table(report.byRule.map(({ rule, action, days, requests }) => ({ rule, action, days, requests })));
    process.stdout.write(
      `${report.dryRun ? 'dry run: would anonymise' : 'anonymised'} ${report.anonymised}, ${report.dryRun ? 'would delete' : 'deleted'} ${report.deleted}\n`,
    );
  } finally {
    await database.close();
  }
});
