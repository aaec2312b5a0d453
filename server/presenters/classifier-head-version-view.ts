import type { ClassifierHeadVersionDocument } from '../../models/classifier/classifier-head-version-model';

type StoredMetrics = NonNullable<ClassifierHeadVersionDocument['validation']>;

/** What supervisors see of a head version: its scores and history, never its weights. */
export function toHeadVersionView(version: ClassifierHeadVersionDocument, activeVersion: number | null) {
  return {
    version: version.version,
    origin: version.origin,
    active: version.version === activeVersion,
    encoder: version.encoder,
    createdAt: version.createdAt.toISOString(),
    createdBy: version.createdBy?.toString() ?? null,
    validation: version.validation ? metricsView(version.validation) : null,
    baseline: version.baseline ? { version: version.baseline.version, validation: metricsView(version.baseline.validation) } : null,
    verdict: version.verdict ? { activate: version.verdict.activate, refusals: [...version.verdict.refusals] } : null,
    training: version.training
      ? {
          examples: version.training.examples,
          corrections: version.training.corrections,
          heldOutCorrections: version.training.heldOutCorrections ?? 0,
          skippedCorrections: version.training.skippedCorrections,
          correctionWeight: version.training.correctionWeight,
          l2: version.training.l2,
          seconds: version.training.seconds,
        }
      : null,
    correctionsUntil: version.correctionsUntil?.toISOString() ?? null,
    lastActivatedAt: version.activation?.at.toISOString() ?? null,
    lastActivatedBy: version.activation?.by?.toString() ?? null,
  };
}

function metricsView(metrics: StoredMetrics) {
  return {
    intentAccuracy: metrics.intentAccuracy,
    intentMacroF1: metrics.intentMacroF1,
    queueAccuracy: metrics.queueAccuracy,
    negativeLogLikelihood: metrics.negativeLogLikelihood,
    expectedCalibrationError: metrics.expectedCalibrationError,
  };
}
