import type { ClassifierOutput } from '../classification';
import { coverageAtPrecision, type CoveragePoint } from './coverage-at-precision';
import { accuracy, confusionMatrix, macroF1, perLabelScores, type LabelPair, type LabelScores } from './label-metrics';

/** One evaluation request: its gold labels, what the classifier said, and tags to break results down by. */
export interface EvaluatedRequest {
  expectedQueue: string;
  expectedIntent: string;
  output: ClassifierOutput;
  tags: Record<string, string>;
}

export interface GroupAccuracy {
  tag: string;
  value: string;
  count: number;
  queueAccuracy: number;
  intentAccuracy: number;
}

/** What a confidence threshold does: the share of routable requests it auto-routes, and how many of those are right. */
export interface ThresholdOutcome {
  threshold: number;
  coverage: number;
  precision: number;
}

export interface ReportSettings {
  queueLabels: string[];
  /** The queue of manual triage: a request predicted there is not auto-routed, one expected there is not routable. */
  fallbackQueue: string;
  precisionTargets?: number[];
  /** The confidence threshold the service ships with. */
  threshold?: number;
  /** Intents whose detection is followed on its own (precision and recall). */
  watchedIntents?: string[];
}

export interface ClassifierReport {
  classifier: string;
  count: number;
  queueAccuracy: number;
  queueMacroF1: number;
  intentAccuracy: number;
  intentMacroF1: number;
  perQueue: LabelScores[];
  confusion: { labels: string[]; counts: number[][] };
  /**
   * Risk–coverage: for each target precision, the share of routable requests (expected in a department queue)
   * that can be sent to a department queue automatically, thresholding on the classifier's confidence.
   */
  coverage: CoveragePoint[];
  atThreshold?: ThresholdOutcome;
  watchedIntents: LabelScores[];
  groups: GroupAccuracy[];
}

export const defaultPrecisionTargets = [0.95, 0.98, 0.99];

export function classifierReport(classifier: string, requests: EvaluatedRequest[], settings: ReportSettings): ClassifierReport {
  const { queueLabels, fallbackQueue, precisionTargets = defaultPrecisionTargets } = settings;
  const queuePairs = requests.map((request) => ({ expected: request.expectedQueue, predicted: request.output.queue }));
  const intentPairs = requests.map((request) => ({ expected: request.expectedIntent, predicted: request.output.intent }));
  const routable = requests.filter((request) => request.expectedQueue !== fallbackQueue).length;
  const routed = requests
    .filter((request) => request.output.queue !== fallbackQueue)
    .map((request) => ({
      confidence: request.output.confidence,
      correct: request.output.queue === request.expectedQueue,
      routable: request.expectedQueue !== fallbackQueue,
    }));
  // Coverage counts the routable requests sent to a department queue; precision, every request sent to one (a
  // thank-you note routed to a department is a mistake too).
  const coverageAbove = (threshold: number) =>
    routable === 0 ? 0 : routed.filter((outcome) => outcome.routable && outcome.confidence >= threshold).length / routable;
  return {
    classifier,
    count: requests.length,
    queueAccuracy: accuracy(queuePairs),
    queueMacroF1: macroF1(queuePairs),
    intentAccuracy: accuracy(intentPairs),
    intentMacroF1: macroF1(intentPairs),
    perQueue: perLabelScores(queuePairs, queueLabels),
    confusion: { labels: queueLabels, counts: confusionMatrix(queuePairs, queueLabels) },
    coverage: coverageAtPrecision(routed, precisionTargets).map((point) => ({
      ...point,
      coverage: point.threshold === null ? 0 : coverageAbove(point.threshold),
    })),
    ...(settings.threshold !== undefined && { atThreshold: thresholdOutcome(routed, settings.threshold, coverageAbove) }),
    watchedIntents: perLabelScores(intentPairs, settings.watchedIntents ?? []),
    groups: groupAccuracies(requests, queuePairs, intentPairs),
  };
}

function thresholdOutcome(
  routed: { confidence: number; correct: boolean }[],
  threshold: number,
  coverageAbove: (threshold: number) => number,
): ThresholdOutcome {
  const above = routed.filter((outcome) => outcome.confidence >= threshold);
  return {
    threshold,
    coverage: coverageAbove(threshold),
    precision: above.length ? above.filter((outcome) => outcome.correct).length / above.length : 0,
  };
}

function groupAccuracies(requests: EvaluatedRequest[], queuePairs: LabelPair[], intentPairs: LabelPair[]): GroupAccuracy[] {
  const tags = [...new Set(requests.flatMap((request) => Object.keys(request.tags)))].sort();
  return tags.flatMap((tag) => {
    const values = [...new Set(requests.map((request) => request.tags[tag]).filter((value) => value !== undefined))].sort();
    return values.map((value) => {
      const positions = requests.flatMap((request, position) => (request.tags[tag] === value ? [position] : []));
      return {
        tag,
        value: value!,
        count: positions.length,
        queueAccuracy: accuracy(positions.map((position) => queuePairs[position]!)),
        intentAccuracy: accuracy(positions.map((position) => intentPairs[position]!)),
      };
    });
  });
}
