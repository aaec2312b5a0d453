import { correctionIntent } from '../../classifiers/correction-intent';
import { isKnownQueue, type Taxonomy } from '../../classifiers/taxonomy/taxonomy';
import { encodeTfidfWeights } from '../../classifiers/tfidf/tfidf-model-files';
import type { AuditActor } from '../../models/audit/audit-event-repository';
import { latestCorrectionsUntil } from '../../models/classifier/classifier-correction-repository';
import type { ClassifierHeadVersionDocument } from '../../models/classifier/classifier-head-version-model';
import { createHeadVersion } from '../../models/classifier/classifier-head-version-repository';
import { findRequestsByIds } from '../../models/request/request-repository';
import { auditHeadChange } from './classifier-head-audit';
import type { ClassifierHeadRuntime } from './classifier-head-runtime';
import { CorpusEmbeddingCache } from './corpus-embedding-cache';
import { learnFromCorrections, learningSteps, type LabelledCorrection, type LearningSettings } from './learn-from-corrections';

export interface RetrainingSettings extends LearningSettings {
  embeddingCacheDir: string;
}

export interface RetrainingOutcome {
  version: ClassifierHeadVersionDocument;
  activated: boolean;
}

/** A retraining's stages: reading the corrections, learning (learnFromCorrections' steps), storing the version. */
export const retrainingSteps = ['corrections', ...learningSteps, 'saving'] as const;
export type RetrainingStep = (typeof retrainingSteps)[number];

/** Where a retraining in progress stands: its current stage, the how-many-th of how many. */
export interface RetrainingProgress {
  step: RetrainingStep;
  index: number;
  count: number;
}

/**
 * Learns from the agents' corrections with the whole ensemble (learnFromCorrections: TF-IDF weights, transformer
 * head and calibration), stores the result as a new version, and activates it only if the gate finds it not
 * worse on the held-out realistic messages and corrections. Tens of seconds once the corpus embeddings are cached.
 */
export class HeadRetraining {
  private cache: Promise<CorpusEmbeddingCache> | undefined;
  private running = false;
  private step: RetrainingStep | null = null;

  constructor(
    private readonly runtime: ClassifierHeadRuntime,
    private readonly taxonomy: Taxonomy,
    private readonly settings: RetrainingSettings,
  ) {}

  /** One retraining at a time per process: a second one would only redo the same work. */
  get inProgress(): boolean {
    return this.running;
  }

  /** The stage of the retraining in progress in this process, null when none runs. */
  get progress(): RetrainingProgress | null {
    return this.running && this.step
      ? { step: this.step, index: retrainingSteps.indexOf(this.step) + 1, count: retrainingSteps.length }
      : null;
  }

  async retrain(actor: AuditActor | undefined): Promise<RetrainingOutcome> {
    if (this.running) throw new Error('a retraining is already in progress');
    this.running = true;
    try {
      return await this.run(actor);
    } finally {
      this.running = false;
      this.step = null;
    }
  }

  private async run(actor: AuditActor | undefined): Promise<RetrainingOutcome> {
    const correctionsUntil = new Date();
    const baselineVersion = this.runtime.activeVersion;
    if (baselineVersion === null) throw new Error('no active classifier head version to compare with');
    const ensemble = this.runtime.ensemble;
    const current = ensemble.models;
    this.step = 'corrections';
    const cache = await this.corpusCache();
    const { corrections, skipped } = await this.readableCorrections(correctionsUntil);
    const outcome = await learnFromCorrections(
      {
        taxonomy: this.taxonomy,
        transformer: ensemble.transformer,
        embedCorpus: (texts) => cache.embed(texts),
        onStep: (step) => (this.step = step),
      },
      current,
      corrections,
      this.settings,
    );
    const { candidate, verdict, baselineMetrics, candidateMetrics } = outcome;
    this.step = 'saving';
    const training = {
      examples: candidate.head.training.examples,
      corrections: outcome.training.corrections,
      heldOutCorrections: outcome.training.heldOutCorrections,
      skippedCorrections: skipped + outcome.training.skippedCorrections,
      correctionWeight: this.settings.correctionWeight,
      l2: candidate.head.training.l2,
      seconds: outcome.training.seconds,
    };
    const version = await createHeadVersion(
      candidate.head,
      {
        origin: 'retrained',
        validation: candidateMetrics,
        baseline: { version: baselineVersion, validation: baselineMetrics },
        verdict,
        training,
        correctionsUntil,
        createdBy: actor?._id,
      },
      {
        tfidf: {
          weights: encodeTfidfWeights(candidate.tfidf.regression),
          temperature: candidate.tfidf.temperature,
          vocabularySha256: ensemble.vocabularySha256,
        },
        ...(candidate.calibration && { calibration: candidate.calibration }),
      },
    );
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
    this.cache ??= CorpusEmbeddingCache.open(this.runtime.ensemble.transformer.encoder, this.settings.embeddingCacheDir);
    this.cache.catch(() => (this.cache = undefined));
    return this.cache;
  }

  /**
   * The corrected requests, read now through the request model: one erased or anonymised since is left out. Their
   * texts are read here and kept nowhere; an agent who gave no intent gets the ensemble's best guess in the queue.
   */
  private async readableCorrections(until: Date): Promise<{ corrections: LabelledCorrection[]; skipped: number }> {
    const all = await latestCorrectionsUntil(until);
    const known = all.filter((correction) => isKnownQueue(this.taxonomy, correction.queue));
    const requests = new Map(
      (await findRequestsByIds(known.map((correction) => correction.requestId))).map((request) => [request.id as string, request]),
    );
    const tfidf = this.runtime.ensemble.models.tfidf;
    const corrections = known.flatMap((correction): LabelledCorrection[] => {
      const request = requests.get(correction.requestId.toString());
      if (!request || request.anonymisedAt || !request.text) return [];
      const subject = request.subject ?? '';
      const { intentScores } = tfidf.classifySync({ subject, text: request.text });
      // The training corpus knows mail and forms; what an agent took down on the phone or at the counter reads as a form.
      const channel = request.channel === 'email' ? 'email' : 'form';
      return [
        {
          channel,
          subject,
          text: request.text,
          queue: correction.queue,
          intent: correctionIntent(this.taxonomy, intentScores, correction),
        },
      ];
    });
    return { corrections, skipped: all.length - corrections.length };
  }
}
