import { coverageAtPrecision } from '../../classifiers/evaluation/coverage-at-precision';

const outcome = (confidence: number, correct: boolean) => ({ confidence, correct });

describe('coverageAtPrecision', () => {
  it('routes the most confident requests down to the lowest threshold that keeps the target precision', () => {
    const outcomes = [
      outcome(0.99, true),
      outcome(0.95, true),
      outcome(0.9, true),
      outcome(0.8, false),
      outcome(0.7, true),
      outcome(0.6, true),
      outcome(0.5, false),
      outcome(0.4, false),
    ];
    const [perfect, eighty, half] = coverageAtPrecision(outcomes, [1, 0.8, 0.5]);
    expect(perfect).toEqual({ targetPrecision: 1, threshold: 0.9, coverage: 3 / 8, precision: 1 });
    expect(eighty).toEqual({ targetPrecision: 0.8, threshold: 0.6, coverage: 6 / 8, precision: 5 / 6 });
    expect(half).toEqual({ targetPrecision: 0.5, threshold: 0.4, coverage: 1, precision: 5 / 8 });
  });

  it('does not split requests of equal confidence', () => {
    const outcomes = [outcome(0.9, true), outcome(0.8, true), outcome(0.8, false), outcome(0.1, true)];
    expect(coverageAtPrecision(outcomes, [0.9])[0]).toEqual({ targetPrecision: 0.9, threshold: 0.9, coverage: 1 / 4, precision: 1 });
  });

  it('reports an unreachable target when even the most confident request is wrong', () => {
    const outcomes = [outcome(0.99, false), outcome(0.5, true)];
    expect(coverageAtPrecision(outcomes, [0.95])[0]).toEqual({ targetPrecision: 0.95, threshold: null, coverage: 0, precision: 0 });
  });

  it('does not depend on the order of its input', () => {
    const outcomes = [outcome(0.2, false), outcome(0.9, true), outcome(0.5, true)];
    expect(coverageAtPrecision(outcomes, [0.9])).toEqual(coverageAtPrecision([...outcomes].reverse(), [0.9]));
    expect(coverageAtPrecision(outcomes, [0.9])[0]!.coverage).toBeCloseTo(2 / 3);
  });
});
