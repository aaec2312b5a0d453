import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { defaultHeadPath, TransformerClassifier } from '../../classifiers/transformer/transformer-classifier';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { ClassifierHeadRuntime } from './classifier-head-runtime';
import { HeadSwappingClassifier } from './head-swapping-classifier';
import { HeadRetraining } from './retrain-head';

export interface ClassifierHeadParts {
  /** The transformer classifier to classify with: its head follows the active version. */
  classifier: HeadSwappingClassifier;
  runtime: ClassifierHeadRuntime;
  retraining: HeadRetraining;
}

/** Loads the transformer with the head version active in MongoDB (the shipped one on a fresh database). */
export async function startClassifierHead(config: Config, logger: Logger): Promise<ClassifierHeadParts> {
  const classifier = new HeadSwappingClassifier(await TransformerClassifier.load(defaultTaxonomy));
  const runtime = new ClassifierHeadRuntime(classifier, logger);
  await runtime.start(defaultHeadPath({}), config.classifierHeadCheckIntervalMs);
  const retraining = new HeadRetraining(runtime, defaultTaxonomy, {
    correctionWeight: config.retrainCorrectionWeight,
    tolerance: config.retrainTolerance,
    embeddingCacheDir: config.embeddingCacheDir,
  });
  return { classifier, runtime, retraining };
}
