import DataLoader from 'dataloader';

import type { ClassificationInput, Classifier, ClassifierOutput } from '../../classifiers/classification';
import type { RequestClassifierParts } from '../../classifiers/classify-request';
import type { LiveEnsemble } from './live-ensemble';

export interface MicroBatchOptions {
  /** Requests encoded together at most. */
  maxBatchSize: number;
  /** How long the first request of a batch waits for others. */
  maxWaitMs: number;
}

/**
 * The live ensemble's classifier parts, with the transformer's work for requests processed at the same time
 * gathered into micro-batches: the encoder runs a batch in far less time than its requests one by one, and the
 * wait is a few milliseconds at most. The batch uses the models active when it runs (a version swap applies to the
 * next batch). The TF-IDF member, which takes well under a millisecond a request, is not batched.
 */
export function microBatchedClassifierParts(ensemble: LiveEnsemble, options: MicroBatchOptions): RequestClassifierParts {
  const loader = new DataLoader<ClassificationInput, ClassifierOutput>((inputs) => ensemble.transformer.classifyBatch([...inputs]), {
    cache: false,
    maxBatchSize: options.maxBatchSize,
    batchScheduleFn: (dispatch) => setTimeout(dispatch, options.maxWaitMs),
  });
  const transformer: Classifier = {
    get name() {
      return ensemble.transformer.name;
    },
    classify: (input) => loader.load(input),
  };
  // The ensemble's other parts stay live getters (models swapped in place), hence a prototype, not a copy.
  return Object.create(ensemble.parts, {
    classifiers: { get: () => [ensemble.models.tfidf, transformer], enumerable: true },
  }) as RequestClassifierParts;
}
