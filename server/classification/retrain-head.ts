import type { LabelledExample } from '../../classifiers/lexical/lexical-classifier';
import { isKnownQueue, type Taxonomy } from '../../classifiers/taxonomy/taxonomy';
import { correctionIntent } from '../../classifiers/transformer/correction-intent';
import { retrainingVerdict } from '../../classifiers/transformer/retraining-verdict';
import type { SoftmaxHead } from '../../classifiers/transformer/softmax-head';
import { fitSoftmaxHead, headInputText, headValidationMetrics, type EmbeddedSplit } from '../../classifiers/transformer/train-head';
import type { AuditActor } from '../../models/audit-event-repository';
import { latestCorrectionsUntil } from '../../models/classifier-correction-repository';
import type { ClassifierHeadVersionDocument } from '../../models/classifier-head-version-model';
import { createHeadVersion } from '../../models/classifier-head-version-repository';
import { findRequestsByIds } from '../../models/request-repository';
import { auditHeadChange } from './classifier-head-audit';
import type { ClassifierHeadRuntime } from './classifier-head-runtime';
import { CorpusEmbeddingCache } from './corpus-embedding-cache';
import { readCorpusSplit } from './load-corpus';

export interface RetrainingSettings {
  /** How many times each correction counts next to a corpus example. */
  correctionWeight: number;
  /** How much validation macro-F1 or queue accuracy a new head may lose and still be activated. */
  tolerance: number;
  embeddingCacheDir: string;
}

export interface RetrainingOutcome {
  version: ClassifierHeadVersionDocument;
  activated: boolean;
}

/**
 * Rebuilds the transformer's softmax head from the corpus train split plus the agents' corrections, scores it
 * and the active head on the validation split (never the test split), stores it as a new version, and activates
 * it only if it is not worse. Seconds once the corpus embeddings are cached (the first run embeds the corpus).
 */
export class HeadRetraining {
  private cache: Promise<CorpusEmbeddingCache> | undefined;
  private running = false;

  constructor(
    private readonly runtime: ClassifierHeadRuntime,
    private readonly taxonomy: Taxonomy,
    private readonly settings: RetrainingSettings,
  ) {}

  /** One retraining at a time per process: a second one would only redo the same work. */
  get inProgress(): boolean {
    return this.running;
  }

  async retrain(actor: AuditActor | undefined): Promise<RetrainingOutcome> {
    if (this.running) throw new Error('a retraining is already in progress');
    this.running = true;
    try {
      return await this.run(actor);
    } finally {
      this.running = false;
    }
  }

  private async run(actor: AuditActor | undefined): Promise<RetrainingOutcome> {
    const started = performance.now();
    const correctionsUntil = new Date();
    const baselineVersion = this.runtime.activeVersion;
    const baselineHead = this.runtime.classifier.head;
    if (baselineVersion === null) throw new Error('no active classifier head version to compare with');

    const cache = await this.corpusCache();
    const [train, validation] = await Promise.all([this.embeddedCorpus(cache, 'train'), this.embeddedCorpus(cache, 'validation')]);
    const { corrections, skipped } = await this.embeddedCorrections(correctionsUntil, baselineHead);

    const candidate = await fitSoftmaxHead(
      this.runtime.classifier.encoder.modelName,
      this.taxonomy,
      { train, validation, extra: corrections },
      { l2Candidates: [baselineHead.training.l2], extraWeight: this.settings.correctionWeight },
    );
    const candidateMetrics = candidate.training.validation!;
    const baselineMetrics = headValidationMetrics(baselineHead, this.taxonomy, validation);
    const verdict = retrainingVerdict(baselineMetrics, candidateMetrics, this.settings.tolerance);
    const training = {
      examples: train.examples.length,
      corrections: corrections.examples.length,
      skippedCorrections: skipped,
      correctionWeight: this.settings.correctionWeight,
      l2: candidate.training.l2,
      seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
    };
    const version = await createHeadVersion(candidate, {
      origin: 'retrained',
      validation: candidateMetrics,
      baseline: { version: baselineVersion, validation: baselineMetrics },
      verdict,
      training,
      correctionsUntil,
      createdBy: actor?._id,
    });
    await auditHeadChange('classifier-head.retrained', version.version, actor, {
      baselineVersion,
      validation: candidateMetrics,
      baselineValidation: baselineMetrics,
      activate: verdict.activate,
      refusals: verdict.refusals,
      training,
    });
    if (!verdict.activate) return { version, activated: false };
    const activation = await this.runtime.activate(version.version, actor);
    return activation.status === 'activated' ? { version: activation.version, activated: true } : { version, activated: false };
  }

  private corpusCache(): Promise<CorpusEmbeddingCache> {
    this.cache ??= CorpusEmbeddingCache.open(this.runtime.classifier.encoder, this.settings.embeddingCacheDir);
    this.cache.catch(() => (this.cache = undefined));
    return this.cache;
  }

  private async embeddedCorpus(cache: CorpusEmbeddingCache, split: 'train' | 'validation'): Promise<EmbeddedSplit> {
    const examples = readCorpusSplit(split);
    return { examples, embeddings: await cache.embed(examples.map(headInputText)) };
  }

  /**
   * The corrected requests, read now through the request model: one erased or anonymised since is left out. Their
   * embeddings are computed here and kept nowhere.
   */
  private async embeddedCorrections(until: Date, head: SoftmaxHead): Promise<{ corrections: EmbeddedSplit; skipped: number }> {
    const all = await latestCorrectionsUntil(until);
    const corrections = all.filter((correction) => isKnownQueue(this.taxonomy, correction.queue));
    const requests = new Map((await findRequestsByIds(corrections.map((correction) => correction.requestId))).map((request) => [request.id as string, request]));
    const readable = corrections.flatMap((correction) => {
      const request = requests.get(correction.requestId.toString());
      return request && !request.anonymisedAt && request.text ? [{ correction, subject: request.subject ?? '', text: request.text }] : [];
    });
    const embeddings = await this.runtime.classifier.encoder.embed(readable.map(headInputText));
    const examples: LabelledExample[] = readable.map(({ correction, subject, text }, index) => ({
      subject,
      text,
      queue: correction.queue,
      intent: correctionIntent(this.taxonomy, head, embeddings[index], correction),
    }));
    return { corrections: { examples, embeddings }, skipped: all.length - readable.length };
  }
}
