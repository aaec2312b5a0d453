import type { HeadMetrics } from './softmax-head';

export interface RetrainingVerdict {
  activate: boolean;
  /** Why the candidate was refused, in French for supervisors; empty when it is activated. */
  refusals: string[];
}

/** The validation scores a retrained head must not lose, with their French names. */
const guardedMetrics = [
  { key: 'intentMacroF1', label: 'macro-F1 des motifs' },
  { key: 'queueAccuracy', label: 'exactitude des files' },
] as const satisfies readonly { key: keyof HeadMetrics; label: string }[];

/**
 * Whether a retrained head may replace the active one: not worse on validation intent macro-F1 nor on queue
 * accuracy, both heads scored on the same split. `tolerance` absorbs noise: on the 764 validation requests,
 * one request more or less right moves macro-F1 by about 0.001.
 */
export function retrainingVerdict(active: HeadMetrics, candidate: HeadMetrics, tolerance: number): RetrainingVerdict {
  const refusals = guardedMetrics
    .filter(({ key }) => candidate[key] < active[key] - tolerance)
    .map(({ key, label }) => `${label} en baisse : ${percent(active[key])} → ${percent(candidate[key])}`);
  return { activate: refusals.length === 0, refusals };
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1).replace('.', ',')} %`;
}
