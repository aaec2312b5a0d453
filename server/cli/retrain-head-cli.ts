/**
 * Learns from the agents' corrections stored in MongoDB with the whole ensemble, as POST /api/model/retrain does:
 * the new version is activated only if it is not worse on the realistic validation messages and held-out corrections.
 * Running servers pick it up at their next check (CLASSIFIER_HEAD_CHECK_INTERVAL_MS).
 *
 *   MONGODB_URI=mongodb://… npm run retrain
 *
 * Exit code 0 when the new version was activated, 2 when it was stored but refused.
 */
import { startClassifierHead } from '../classification/start-classifier-head';
import { createLogger } from '../logger';
import { connectCommandDatabase, runCommand } from './command-database';

runCommand(async () => {
  const database = await connectCommandDatabase();
  const parts = await startClassifierHead(database.config, createLogger('warn'));
  try {
    const previousVersion = parts.runtime.activeVersion;
    const { version, activated } = await parts.retraining.retrain(undefined);
    const report = {
      version: version.version,
      activated,
      previousVersion,
      refusals: version.verdict?.refusals ?? [],
      validation: { previous: version.baseline?.validation, candidate: version.validation },
      training: version.training,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return activated ? 0 : 2;
  } finally {
    parts.runtime.stop();
    await parts.ensemble.transformer.encoder.dispose();
    await database.close();
  }
});
