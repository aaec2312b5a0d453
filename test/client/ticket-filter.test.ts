import type { ListFilter, TicketSummary } from '../../client/src/api/api-types';
import { dueCountdown } from '../../client/src/views/workspace/due-countdown';
import { belongsToList, compareForWork, defaultFilter, listQuery } from '../../client/src/views/workspace/ticket-filter';

const now = new Date('2026-03-10T10:00:00+01:00');
const ticket = (changes: Partial<TicketSummary>): TicketSummary => ({
  id: changes.reference ?? 'id',
  reference: 'AIG-2026-000001',
  queue: 'etat-civil',
  intent: 'copie-acte-naissance',
  confidence: 0.9,
  priority: 'normal',
  tags: [],
  status: 'new',
  receivedAt: '2026-03-09T09:00:00.000Z',
  dueAt: null,
  assigneeId: null,
  ...changes,
});
const belongs = (item: TicketSummary, change: Partial<ListFilter>) => belongsToList(item, { ...defaultFilter, ...change }, 'me', now);

describe('placing a ticket pushed live in the list on screen', () => {
  const cases: Array<[string, Partial<TicketSummary>, Partial<ListFilter>, boolean | undefined]> = [
    ['an open ticket, default list', { status: 'open' }, {}, true],
    ['a resolved ticket, default list', { status: 'resolved' }, {}, false],
    ['a resolved ticket, any status', { status: 'resolved' }, { status: 'any' }, true],
    ['another queue than the chosen one', { queue: 'voirie' }, { queue: 'etat-civil' }, false],
    ['mine, taken by me', { assigneeId: 'me', status: 'open' }, { view: 'mine' }, true],
    ['mine, taken by a colleague', { assigneeId: 'other', status: 'open' }, { view: 'mine' }, false],
    ['unassigned, taken', { assigneeId: 'me', status: 'open' }, { view: 'unassigned' }, false],
    ['unassigned, nobody', {}, { view: 'unassigned' }, true],
    ['overdue, due yesterday', { dueAt: '2026-03-09T17:00:00.000Z' }, { view: 'overdue' }, true],
    ['overdue, due tomorrow', { dueAt: '2026-03-11T17:00:00.000Z' }, { view: 'overdue' }, false],
    ['overdue, no due date', {}, { view: 'overdue' }, false],
    ['waiting for the citizen', { status: 'pending' }, { view: 'waiting' }, true],
    ['waiting, but open', { status: 'open' }, { view: 'waiting' }, false],
    ['a search: only the server can tell', {}, { q: 'Martin' }, undefined],
  ];
  test.each(cases)('%s', (_name, changes, filter, expected) => {
    expect(belongs(ticket(changes), filter)).toBe(expected);
  });
});

describe('the list query', () => {
  it('sends the view, the filters, the search and the page', () => {
    expect(listQuery({ view: 'mine', status: 'active', sort: 'urgency', queue: 'etat-civil', q: ' Claire Martin ' }, 2, 100)).toBe(
      'view=mine&sort=urgency&page=2&pageSize=100&queue=etat-civil&status=active&q=Claire+Martin',
    );
    expect(listQuery(defaultFilter, 1, 100)).toBe('view=all&sort=urgency&page=1&pageSize=100&status=active');
  });
});

describe('due dates as agents read them', () => {
  it('counts down, says when it is close, and how late once missed', () => {
    expect(dueCountdown('2026-03-10T12:20:00+01:00', now.getTime())).toEqual({ text: 'dans 2 h 20', state: 'soon' });
    expect(dueCountdown('2026-03-13T10:00:00+01:00', now.getTime())).toEqual({ text: 'dans 3 j 0 h', state: 'later' });
    expect(dueCountdown('2026-03-10T09:15:00+01:00', now.getTime())).toEqual({ text: 'en retard de 45 min', state: 'overdue' });
  });
});

describe('the urgency order the browser keeps for live arrivals', () => {
  it('orders by priority, then due date (none last), then age', () => {
    const sorted = [
      ticket({ reference: 'normal-old', receivedAt: '2026-03-01T09:00:00.000Z' }),
      ticket({ reference: 'urgent', priority: 'urgent', receivedAt: '2026-03-09T09:00:00.000Z' }),
      ticket({ reference: 'normal-due', dueAt: '2026-03-11T09:00:00.000Z' }),
      ticket({ reference: 'low', priority: 'low' }),
    ].sort(compareForWork);
    expect(sorted.map((item) => item.reference)).toEqual(['urgent', 'normal-due', 'normal-old', 'low']);
  });
});
