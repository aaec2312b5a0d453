import type { ClassifierReport } from './classifier-report';

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

/** Plain-text rendering of one classifier's report for the terminal. */
export function formatClassifierReport(report: ClassifierReport): string {
  const lines = [
    `=== ${report.classifier} (${report.count} requests) ===`,
    `queue  accuracy ${percent(report.queueAccuracy)}  macro-F1 ${percent(report.queueMacroF1)}`,
    `intent accuracy ${percent(report.intentAccuracy)}  macro-F1 ${percent(report.intentMacroF1)}`,
    '',
    'per queue            precision  recall     F1  support',
    ...report.perQueue.map(
      (score) =>
        `${score.label.padEnd(20)} ${percent(score.precision).padStart(9)} ${percent(score.recall).padStart(7)} ` +
        `${percent(score.f1).padStart(6)} ${String(score.support).padStart(8)}`,
    ),
    '',
    'auto-routing of routable requests (expected in a department queue) at target precision',
    ...report.coverage.map((point) =>
      point.threshold === null
        ? `  ${percent(point.targetPrecision)}: unreachable`
        : `  ${percent(point.targetPrecision)}: routes ${percent(point.coverage)} of routable requests ` +
          `(confidence ≥ ${point.threshold.toFixed(3)}, precision ${percent(point.precision)})`,
    ),
    ...(report.atThreshold
      ? [
          `  shipped threshold ${report.atThreshold.threshold}: routes ${percent(report.atThreshold.coverage)} of routable requests, ` +
            `precision ${percent(report.atThreshold.precision)}`,
        ]
      : []),
    ...(report.watchedIntents.length
      ? [
          '',
          'watched intents         precision  recall  support',
          ...report.watchedIntents.map(
            (score) =>
              `${score.label.padEnd(22)} ${percent(score.precision).padStart(10)} ${percent(score.recall).padStart(7)} ${String(score.support).padStart(8)}`,
          ),
        ]
      : []),
    '',
    ...formatConfusion(report.confusion.labels, report.confusion.counts),
    '',
    'accuracy by group       count   queue  intent',
    ...report.groups.map(
      (group) =>
        `${`${group.tag}=${group.value}`.padEnd(22)} ${String(group.count).padStart(6)} ` +
        `${percent(group.queueAccuracy).padStart(7)} ${percent(group.intentAccuracy).padStart(7)}`,
    ),
  ];
  return lines.join('\n');
}

function formatConfusion(labels: string[], counts: number[][]): string[] {
  const header = labels.map((_, column) => String(column + 1).padStart(5)).join('');
  return [
    'queue confusion (rows expected, columns predicted)',
    `${''.padEnd(24)}${header}`,
    ...labels.map(
      (label, row) =>
        `${String(row + 1).padStart(2)} ${label.padEnd(21)}${counts[row]!.map((count) => String(count).padStart(5)).join('')}`,
    ),
  ];
}

/** One line per classifier, for comparing them at a glance. */
export function formatComparison(reports: ClassifierReport[]): string {
  const targets = reports[0]?.coverage.map((point) => point.targetPrecision) ?? [];
  const coverageHeader = targets.map((target) => `@${percent(target)}`.padStart(8)).join('');
  return [
    `${'classifier'.padEnd(18)} queue-acc queue-F1 intent-acc intent-F1  routable coverage${coverageHeader}`,
    ...reports.map(
      (report) =>
        `${report.classifier.padEnd(18)} ${percent(report.queueAccuracy).padStart(9)} ${percent(report.queueMacroF1).padStart(8)} ` +
        `${percent(report.intentAccuracy).padStart(10)} ${percent(report.intentMacroF1).padStart(9)}  ${''.padEnd(17)}` +
        report.coverage.map((point) => percent(point.coverage).padStart(8)).join(''),
    ),
  ].join('\n');
}
