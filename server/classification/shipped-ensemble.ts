import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import type { Config } from '../config';
import { loadShippedEnsemble } from './build-request-classifier';
import { CorpusEmbeddingCache } from './corpus-embedding-cache';
import type { EnsembleModels, LearningContext } from './learn-from-corrections';

/** The shipped models and what learning from corrections needs around them, for the command-line tools. */
export async function shippedLearningSetup(
  config: Pick<Config, 'embeddingCacheDir'>,
): Promise<{ context: LearningContext; models: EnsembleModels }> {
  const ensemble = await loadShippedEnsemble();
  const cache = await CorpusEmbeddingCache.open(ensemble.transformer.encoder, config.embeddingCacheDir);
  return {
    context: { taxonomy: defaultTaxonomy, transformer: ensemble.transformer, embedCorpus: (texts) => cache.embed(texts) },
    models: ensemble.models,
  };
}
