import { createHash } from 'node:crypto';
import { z } from 'zod';

import { fitPlatt, type PlattParameters } from '../../classifiers/calibration/platt-scaling';
import { classifyRequest, decisionOf } from '../../classifiers/classify-request';
import { trainingExamples } from '../../classifiers/corpus/training-examples';
import type { LabelledExample } from '../../classifiers/lexical/lexical-classifier';
import { queueOfIntent, type Taxonomy } from '../../classifiers/taxonomy/taxonomy';
import { defaultTfidfOptions, type TfidfClassifier } from '../../classifiers/tfidf/tfidf-classifier';
import { retrainingVerdict, type RetrainingVerdict } from '../../classifiers/transformer/retraining-verdict';
import type { HeadMetrics, SoftmaxHead } from '../../classifiers/transformer/softmax-head';
import { fitSoftmaxHead, headInputText } from '../../classifiers/transformer/train-head';
import type { TransformerClassifier } from '../../classifiers/transformer/transformer-classifier';
import { validationMetrics } from '../../classifiers/transformer/validation-metrics';
import { ensembleClassifier } from './build-request-classifier';
import { readCorpusRecords } from './load-corpus';
import { realisticValidation } from './realistic-validation';

/** A request an agent (or a file of corrections) labelled with the right queue and intent. */
export const labelledCorrectionSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String).optional(),
  channel: z.enum(['form', 'email']).default('form'),
  subject: z.string().default(''),
  text: z.string().min(1),
  queue: z.string().min(1),
  intent: z.string().min(1),
});
export type LabelledCorrection = z.infer<typeof labelledCorrectionSchema>;

/** What the service classifies with, and what a version of the model stores. */
export interface EnsembleModels {
  tfidf: TfidfClassifier;
  head: SoftmaxHead;
  calibration?: PlattParameters;
}

export interface LearningSettings {
  /** How many times a correction counts next to a corpus example. */
  correctionWeight: number;
  /** How much a guarded score may drop on the held-out messages and the candidate still be activated. */
  tolerance: number;
}

/** The stages of learning, in order, reported as each one starts: what a supervisor waits for. */
export const learningSteps = ['tfidf', 'head', 'calibration', 'gate'] as const;
export type LearningStep = (typeof learningSteps)[number];

export interface LearningContext {
  taxonomy: Taxonomy;
  /** Told as each stage starts (a long retraining shows where it is). */
  onStep?: (step: LearningStep) => void;
  /** The transformer in use: its encoder embeds, its head is the baseline's. */
  transformer: TransformerClassifier;
  /** Embeds corpus texts (the service keeps them in a cache on disk). */
  embedCorpus(texts: string[]): Promise<ArrayLike<number>[]>;
}

export interface LearningOutcome {
  candidate: EnsembleModels;
  verdict: RetrainingVerdict;
  /** Both ensembles scored on the realistic validation messages (the held-out corrections are checked apart). */
  baselineMetrics: HeadMetrics;
  candidateMetrics: HeadMetrics;
  training: { corrections: number; heldOutCorrections: number; skippedCorrections: number; correctionWeight: number; seconds: number };
}

/**
 * Further training of the TF-IDF model starts from the weights in use, on the whole corpus and the corrections,
 * without the weight penalty (it would keep shrinking every weight) and with a large Adam epsilon, so that the
 * n-grams the corrections carry move and the others barely do. Plain Adam steps (epsilon 1e-8), whatever the size
 * of a gradient, made the model drift; small steps (learning rate 0.02) learnt the corrections too little to
 * change a single answer of test/classifiers/classify-cli.test.ts.
 */
const continuedTraining = { epochs: 2, learningRate: 0.1, inverseRegularisation: Number.POSITIVE_INFINITY, epsilon: 1e-2 };

/**
 * Learns from agents' corrections with every member of the ensemble and its calibration: the TF-IDF model is
 * trained further on the corpus plus the corrections, the transformer's head refitted with them, and the
 * confidence calibration refitted on held-out messages. A fifth of the corrections (chosen by a hash of their
 * text, so the same ones every time) is held out. The activation gate asks the candidate to be no worse than the
 * baseline on the realistic validation messages (never templates) and on those held-out corrections.
 */
export async function learnFromCorrections(
  context: LearningContext,
  current: EnsembleModels,
  offered: LabelledCorrection[],
  settings: LearningSettings,
): Promise<LearningOutcome> {
  const started = performance.now();
  const corrections = offered.filter((correction) => queueOfIntent(context.taxonomy, correction.intent) === correction.queue);
  const heldOut = corrections.filter(isHeldOut);
  const learnt = corrections.filter((correction) => !isHeldOut(correction));
  const corpus = trainingExamples(readCorpusRecords('train'));
  const validation = realisticValidation();

  context.onStep?.('tfidf');
  const tfidf = learnt.length
    ? current.tfidf.continuedOn([...corpus, ...learnt.map((correction) => ({ ...correction, weight: settings.correctionWeight }))], {
        ...defaultTfidfOptions,
        ...continuedTraining,
      })
    : current.tfidf;
  const embedded = async (examples: LabelledExample[], embed: (texts: string[]) => Promise<ArrayLike<number>[]>) => ({
    examples,
    embeddings: await embed(examples.map(headInputText)),
  });
  const encoder = context.transformer.encoder;
  context.onStep?.('head');
  const head = learnt.length
    ? await fitSoftmaxHead(
        encoder.modelName,
        context.taxonomy,
        {
          train: await embedded(corpus, context.embedCorpus),
          validation: await embedded(validation, context.embedCorpus),
          extra: await embedded(learnt, (texts) => encoder.embed(texts)),
        },
        { l2Candidates: [current.head.training.l2], extraWeight: settings.correctionWeight },
      )
    : current.head;

  // Calibration is fitted on every held-out message; the gate guards the realistic validation messages on their
  // own (corrections must not damage what the model got right) and asks the held-out corrections to be learnt.
  context.onStep?.('calibration');
  const uncalibrated = await scoreEnsemble(context, { tfidf, head }, [...validation, ...heldOut]);
  const calibration = fitPlatt(
    uncalibrated.map(({ output, queue }) => ({ confidence: output.confidence, correct: output.queue === queue })),
  );
  const candidate: EnsembleModels = { tfidf, head, calibration };
  context.onStep?.('gate');
  const [baseline, candidateScores] = [
    await scoreEnsemble(context, current, validation),
    await scoreEnsemble(context, candidate, validation),
  ];
  const [baselineMetrics, candidateMetrics] = [validationMetrics(baseline), validationMetrics(candidateScores)];
  const verdict = retrainingVerdict(baselineMetrics, candidateMetrics, settings.tolerance);
  const heldOutRight = async (models: EnsembleModels) =>
    (await scoreEnsemble(context, models, heldOut)).filter(({ output, queue }) => output.queue === queue).length;
  const [baselineHeldOut, candidateHeldOut] = [await heldOutRight(current), await heldOutRight(candidate)];
  if (candidateHeldOut < baselineHeldOut) {
    verdict.refusals.push(`corrections mises de côté moins bien classées : ${baselineHeldOut} → ${candidateHeldOut} sur ${heldOut.length}`);
    verdict.activate = false;
  }
  return {
    candidate,
    verdict,
    baselineMetrics,
    candidateMetrics,
    training: {
      corrections: learnt.length,
      heldOutCorrections: heldOut.length,
      skippedCorrections: offered.length - corrections.length,
      correctionWeight: settings.correctionWeight,
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    },
  };
}

/** One correction in five, always the same ones: the gate's share of what agents taught. */
export function isHeldOut(correction: Pick<LabelledCorrection, 'text'>): boolean {
  return createHash('sha256').update(correction.text).digest()[0]! % 5 === 0;
}

/** The decisions of an ensemble of these models on labelled examples, as the service would take them. */
export async function scoreEnsemble(
  context: LearningContext,
  models: EnsembleModels,
  examples: (LabelledExample & { channel?: 'form' | 'email' })[],
) {
  const transformer = context.transformer.withHead(models.head);
  // The language plays no part in the decision: it is not detected here.
  const parts = ensembleClassifier(
    { tfidf: models.tfidf, transformer },
    async () => ({ language: 'und', probability: 0 }),
    models.calibration,
  );
  // Only the decisions are scored: the reception instant and zone date the extracted facts, nothing else.
  const reception = { receivedAt: new Date(), timeZone: 'UTC' };
  const scored = [];
  for (const example of examples) {
    const classification = await classifyRequest(parts, {
      subject: example.subject,
      text: example.text,
      channel: example.channel ?? 'form',
      ...reception,
    });
    scored.push({ output: decisionOf(classification), queue: example.queue, intent: example.intent });
  }
  return scored;
}
