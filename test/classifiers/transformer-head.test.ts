import { fitTemperature, trainLinearHead } from '../../classifiers/transformer/linear-head';
import { meanPool } from '../../classifiers/transformer/mean-pool';
import { headLogits, softmax } from '../../classifiers/transformer/softmax-head';

describe('meanPool', () => {
  it('averages the vectors of real tokens only', () => {
    const hidden = Float32Array.from([1, 2, 3, 4, 100, 100, /* row 2 */ 5, 6, 7, 8, 9, 10]);
    const [first, second] = meanPool(hidden, [1n, 1n, 0n, 1n, 1n, 1n], [2, 3, 2]);
    expect(Array.from(first)).toEqual([2, 3]);
    expect(Array.from(second)).toEqual([7, 8]);
  });
});

describe('trainLinearHead', () => {
  // Three clusters around distinct centres, with an offset and unequal scales the standardisation must absorb.
  const centres = [
    [5, 0, 0],
    [0, 5, 0],
    [0, 0, 5],
  ];
  const jitter = (seed: number) => (Math.sin(seed * 12.9898) * 43758.5453) % 1;
  const points = Array.from({ length: 90 }, (_, index) => {
    const label = index % 3;
    return { label, embedding: centres[label].map((value, d) => (value + jitter(index * 3 + d)) * (d + 1) + 10) };
  });

  it('learns a head that separates the classes, on raw (unstandardised) embeddings', () => {
    const head = trainLinearHead(
      { embeddings: points.map((point) => point.embedding), labels: points.map((point) => point.label) },
      { labelCount: 3, l2: 1e-3, epochs: 40, learningRate: 0.05, batchSize: 16, seed: 1 },
    );
    const predicted = points.map((point) => {
      const logits = headLogits(head, point.embedding);
      return logits.indexOf(Math.max(...logits));
    });
    expect(predicted).toEqual(points.map((point) => point.label));
  });

  it('is reproducible for a given seed', () => {
    const options = { labelCount: 3, l2: 1e-3, epochs: 5, learningRate: 0.05, batchSize: 16, seed: 7 };
    const data = { embeddings: points.map((point) => point.embedding), labels: points.map((point) => point.label) };
    expect(trainLinearHead(data, options)).toEqual(trainLinearHead(data, options));
  });
});

describe('fitTemperature', () => {
  it('cools overconfident logits that are often wrong', () => {
    // Always 10 to 0 for the first class; right only half of the time.
    const logits = Array.from({ length: 20 }, () => [10, 0]);
    const labels = logits.map((_, index) => index % 2);
    const temperature = fitTemperature(logits, labels);
    expect(temperature).toBeGreaterThan(5);
    expect(softmax(logits[0], temperature)[0]).toBeLessThan(0.7);
  });

  it('sharpens underconfident logits that are always right', () => {
    const logits = Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? [0.2, 0] : [0, 0.2]));
    const labels = logits.map((_, index) => index % 2);
    expect(fitTemperature(logits, labels)).toBeLessThan(0.2);
  });
});
