import { differences, microAverage, scoreExtraction } from '../../classifiers/entities/eval/score-extraction';

describe('scoreExtraction', () => {
  const messages = [
    {
      expected: [
        { type: 'phone' as const, value: '0612345678' },
        { type: 'date' as const, value: '2025-03-03' },
      ],
      found: [
        { type: 'phone' as const, value: '0612345678' },
        { type: 'phone' as const, value: '0612345678' },
        { type: 'date' as const, value: '2025-03-04' },
      ],
    },
    { expected: [{ type: 'date' as const, value: '2025-01-01' }], found: [{ type: 'date' as const, value: '2025-01-01' }] },
  ];

  it('compares (type, value) sets per message', () => {
    const byType = Object.fromEntries(scoreExtraction(messages).map((score) => [score.type, score]));
    expect(byType.phone).toMatchObject({ truePositives: 1, falsePositives: 0, falseNegatives: 0, precision: 1, recall: 1 });
    expect(byType.date).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(byType.iban).toMatchObject({ truePositives: 0, precision: undefined, recall: undefined, f1: undefined });
  });

  it('micro-averages over all types', () => {
    expect(microAverage(scoreExtraction(messages))).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 1 });
  });

  it('counts a quoted header date taken for the citizen’s own date as a miss and an error', () => {
    const quoted = [
      {
        expected: [{ type: 'date' as const, value: '2025-03-04', fromQuotedHistory: true as const }],
        found: [{ type: 'date' as const, value: '2025-03-04' }],
      },
    ];
    const date = scoreExtraction(quoted).find((score) => score.type === 'date');
    expect(date).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 1 });
    expect(differences(quoted[0].expected, quoted[0].found)).toEqual({
      missed: [{ type: 'date', value: '2025-03-04', fromQuotedHistory: true }],
      wrong: [{ type: 'date', value: '2025-03-04' }],
    });
  });

  it('lists what was missed and what was wrong', () => {
    expect(differences(messages[0].expected, messages[0].found)).toEqual({
      missed: [{ type: 'date', value: '2025-03-03' }],
      wrong: [{ type: 'date', value: '2025-03-04' }],
    });
  });
});
