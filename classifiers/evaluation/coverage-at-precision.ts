/** A routed request: how sure the classifier was, and whether the route was right. */
export interface ScoredOutcome {
  confidence: number;
  correct: boolean;
}

export interface CoveragePoint {
  targetPrecision: number;
  /** Lowest confidence that is auto-routed; null when no threshold reaches the target precision. */
  threshold: number | null;
  /** Share of all requests whose confidence is at least `threshold`. */
  coverage: number;
  /** Precision actually obtained on those requests. */
  precision: number;
}

/**
 * For each target precision, the largest share of requests that can be routed automatically (confidence at or
 * above a threshold) while the routed ones stay at least that precise. Requests with equal confidence are routed
 * or kept together, since a threshold cannot separate them.
 */
export function coverageAtPrecision(outcomes: ScoredOutcome[], targets: number[]): CoveragePoint[] {
  const sorted = [...outcomes].sort((a, b) => b.confidence - a.confidence);
  const cuts: { threshold: number; routed: number; precision: number }[] = [];
  let correct = 0;
  sorted.forEach((outcome, position) => {
    if (outcome.correct) correct += 1;
    const next = sorted[position + 1];
    if (next === undefined || next.confidence < outcome.confidence) {
      cuts.push({ threshold: outcome.confidence, routed: position + 1, precision: correct / (position + 1) });
    }
  });
  return targets.map((targetPrecision) => {
    const best = cuts.filter((cut) => cut.precision >= targetPrecision).at(-1);
    return best
      ? { targetPrecision, threshold: best.threshold, coverage: best.routed / sorted.length, precision: best.precision }
      : { targetPrecision, threshold: null, coverage: 0, precision: 0 };
  });
}
