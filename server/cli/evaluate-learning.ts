/**
 * `npm run eval:learning`: how much the ensemble learns from a mairie's own corrections. Corrections are taken
 * from the blind split (in a fixed shuffled order), learnt through the same code as agents' reroutes, and the
 * result is measured on the rest of the blind split, the same rest for every count.
 */
import { classifierReport } from '../../classifiers/evaluation/classifier-report';
import { defaultTaxonomy, queueIds } from '../../classifiers/taxonomy/taxonomy';
import { learnFromCorrections, scoreEnsemble, type EnsembleModels, type LearningContext } from '../classification/learn-from-corrections';
import { readCorpusRecords } from '../classification/load-corpus';
import { shippedLearningSetup } from '../classification/shipped-ensemble';
import { loadConfig } from '../config';

const counts = [0, 50, 100, 200, 400];

async function main(): Promise<void> {
  const config = loadConfig();
  const blind = seededShuffle(readCorpusRecords('blind'), 20261207);
  const pool = blind.slice(0, Math.max(...counts));
  const rest = blind.slice(pool.length);
  const { context, models } = await shippedLearningSetup(config);
  console.log(`Corrections from the first ${pool.length} blind messages; measured on the other ${rest.length}\n`);
  console.log('corrections  activated  queue-acc  intent-acc  routable@98%  threshold precision  seconds');
  for (const count of counts) {
    const outcome = await learnFromCorrections(context, models, pool.slice(0, count), {
      correctionWeight: config.retrainCorrectionWeight,
      tolerance: config.retrainTolerance,
    });
    const report = await measure(context, outcome.candidate, rest, config.confidenceThreshold);
    const at98 = report.coverage.find((point) => point.targetPrecision === 0.98)!;
    console.log(
      `${String(count).padStart(11)}  ${(outcome.verdict.activate ? 'yes' : 'no').padStart(9)}  ${pct(report.queueAccuracy).padStart(9)}  ` +
        `${pct(report.intentAccuracy).padStart(10)}  ${pct(at98.coverage).padStart(12)}  ${pct(report.atThreshold!.precision).padStart(19)}  ${String(outcome.training.seconds).padStart(7)}`,
    );
  }
}

async function measure(context: LearningContext, models: EnsembleModels, records: ReturnType<typeof readCorpusRecords>, threshold: number) {
  const scored = await scoreEnsemble(context, models, records);
  const requests = scored.map(({ output, queue, intent }) => ({ expectedQueue: queue, expectedIntent: intent, output, tags: {} }));
  return classifierReport('ensemble', requests, { queueLabels: queueIds, fallbackQueue: defaultTaxonomy.fallbackQueue, threshold });
}

function seededShuffle<T>(items: T[], seed: number): T[] {
  const shuffled = [...items];
  let state = seed;
  for (let index = shuffled.length - 1; index > 0; index--) {
    state = (state * 16807) % 2147483647;
    const other = state % (index + 1);
    [shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
  }
  return shuffled;
}

const pct = (value: number) => `${(100 * value).toFixed(1)}%`;

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
