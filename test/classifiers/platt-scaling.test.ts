import { applyPlatt, fitPlatt } from '../../classifiers/calibration/platt-scaling';

describe('Platt scaling of the combined confidence', () => {
  it('maps under-confident scores onto observed accuracy', () => {
    // A classifier that says 0.6 but is right 90% of the time, and says 0.3 when right half the time.
    const samples = [
      ...Array.from({ length: 100 }, (_, index) => ({ confidence: 0.6, correct: index < 90 })),
      ...Array.from({ length: 100 }, (_, index) => ({ confidence: 0.3, correct: index < 50 })),
    ];
    const parameters = fitPlatt(samples);
    expect(applyPlatt(parameters, 0.6)).toBeCloseTo(0.9, 2);
    expect(applyPlatt(parameters, 0.3)).toBeCloseTo(0.5, 2);
  });

  it('keeps the order of confidences', () => {
    const parameters = fitPlatt([
      { confidence: 0.2, correct: false },
      { confidence: 0.4, correct: true },
      { confidence: 0.5, correct: false },
      { confidence: 0.9, correct: true },
    ]);
    expect(applyPlatt(parameters, 0.3)).toBeLessThan(applyPlatt(parameters, 0.7));
  });
});
