import type { ClassifierOutput } from '../../classifiers/classification';
import { classifierReport } from '../../classifiers/evaluation/classifier-report';
import { formatClassifierReport, formatComparison } from '../../classifiers/evaluation/format-report';

function output(queue: string, intent: string, confidence: number): ClassifierOutput {
  return {
    classifier: 'stub',
    queue,
    intent,
    confidence,
    queueScores: [{ label: queue, score: confidence }],
    intentScores: [{ label: intent, score: confidence }],
  };
}

const requests = [
  {
    expectedQueue: 'voirie',
    expectedIntent: 'eclairage-public',
    output: output('voirie', 'eclairage-public', 0.9),
    tags: { source: 'handwritten' },
  },
  {
    expectedQueue: 'voirie',
    expectedIntent: 'signalisation',
    output: output('voirie', 'eclairage-public', 0.8),
    tags: { source: 'template' },
  },
  { expectedQueue: 'accueil', expectedIntent: 'autre', output: output('voirie', 'signalisation', 0.7), tags: { source: 'template' } },
  { expectedQueue: 'accueil', expectedIntent: 'autre', output: output('accueil', 'autre', 0.3), tags: { source: 'template' } },
];

describe('classifierReport', () => {
  const report = classifierReport('stub', requests, {
    queueLabels: ['voirie', 'accueil'],
    fallbackQueue: 'accueil',
    precisionTargets: [0.99],
    threshold: 0.75,
    watchedIntents: ['autre'],
  });

  it('scores queues and intents separately', () => {
    expect(report.queueAccuracy).toBeCloseTo(3 / 4);
    expect(report.intentAccuracy).toBeCloseTo(2 / 4);
    expect(report.perQueue.map((score) => [score.label, score.precision, score.recall])).toEqual([
      ['voirie', 2 / 3, 1],
      ['accueil', 1, 1 / 2],
    ]);
    expect(report.confusion.counts).toEqual([
      [2, 0],
      [1, 1],
    ]);
  });

  it('measures auto-routing of routable requests: those expected in a department queue, routed out of reception', () => {
    // Three requests go to voirie; the two above 0.8 are right, and there are two routable requests in all.
    expect(report.coverage).toEqual([{ targetPrecision: 0.99, threshold: 0.8, coverage: 1, precision: 1 }]);
    expect(report.atThreshold).toEqual({ threshold: 0.75, coverage: 1, precision: 1 });
  });

  it('never counts a non-routable request sent to a department as coverage, only as a precision loss', () => {
    const low = classifierReport('stub', requests, { queueLabels: ['voirie', 'accueil'], fallbackQueue: 'accueil', threshold: 0.7 });
    expect(low.atThreshold).toEqual({ threshold: 0.7, coverage: 1, precision: 2 / 3 });
  });

  it('follows watched intents on their own', () => {
    expect(report.watchedIntents).toEqual([{ label: 'autre', precision: 1, recall: 0.5, f1: 2 / 3, support: 2 }]);
  });

  it('breaks accuracy down by tag', () => {
    expect(report.groups).toEqual([
      { tag: 'source', value: 'handwritten', count: 1, queueAccuracy: 1, intentAccuracy: 1 },
      { tag: 'source', value: 'template', count: 3, queueAccuracy: 2 / 3, intentAccuracy: 1 / 3 },
    ]);
  });

  it('renders the figures as text', () => {
    const text = formatClassifierReport(report);
    expect(text).toContain('queue  accuracy 75.0%');
    expect(text).toContain('99.0%: routes 100.0% of routable requests');
    expect(text).toContain('shipped threshold 0.75: routes 100.0% of routable requests, precision 100.0%');
    expect(formatComparison([report])).toContain('stub');
  });
});
