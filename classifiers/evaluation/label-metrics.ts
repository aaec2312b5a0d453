/** One prediction of a single label set (queues or intents) against the expected label. */
export interface LabelPair {
  expected: string;
  predicted: string;
}

export interface LabelScores {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** How many examples carry this label. */
  support: number;
}

export function accuracy(pairs: LabelPair[]): number {
  if (pairs.length === 0) return 0;
  return pairs.filter((pair) => pair.expected === pair.predicted).length / pairs.length;
}

/** Precision, recall and F1 of each label; a label never predicted has precision 0, never expected recall 0. */
export function perLabelScores(pairs: LabelPair[], labels: string[]): LabelScores[] {
  return labels.map((label) => {
    const truePositives = pairs.filter((pair) => pair.expected === label && pair.predicted === label).length;
    const predicted = pairs.filter((pair) => pair.predicted === label).length;
    const support = pairs.filter((pair) => pair.expected === label).length;
    const precision = predicted === 0 ? 0 : truePositives / predicted;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
}

/** Unweighted mean F1 over the labels that occur among the expected ones, so rare labels count as much as common. */
export function macroF1(pairs: LabelPair[]): number {
  const expectedLabels = [...new Set(pairs.map((pair) => pair.expected))];
  if (expectedLabels.length === 0) return 0;
  const scores = perLabelScores(pairs, expectedLabels);
  return scores.reduce((sum, score) => sum + score.f1, 0) / scores.length;
}

/** counts[i][j]: examples expected as labels[i] and predicted as labels[j]; predictions outside `labels` are dropped. */
export function confusionMatrix(pairs: LabelPair[], labels: string[]): number[][] {
  const index = new Map(labels.map((label, position) => [label, position]));
  const counts = labels.map(() => labels.map(() => 0));
  for (const pair of pairs) {
    const row = index.get(pair.expected);
    const column = index.get(pair.predicted);
    if (row !== undefined && column !== undefined) counts[row]![column]! += 1;
  }
  return counts;
}
