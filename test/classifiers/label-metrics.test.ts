import { accuracy, confusionMatrix, macroF1, perLabelScores } from '../../classifiers/evaluation/label-metrics';

const pair = (expected: string, predicted: string) => ({ expected, predicted });

// 3 "a" (2 found), 2 "b" (1 found, 1 taken for "a"), 1 "c" predicted as "b".
const pairs = [pair('a', 'a'), pair('a', 'a'), pair('a', 'c'), pair('b', 'b'), pair('b', 'a'), pair('c', 'b')];

describe('label metrics', () => {
  it('computes accuracy as the share of exact matches', () => {
    expect(accuracy(pairs)).toBeCloseTo(3 / 6);
    expect(accuracy([])).toBe(0);
  });

  it('computes precision, recall and F1 per label', () => {
    const [a, b, c] = perLabelScores(pairs, ['a', 'b', 'c']);
    expect(a).toEqual({ label: 'a', precision: 2 / 3, recall: 2 / 3, f1: expect.closeTo(2 / 3), support: 3 });
    expect(b).toMatchObject({ precision: 1 / 2, recall: 1 / 2, support: 2 });
    expect(c).toEqual({ label: 'c', precision: 0, recall: 0, f1: 0, support: 1 });
  });

  it('gives a label that is never predicted nor expected zero scores rather than NaN', () => {
    expect(perLabelScores(pairs, ['z'])[0]).toEqual({ label: 'z', precision: 0, recall: 0, f1: 0, support: 0 });
  });

  it('averages F1 over the expected labels only, unweighted', () => {
    expect(macroF1(pairs)).toBeCloseTo((2 / 3 + 1 / 2 + 0) / 3);
    expect(macroF1([pair('a', 'a'), pair('a', 'a'), pair('a', 'a'), pair('b', 'a')])).toBeCloseTo((6 / 7 + 0) / 2);
  });

  it('counts expected labels by row and predicted labels by column', () => {
    expect(confusionMatrix(pairs, ['a', 'b', 'c'])).toEqual([
      [2, 0, 1],
      [1, 1, 0],
      [0, 1, 0],
    ]);
  });

  it('leaves out of the matrix the pairs whose labels are not listed', () => {
    expect(confusionMatrix([pair('a', 'x'), pair('a', 'a')], ['a'])).toEqual([[1]]);
  });
});
