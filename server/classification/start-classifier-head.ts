import path from 'node:path';

import type { LlmFallback } from '../../classifiers/llm/llm-fallback';
import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { shippedTfidfDirectory } from '../../classifiers/tfidf/tfidf-model-files';
import { defaultHeadPath } from '../../classifiers/transformer/transformer-classifier';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { ensembleCalibrationFile, loadShippedEnsemble } from './build-request-classifier';
import { ClassifierHeadRuntime } from './classifier-head-runtime';
import type { LiveEnsemble } from './live-ensemble';
import { HeadRetraining } from './retrain-head';

export interface ClassifierHeadParts {
  /** The ensemble to classify with: its models follow the active version. */
  ensemble: LiveEnsemble;
  runtime: ClassifierHeadRuntime;
  retraining: HeadRetraining;
}

/** The shipped model files besides the transformer head: a release that changes one registers a new version. */
export const otherShippedModelFiles = [
  path.join(shippedTfidfDirectory, 'tfidf.json'),
  path.join(shippedTfidfDirectory, 'weights.bin'),
  ensembleCalibrationFile,
];

/** Loads the ensemble with the model version active in MongoDB (the shipped models on a fresh database). */
export async function startClassifierHead(config: Config, logger: Logger, llmFallback?: LlmFallback): Promise<ClassifierHeadParts> {
  const ensemble = await loadShippedEnsemble(llmFallback);
  const runtime = new ClassifierHeadRuntime(ensemble, logger);
  await runtime.start(defaultHeadPath({}), otherShippedModelFiles, config.redisUrl ? null : config.classifierHeadCheckIntervalMs);
  const retraining = new HeadRetraining(runtime, defaultTaxonomy, {
    correctionWeight: config.retrainCorrectionWeight,
    tolerance: config.retrainTolerance,
    embeddingCacheDir: config.embeddingCacheDir,
  });
  return { ensemble, runtime, retraining };
}
