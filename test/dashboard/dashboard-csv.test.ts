import { computeDashboardStatistics } from '../../models/statistics/dashboard-statistics';
import { dashboardCsv } from '../../server/presenters/dashboard-csv';

const statistics = computeDashboardStatistics(
  [
    { id: 'a', queue: 'voirie', receivedAt: new Date('2026-03-02T09:00:00Z'), status: 'resolved' },
    { id: 'b', queue: 'voirie', receivedAt: new Date('2026-03-03T09:00:00Z'), status: 'new' },
  ],
  [
    { ticketId: 'a', type: 'created', at: new Date('2026-03-02T09:00:00Z'), to: 'voirie' },
    { ticketId: 'a', type: 'status-changed', at: new Date('2026-03-02T10:30:00Z'), to: 'resolved' },
  ],
  {
    from: '2026-03-02',
    to: '2026-03-03',
    timeZone: 'Europe/Paris',
    queueIds: ['voirie', 'accueil'],
    receptionQueue: 'accueil',
    backlog: { voirie: 1, accueil: 0 },
    minutesPerManualTriage: 3,
    now: new Date('2026-03-04T00:00:00Z'),
  },
);
const labels: Record<string, string> = { voirie: 'Voirie; espaces "publics"', accueil: '=Accueil' };

describe('the dashboard as CSV for a French spreadsheet', () => {
  it('writes the per-queue indicators with semicolons, decimal commas and a byte-order mark', () => {
    const lines = dashboardCsv(statistics, 'queues', (queueId) => labels[queueId]).split('\r\n');
    expect(lines[0].startsWith('\uFEFFfile;demandes reçues;')).toBe(true);
    expect(lines[1]).toBe('"Voirie; espaces ""publics""";2;2;0;0;1;1,5;1,5;0;0;1;;0');
  });

  it('keeps a queue label from being read as a formula', () => {
    expect(dashboardCsv(statistics, 'queues', (queueId) => labels[queueId])).toContain("\r\n'=Accueil;");
  });

  it('writes one line per day with a column per queue', () => {
    const lines = dashboardCsv(statistics, 'daily', (queueId) => labels[queueId])
      .trimEnd()
      .split('\r\n');
    expect(lines).toEqual(['\uFEFFjour;"Voirie; espaces ""publics""";\'=Accueil;total', '2026-03-02;1;0;1', '2026-03-03;1;0;1']);
  });
});
