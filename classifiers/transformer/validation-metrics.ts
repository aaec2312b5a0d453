import type { ClassifierOutput } from '../classification';
import { accuracy, macroF1 } from '../evaluation/label-metrics';
import type { HeadMetrics } from './softmax-head';

export interface LabelledOutput {
  output: ClassifierOutput;
  intent: string;
  queue: string;
}

/** What picks and documents a head: accuracy and macro-F1, plus how well its probabilities are calibrated. */
export function validationMetrics(outcomes: LabelledOutput[]): HeadMetrics {
  if (outcomes.length === 0) throw new Error('no outcomes to evaluate');
  const intentPairs = outcomes.map(({ output, intent }) => ({ expected: intent, predicted: output.intent }));
  return {
    intentAccuracy: accuracy(intentPairs),
    intentMacroF1: macroF1(intentPairs),
    queueAccuracy: accuracy(outcomes.map(({ output, queue }) => ({ expected: queue, predicted: output.queue }))),
    negativeLogLikelihood: outcomes.reduce((sum, { output, intent }) => sum - Math.log(probabilityOf(output, intent)), 0) / outcomes.length,
    expectedCalibrationError: expectedCalibrationError(outcomes),
  };
}

function probabilityOf(output: ClassifierOutput, intent: string): number {
  return Math.max(output.intentScores.find((entry) => entry.label === intent)?.score ?? 0, 1e-12);
}

/** Gap between the top queue's confidence and how often it is right, averaged over ten confidence bins. */
function expectedCalibrationError(outcomes: LabelledOutput[], bins = 10): number {
  let error = 0;
  for (let bin = 0; bin < bins; bin++) {
    const inside = outcomes.filter(({ output }) => output.confidence > bin / bins && output.confidence <= (bin + 1) / bins);
    if (inside.length === 0) continue;
    const confidence = inside.reduce((sum, { output }) => sum + output.confidence, 0) / inside.length;
    const correct = inside.filter(({ output, queue }) => output.queue === queue).length / inside.length;
    error += (inside.length / outcomes.length) * Math.abs(confidence - correct);
  }
  return error;
}
