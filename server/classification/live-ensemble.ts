import type { PlattParameters } from '../../classifiers/calibration/platt-scaling';
import type { RequestClassifierParts } from '../../classifiers/classify-request';
import type { TfidfClassifier } from '../../classifiers/tfidf/tfidf-classifier';
import { decodeTfidfWeights } from '../../classifiers/tfidf/tfidf-model-files';
import type { SoftmaxHead } from '../../classifiers/transformer/softmax-head';
import type { TransformerClassifier } from '../../classifiers/transformer/transformer-classifier';
import type { EnsembleModels } from './learn-from-corrections';

/** A model version as stored: the head, and the TF-IDF weights and calibration when learnt (absent: the shipped ones). */
export interface StoredModels {
  head: SoftmaxHead;
  tfidf?: { weights: Buffer; temperature: number; vocabularySha256: string };
  calibration?: PlattParameters;
}

/**
 * The ensemble of the running service, whose models are replaced in place when a supervisor activates another
 * version: no restart, and a request already being classified finishes with the models it started with. Its
 * `parts` is what the processing worker classifies with.
 */
export class LiveEnsemble {
  private current: EnsembleModels & { transformer: TransformerClassifier };
  readonly parts: RequestClassifierParts;

  constructor(
    private readonly shipped: { tfidf: TfidfClassifier; transformer: TransformerClassifier; calibration?: PlattParameters },
    base: Omit<RequestClassifierParts, 'classifiers' | 'calibration' | 'classifySentence'>,
  ) {
    this.current = { ...shipped, head: shipped.transformer.head };
    const ensemble = this;
    this.parts = {
      ...base,
      get classifiers() {
        return [ensemble.current.tfidf, ensemble.current.transformer];
      },
      get calibration() {
        return ensemble.current.calibration;
      },
      classifySentence: (sentence) => ensemble.current.tfidf.classifySync({ subject: '', text: sentence }),
    };
  }

  get models(): EnsembleModels {
    return this.current;
  }

  get transformer(): TransformerClassifier {
    return this.current.transformer;
  }

  /** The digest of the shipped TF-IDF vocabulary: weights learnt over another one mean nothing here. */
  get vocabularySha256(): string {
    return this.shipped.tfidf.vocabularySha256;
  }

  /** Whether these models fit the encoder and the TF-IDF vocabulary this process runs. */
  accepts(stored: StoredModels): boolean {
    return (
      stored.head.encoder === this.shipped.transformer.encoder.modelName &&
      (!stored.tfidf || stored.tfidf.vocabularySha256 === this.vocabularySha256)
    );
  }

  /** Throws, keeping the current models, when the head was fitted on another encoder. */
  use(stored: StoredModels): void {
    if (!this.accepts(stored)) throw new Error('models fitted on another encoder or TF-IDF vocabulary');
    const transformer = this.shipped.transformer.withHead(stored.head);
    const tfidf = stored.tfidf
      ? this.shipped.tfidf.withWeights(
          decodeTfidfWeights(stored.tfidf.weights, this.shipped.tfidf.intents.length, this.shipped.tfidf.vectorizer.size),
          stored.tfidf.temperature,
        )
      : this.shipped.tfidf;
    this.current = { tfidf, transformer, head: stored.head, calibration: stored.calibration ?? this.shipped.calibration };
  }
}
