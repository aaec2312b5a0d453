import type { ClassificationInput, Classifier, ClassifierOutput } from '../../classifiers/classification';
import type { SoftmaxHead } from '../../classifiers/transformer/softmax-head';
import type { TransformerClassifier } from '../../classifiers/transformer/transformer-classifier';

/**
 * The transformer classifier of the running service, whose head is replaced in place when a supervisor activates
 * another version: no restart, and a request already being classified finishes with the head it started with.
 */
export class HeadSwappingClassifier implements Classifier {
  readonly name: string;

  constructor(private current: TransformerClassifier) {
    this.name = current.name;
  }

  get head(): SoftmaxHead {
    return this.current.head;
  }

  get encoder(): TransformerClassifier['encoder'] {
    return this.current.encoder;
  }

  /** Throws, keeping the current head, when `head` was fitted on another encoder. */
  useHead(head: SoftmaxHead): void {
    this.current = this.current.withHead(head);
  }

  classify(input: ClassificationInput): Promise<ClassifierOutput> {
    return this.current.classify(input);
  }
}
