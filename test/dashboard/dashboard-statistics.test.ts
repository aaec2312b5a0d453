import {
  computeDashboardStatistics,
  nearestRank,
  type TicketEventFacts,
  type TicketFacts,
} from '../../models/statistics/dashboard-statistics';

const hour = 3_600_000;
const queueIds = ['etat-civil', 'voirie', 'accueil'];
const options = {
  from: '2026-03-02',
  to: '2026-03-04',
  timeZone: 'Europe/Paris',
  queueIds,
  receptionQueue: 'accueil',
  backlog: { 'etat-civil': 2, voirie: 0, accueil: 1 },
  minutesPerManualTriage: 3,
  now: new Date('2026-03-05T12:00:00Z'),
};

function ticket(id: string, queue: string, receivedAt: string, extra: Partial<TicketFacts> = {}): TicketFacts {
  return { id, queue, receivedAt: new Date(receivedAt), status: 'new', ...extra };
}
function created(ticketId: string, queue: string, at: string): TicketEventFacts {
  return { ticketId, type: 'created', at: new Date(at), to: queue };
}

describe('dashboard statistics', () => {
  it('counts requests per local day and queue, including the Paris day of a late-evening UTC timestamp', () => {
    const statistics = computeDashboardStatistics(
      [
        ticket('a', 'etat-civil', '2026-03-02T09:00:00Z'),
        ticket('b', 'voirie', '2026-03-02T23:30:00Z'),
        ticket('c', 'voirie', '2026-03-04T10:00:00Z'),
        ticket('outside', 'voirie', '2026-03-04T23:30:00Z'),
      ],
      [],
      options,
    );
    expect(statistics.days).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(statistics.daily.map((day) => [day.day, day.total, day.byQueue.voirie])).toEqual([
      ['2026-03-02', 1, 0],
      ['2026-03-03', 1, 1],
      ['2026-03-04', 1, 1],
    ]);
    expect(statistics.totals.received).toBe(3);
  });

  it('separates what the engine routed from what waited for triage, and counts agents’ corrections as misroutes', () => {
    const tickets = [
      ticket('routed-right', 'etat-civil', '2026-03-02T09:00:00Z'),
      ticket('routed-wrong', 'voirie', '2026-03-02T10:00:00Z'),
      ticket('triaged', 'voirie', '2026-03-02T11:00:00Z'),
      ticket('piloted', 'voirie', '2026-03-02T12:00:00Z', { suggestedQueue: 'voirie' }),
      ticket('escalated', 'voirie', '2026-03-02T13:00:00Z'),
    ];
    const events: TicketEventFacts[] = [
      created('routed-right', 'etat-civil', '2026-03-02T09:00:01Z'),
      created('routed-wrong', 'etat-civil', '2026-03-02T10:00:01Z'),
      {
        ticketId: 'routed-wrong',
        type: 'rerouted',
        at: new Date('2026-03-02T10:30:00Z'),
        actorId: 'agent',
        from: 'etat-civil',
        to: 'voirie',
      },
      created('triaged', 'accueil', '2026-03-02T11:00:01Z'),
      { ticketId: 'triaged', type: 'rerouted', at: new Date('2026-03-02T11:30:00Z'), actorId: 'agent', from: 'accueil', to: 'voirie' },
      created('piloted', 'accueil', '2026-03-02T12:00:01Z'),
      created('escalated', 'etat-civil', '2026-03-02T13:00:01Z'),
      { ticketId: 'escalated', type: 'rerouted', at: new Date('2026-03-03T13:00:00Z'), actorId: null, from: 'etat-civil', to: 'voirie' },
    ];
    const statistics = computeDashboardStatistics(tickets, events, options);
    const etatCivil = statistics.queues.find((queue) => queue.queue === 'etat-civil')!;
    expect(statistics.totals.autoRouted).toBe(3);
    expect(statistics.totals.autoRoutedShare).toBeCloseTo(3 / 5);
    expect(statistics.totals.triageMinutesSaved).toBe(9);
    // A row's rate has its « Reçues » for base: the requests that arrived in the queue (issue 17, bug 12).
    expect(etatCivil).toMatchObject({ routedHere: 3, misrouted: 1, received: 3 });
    expect(etatCivil.misrouteRate).toBeCloseTo(etatCivil.misrouted / etatCivil.received);
    expect(statistics.queues.find((queue) => queue.queue === 'accueil')).toMatchObject({ received: 2 });
    expect(statistics.queues.reduce((sum, queue) => sum + queue.received, 0)).toBe(statistics.totals.received);
    expect(statistics.queues.find((queue) => queue.queue === 'accueil')!.misrouteRate).toBeNull();
  });

  it('measures processing time to the first resolution, with its 90th percentile, for tickets still resolved', () => {
    const tickets = [1, 2, 3, 4, 10].map((_hours, index) =>
      ticket(`t${index}`, 'etat-civil', '2026-03-02T08:00:00Z', { status: 'resolved' }),
    );
    tickets.push(ticket('reopened', 'etat-civil', '2026-03-02T08:00:00Z', { status: 'open' }));
    const events = [1, 2, 3, 4, 10].map((hours, index) => ({
      ticketId: `t${index}`,
      type: 'status-changed',
      at: new Date(Date.parse('2026-03-02T08:00:00Z') + hours * hour),
      to: 'resolved',
    }));
    events.push({ ticketId: 'reopened', type: 'status-changed', at: new Date('2026-03-02T09:00:00Z'), to: 'resolved' });
    const queue = computeDashboardStatistics(tickets, events, options).queues.find((candidate) => candidate.queue === 'etat-civil')!;
    expect(queue.resolved).toBe(5);
    expect(queue.averageProcessingMs).toBe(4 * hour);
    expect(queue.p90ProcessingMs).toBe(10 * hour);
  });

  it('does not count a merged duplicate as processed, nor its due date (issue 17, bug 12)', () => {
    const tickets = [
      ticket('kept', 'etat-civil', '2026-03-02T08:00:00Z', { status: 'resolved', dueAt: new Date('2026-03-03T08:00:00Z'), tags: [] }),
      ticket('duplicate', 'etat-civil', '2026-03-02T08:05:00Z', {
        status: 'closed',
        dueAt: new Date('2026-03-03T08:00:00Z'),
        tags: ['fusionnee'],
      }),
    ];
    const events = [
      { ticketId: 'kept', type: 'status-changed', at: new Date('2026-03-02T12:00:00Z'), to: 'resolved' },
      { ticketId: 'duplicate', type: 'merged', at: new Date('2026-03-02T08:06:00Z'), to: 'AIG-2026-000001' },
      { ticketId: 'duplicate', type: 'status-changed', at: new Date('2026-03-02T08:06:00Z'), to: 'closed' },
    ];
    const queue = computeDashboardStatistics(tickets, events, options).queues.find((candidate) => candidate.queue === 'etat-civil')!;
    expect(queue).toMatchObject({ received: 2, resolved: 1, averageProcessingMs: 4 * hour, slaTracked: 1 });
  });

  it('counts due dates missed, open tickets past due, the backlog and the satisfaction ratings', () => {
    const tickets = [
      ticket('late', 'voirie', '2026-03-02T08:00:00Z', { status: 'resolved', dueAt: new Date('2026-03-02T10:00:00Z') }),
      ticket('on-time', 'voirie', '2026-03-02T08:00:00Z', {
        status: 'resolved',
        dueAt: new Date('2026-03-02T12:00:00Z'),
        satisfaction: { rating: 5 },
      }),
      ticket('open-overdue', 'voirie', '2026-03-02T08:00:00Z', { dueAt: new Date('2026-03-04T08:00:00Z'), satisfaction: { rating: 2 } }),
      ticket('open-in-time', 'voirie', '2026-03-03T08:00:00Z', { dueAt: new Date('2026-03-09T08:00:00Z') }),
    ];
    const events = [
      { ticketId: 'late', type: 'status-changed', at: new Date('2026-03-02T11:00:00Z'), to: 'resolved' },
      { ticketId: 'on-time', type: 'status-changed', at: new Date('2026-03-02T11:00:00Z'), to: 'resolved' },
    ];
    const statistics = computeDashboardStatistics(tickets, events, options);
    const voirie = statistics.queues.find((queue) => queue.queue === 'voirie')!;
    expect(voirie).toMatchObject({ slaTracked: 4, slaBreaches: 2, satisfactionCount: 2, satisfactionAverage: 3.5, backlog: 0 });
    expect(statistics.totals.backlog).toBe(3);
  });

  it('reports no rate rather than zero when there is nothing to measure', () => {
    const statistics = computeDashboardStatistics([], [], options);
    expect(statistics.totals).toMatchObject({
      received: 0,
      autoRoutedShare: null,
      misrouteRate: null,
      averageProcessingMs: null,
      satisfactionAverage: null,
    });
  });

  it('takes the nearest-rank percentile', () => {
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(nearestRank([7], 90)).toBe(7);
  });
});
