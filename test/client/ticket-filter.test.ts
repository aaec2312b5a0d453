import type { TicketSummary } from '../../client/src/api/api-types';
import { compareForWork, defaultFilter, matchesFilter, type TicketFilter } from '../../client/src/views/workspace/ticket-filter';

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
  ...changes,
});
const describe_ = (item: TicketSummary) => `${item.reference} ${item.subject ?? ''} ${item.tags.join(' ')}`;
const matches = (item: TicketSummary, change: Partial<TicketFilter>) => matchesFilter(item, { ...defaultFilter, ...change }, now, describe_);

describe('the workspace filters', () => {
  it('shows what still needs work by default, and any status on demand', () => {
    expect(matches(ticket({ status: 'pending' }), {})).toBe(true);
    expect(matches(ticket({ status: 'resolved' }), {})).toBe(false);
    expect(matches(ticket({ status: 'resolved' }), { status: 'all' })).toBe(true);
    expect(matches(ticket({ status: 'open' }), { status: 'resolved' })).toBe(false);
  });

  it('filters by queue, priority and tag', () => {
    expect(matches(ticket({ queue: 'voirie' }), { queue: 'etat-civil' })).toBe(false);
    expect(matches(ticket({ priority: 'urgent' }), { priority: 'urgent' })).toBe(true);
    expect(matches(ticket({ priority: 'high' }), { priority: 'urgent' })).toBe(false);
    expect(matches(ticket({ tags: ['hors-horaires'] }), { tag: 'hors-horaires' })).toBe(true);
    expect(matches(ticket({ tags: [] }), { tag: 'hors-horaires' })).toBe(false);
  });

  it('filters by due date: overdue, today, within a week, none', () => {
    const yesterday = ticket({ dueAt: '2026-03-09T17:00:00.000Z' });
    const tonight = ticket({ dueAt: '2026-03-10T17:00:00.000Z' });
    const inFiveDays = ticket({ dueAt: '2026-03-15T09:00:00.000Z' });
    const noDueDate = ticket({ dueAt: null });
    expect([yesterday, tonight, inFiveDays, noDueDate].map((item) => matches(item, { due: 'overdue' }))).toEqual([true, false, false, false]);
    expect([yesterday, tonight, inFiveDays, noDueDate].map((item) => matches(item, { due: 'today' }))).toEqual([true, true, false, false]);
    expect([yesterday, tonight, inFiveDays, noDueDate].map((item) => matches(item, { due: 'week' }))).toEqual([true, true, true, false]);
    expect([yesterday, tonight, inFiveDays, noDueDate].map((item) => matches(item, { due: 'none' }))).toEqual([false, false, false, true]);
  });

  it('searches every word, ignoring case and accents', () => {
    const item = ticket({ subject: 'Copie intégrale' });
    expect(matches(item, { search: 'INTEGRALE copie' })).toBe(true);
    expect(matches(item, { search: 'integrale mariage' })).toBe(false);
    expect(matches(item, { search: '000001' })).toBe(true);
  });

  it('orders work by priority, then due date, then age', () => {
    const sorted = [
      ticket({ reference: 'normal-old', receivedAt: '2026-03-01T09:00:00.000Z' }),
      ticket({ reference: 'urgent', priority: 'urgent', receivedAt: '2026-03-09T09:00:00.000Z' }),
      ticket({ reference: 'normal-due', dueAt: '2026-03-11T09:00:00.000Z' }),
      ticket({ reference: 'low', priority: 'low' }),
    ].sort(compareForWork);
    expect(sorted.map((item) => item.reference)).toEqual(['urgent', 'normal-due', 'normal-old', 'low']);
  });
});
