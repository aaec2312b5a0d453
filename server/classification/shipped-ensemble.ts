import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { loadTfidfClassifier } from '../../classifiers/tfidf/tfidf-model-files';
import { TransformerClassifier } from '../../classifiers/transformer/transformer-classifier';
import type { Config } from '../config';
import { shippedCalibration } from './build-request-classifier';
import { CorpusEmbeddingCache } from './corpus-embedding-cache';
import type { EnsembleModels, LearningContext } from './learn-from-corrections';

/** The shipped models and what learning from corrections needs around them, for the command-line tools. */
export async function shippedLearningSetup(config: Pick<Config, 'embeddingCacheDir'>): Promise<{ context: LearningContext; models: EnsembleModels }> {
  const transformer = await TransformerClassifier.load(defaultTaxonomy);
  const tfidf = loadTfidfClassifier(defaultTaxonomy);
  const cache = await CorpusEmbeddingCache.open(transformer.encoder, config.embeddingCacheDir);
  return {
    context: { taxonomy: defaultTaxonomy, transformer, embedCorpus: (texts) => cache.embed(texts) },
    models: { tfidf, head: transformer.head, calibration: shippedCalibration([tfidf.name, transformer.name]) },
  };
}
