import type { DashboardStatistics } from '../../models/statistics/dashboard-statistics';

/**
 * The dashboard as CSV for a spreadsheet: semicolons, decimal commas and a byte-order mark, which is what
 * French spreadsheet software expects when it opens a file.
 */
export function dashboardCsv(statistics: DashboardStatistics, table: 'queues' | 'daily', queueLabel: (queueId: string) => string): string {
  const rows =
    table === 'daily'
      ? [
          ['jour', ...statistics.queues.map((queue) => queueLabel(queue.queue)), 'total'],
          ...statistics.daily.map((day) => [day.day, ...statistics.queues.map((queue) => day.byQueue[queue.queue] ?? 0), day.total]),
        ]
      : [
          [
            'file',
            'demandes reçues',
            'aiguillées par le moteur',
            'réorientées par un agent',
            'taux de réorientation (%)',
            'traitées',
            'délai moyen (heures)',
            'délai 90e centile (heures)',
            'avec échéance',
            'échéances dépassées',
            'en attente',
            'satisfaction moyenne (1 à 5)',
            'avis',
          ],
          ...statistics.queues.map((queue) => [
            queueLabel(queue.queue),
            queue.received,
            queue.routedHere,
            queue.misrouted,
            percent(queue.misrouteRate),
            queue.resolved,
            hours(queue.averageProcessingMs),
            hours(queue.p90ProcessingMs),
            queue.slaTracked,
            queue.slaBreaches,
            queue.backlog,
            decimal(queue.satisfactionAverage),
            queue.satisfactionCount,
          ]),
        ];
  return `\uFEFF${rows.map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}

/** One row per commune: the roll-up of an EPCI's dashboard. */
export function communesCsv(communes: ReadonlyArray<{ insee: string; name: string; totals: DashboardStatistics['totals'] }>): string {
  const rows = [
    [
      'commune',
      'code INSEE',
      'demandes reçues',
      'aiguillées sans tri (%)',
      'réorientées par un agent',
      'traitées',
      'délai moyen (heures)',
      'échéances dépassées',
      'en attente',
      'satisfaction moyenne (1 à 5)',
    ],
    ...communes.map(({ insee, name, totals }) => [
      name,
      insee,
      totals.received,
      percent(totals.autoRoutedShare),
      totals.misrouted,
      totals.resolved,
      hours(totals.averageProcessingMs),
      totals.slaBreaches,
      totals.backlog,
      decimal(totals.satisfactionAverage),
    ]),
  ];
  return `\uFEFF${rows.map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}

function cell(value: string | number): string {
  const text = typeof value === 'number' ? decimal(value) : value;
  // A leading = + - @ would make a spreadsheet run the cell as a formula.
  const inert = /^[=+\-@]/.test(text) && typeof value !== 'number' ? `'${text}` : text;
  return /[;"\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

function decimal(value: number | null): string {
  return value === null ? '' : String(Math.round(value * 100) / 100).replace('.', ',');
}

function percent(ratio: number | null): string {
  return ratio === null ? '' : decimal(ratio * 100);
}

function hours(milliseconds: number | null): string {
  return milliseconds === null ? '' : decimal(milliseconds / 3_600_000);
}
