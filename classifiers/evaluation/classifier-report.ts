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

export interface ClassifierReport {
  classifier: string;
  count: number;
  queueAccuracy: number;
  queueMacroF1: number;
  intentAccuracy: number;
  intentMacroF1: number;
  perQueue: LabelScores[];
  confusion: { labels: string[]; counts: number[][] };
  /** Auto-routing by queue, thresholding on the classifier's confidence. */
  coverage: CoveragePoint[];
  groups: GroupAccuracy[];
}

export const defaultPrecisionTargets = [0.95, 0.97, 0.98, 0.99];

export function classifierReport(
  classifier: string,
  requests: EvaluatedRequest[],
  queueLabels: string[],
  precisionTargets: number[] = defaultPrecisionTargets,
): ClassifierReport {
  const queuePairs = requests.map((request) => ({ expected: request.expectedQueue, predicted: request.output.queue }));
  const intentPairs = requests.map((request) => ({ expected: request.expectedIntent, predicted: request.output.intent }));
  return {
    classifier,
    count: requests.length,
    queueAccuracy: accuracy(queuePairs),
    queueMacroF1: macroF1(queuePairs),
    intentAccuracy: accuracy(intentPairs),
    intentMacroF1: macroF1(intentPairs),
    perQueue: perLabelScores(queuePairs, queueLabels),
    confusion: { labels: queueLabels, counts: confusionMatrix(queuePairs, queueLabels) },
    coverage: coverageAtPrecision(
      requests.map((request) => ({ confidence: request.output.confidence, correct: request.output.queue === request.expectedQueue })),
      precisionTargets,
    ),
    groups: groupAccuracies(requests, queuePairs, intentPairs),
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
