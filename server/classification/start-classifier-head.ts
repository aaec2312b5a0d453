import path from 'node:path';
import { loadLanguageDetector } from '../../classifiers/language/language-detector';
import type { LlmFallback } from '../../classifiers/llm/llm-fallback';
import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { loadTfidfClassifier, shippedTfidfDirectory } from '../../classifiers/tfidf/tfidf-model-files';
import { defaultHeadPath, TransformerClassifier } from '../../classifiers/transformer/transformer-classifier';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { ensembleCalibrationFile, ensembleClassifier, shippedCalibration } from './build-request-classifier';
import { ClassifierHeadRuntime } from './classifier-head-runtime';
import { LiveEnsemble } from './live-ensemble';
import { HeadRetraining } from './retrain-head';

export interface ClassifierHeadParts {
  /** The ensemble to classify with: its models follow the active version. */
  ensemble: LiveEnsemble;
  runtime: ClassifierHeadRuntime;
  retraining: HeadRetraining;
}

/** The shipped model files besides the transformer head: a release that changes one registers a new version. */
export const otherShippedModelFiles = [path.join(shippedTfidfDirectory, 'tfidf.json'), path.join(shippedTfidfDirectory, 'weights.bin'), ensembleCalibrationFile];

/** The shipped ensemble, ready to follow the active version. */
export async function loadLiveEnsemble(llmFallback?: LlmFallback): Promise<LiveEnsemble> {
  const transformer = await TransformerClassifier.load(defaultTaxonomy);
  const tfidf = loadTfidfClassifier(defaultTaxonomy);
  const calibration = shippedCalibration([tfidf.name, transformer.name]);
  const base = ensembleClassifier({ tfidf, transformer }, await loadLanguageDetector(), calibration, llmFallback);
  return new LiveEnsemble({ tfidf, transformer, calibration }, base);
}

/** Loads the ensemble with the model version active in MongoDB (the shipped models on a fresh database). */
export async function startClassifierHead(config: Config, logger: Logger, llmFallback?: LlmFallback): Promise<ClassifierHeadParts> {
  const ensemble = await loadLiveEnsemble(llmFallback);
  const runtime = new ClassifierHeadRuntime(ensemble, logger);
  await runtime.start(defaultHeadPath({}), otherShippedModelFiles, config.classifierHeadCheckIntervalMs);
  const retraining = new HeadRetraining(runtime, defaultTaxonomy, {
    correctionWeight: config.retrainCorrectionWeight,
    tolerance: config.retrainTolerance,
    embeddingCacheDir: config.embeddingCacheDir,
  });
  return { ensemble, runtime, retraining };
}
