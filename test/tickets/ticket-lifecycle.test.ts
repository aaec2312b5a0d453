import { isRefusal, type TicketDecision, type TicketState } from '../../tickets/ticket-change';
import * as lifecycle from '../../tickets/ticket-lifecycle';
import { allowedStatusChanges, ticketStatuses, type TicketStatus } from '../../tickets/ticket-status';

const agent = 'a1';
const colleague = 'a2';
const now = new Date('2026-03-10T10:00:00Z');

function ticket(overrides: Partial<TicketState> = {}): TicketState {
  return {
    reference: 'AIG-2026-000001',
    queue: 'voirie',
    status: 'open',
    assigneeId: null,
    tags: [],
    dueAt: null,
    escalateTo: null,
    escalatedAt: null,
    suggestedQueue: null,
    suggestionDecided: false,
    ...overrides,
  };
}

function refusalOf(decision: TicketDecision | ReturnType<typeof lifecycle.merge>) {
  return isRefusal(decision) ? decision.refused : 'allowed';
}

describe('status changes by hand', () => {
  const cases: Array<[TicketStatus, TicketStatus, 'allowed' | 'conflict' | 'invalid']> = [
    ['new', 'open', 'allowed'],
    ['new', 'resolved', 'allowed'],
    ['open', 'pending', 'allowed'],
    ['pending', 'open', 'allowed'],
    ['resolved', 'open', 'allowed'],
    ['resolved', 'closed', 'allowed'],
    ['closed', 'open', 'allowed'],
    ['open', 'open', 'conflict'],
    ['open', 'new', 'invalid'],
    ['closed', 'resolved', 'invalid'],
    ['closed', 'pending', 'invalid'],
  ];
  test.each(cases)('%s → %s: %s', (from, to, expected) => {
    expect(refusalOf(lifecycle.changeStatus(ticket({ status: from }), to, agent))).toBe(expected);
  });

  test('the table covers every status and never allows setting "new" by hand', () => {
    expect(Object.keys(allowedStatusChanges).sort()).toEqual([...ticketStatuses].sort());
    for (const targets of Object.values(allowedStatusChanges)) expect(targets).not.toContain('new');
  });

  test('an allowed change is applied only while the status is still the one read, and leaves one history entry', () => {
    expect(lifecycle.changeStatus(ticket({ status: 'open' }), 'resolved', agent)).toEqual({
      expected: { status: 'open' },
      set: { status: 'resolved' },
      history: [{ type: 'status-changed', actorId: agent, from: 'open', to: 'resolved' }],
    });
  });

  test('refusals explain themselves in French', () => {
    const refusal = lifecycle.changeStatus(ticket({ status: 'closed' }), 'pending', agent);
    expect(refusal).toEqual({ refused: 'invalid', message: 'Une demande « close » ne peut pas passer à « en attente ».' });
  });
});

describe('taking a ticket', () => {
  const cases: Array<[string, Partial<TicketState>, 'allowed' | 'conflict', TicketStatus | null]> = [
    ['a new unassigned ticket opens', { status: 'new' }, 'allowed', 'open'],
    ['a ticket given automatically to the agent, still new, opens', { status: 'new', assigneeId: agent }, 'allowed', 'open'],
    ["a colleague's open ticket changes hands", { status: 'open', assigneeId: colleague }, 'allowed', 'open'],
    ['a pending ticket stays pending', { status: 'pending' }, 'allowed', 'pending'],
    ['an open ticket already the agent’s', { status: 'open', assigneeId: agent }, 'conflict', null],
    ['a closed ticket', { status: 'closed' }, 'conflict', null],
  ];
  test.each(cases)('%s', (_name, state, expected, status) => {
    const decision = lifecycle.take(ticket(state), agent);
    expect(refusalOf(decision)).toBe(expected);
    if (!isRefusal(decision)) expect(decision.set).toEqual({ assigneeId: agent, status });
  });

  test('history says who had it before and, for a new ticket, that it opened', () => {
    const decision = lifecycle.take(ticket({ status: 'new', assigneeId: colleague }), agent);
    expect(isRefusal(decision) ? null : decision.history).toEqual([
      { type: 'assigned', actorId: agent, from: colleague, to: agent },
      { type: 'status-changed', actorId: agent, from: 'new', to: 'open' },
    ]);
    expect(isRefusal(decision) ? null : decision.expected).toEqual({ status: 'new', assigneeId: colleague });
  });
});

describe('rerouting', () => {
  test('moves the ticket, drops its assignee and records the reason', () => {
    expect(lifecycle.reroute(ticket({ assigneeId: agent }), 'urbanisme', 'permis de construire', agent)).toEqual({
      expected: { queue: 'voirie' },
      set: { queue: 'urbanisme', assigneeId: null },
      history: [{ type: 'rerouted', actorId: agent, from: 'voirie', to: 'urbanisme', reason: 'permis de construire' }],
    });
  });

  test('to the same queue is a conflict', () => {
    expect(refusalOf(lifecycle.reroute(ticket(), 'voirie', 'erreur', agent))).toBe('conflict');
  });
});

describe('merging a duplicate', () => {
  const duplicate = { ...ticket({ reference: 'AIG-2026-000002', tags: ['urgent'] }), id: 'd' };
  const kept = { ...ticket({ reference: 'AIG-2026-000001' }), id: 'k' };
  const cases: Array<[string, typeof duplicate, typeof kept, 'allowed' | 'conflict' | 'invalid']> = [
    ['into another open ticket', duplicate, kept, 'allowed'],
    ['into itself', duplicate, { ...duplicate }, 'invalid'],
    ['a closed duplicate', { ...duplicate, status: 'closed' }, kept, 'conflict'],
    ['into a closed ticket', duplicate, { ...kept, status: 'closed' }, 'conflict'],
  ];
  test.each(cases)('%s: %s', (_name, from, into, expected) => {
    expect(refusalOf(lifecycle.merge(from, into, agent))).toBe(expected);
  });

  test('closes and tags the duplicate once, and both histories point at each other', () => {
    const decision = lifecycle.merge({ ...duplicate, tags: ['urgent', lifecycle.mergedTag] }, kept, agent);
    if (isRefusal(decision)) throw new Error(decision.message);
    expect(decision.duplicate.set).toEqual({ status: 'closed', tags: ['urgent', lifecycle.mergedTag] });
    expect(decision.duplicate.history).toEqual([
      { type: 'merged', actorId: agent, to: 'AIG-2026-000001' },
      { type: 'status-changed', actorId: agent, from: 'open', to: 'closed' },
    ]);
    expect(decision.kept).toEqual({ expected: {}, set: {}, history: [{ type: 'merged', actorId: agent, from: 'AIG-2026-000002' }] });
  });
});

describe("a citizen's follow-up", () => {
  const cases: Array<[TicketStatus, boolean]> = [
    ['new', false],
    ['open', false],
    ['pending', true],
    ['resolved', true],
    ['closed', true],
  ];
  test.each(cases)('on a %s ticket re-opens it: %s', (status, reopens) => {
    const change = lifecycle.followUp(ticket({ status }), 'm1');
    expect(change.set.status === 'open').toBe(reopens);
    expect(change.history[0]).toEqual({ type: 'follow-up', messageId: 'm1' });
    expect(change.history.some((entry) => entry.type === 'reopened')).toBe(reopens);
  });
});

describe('SLA escalation', () => {
  const overdue = { dueAt: new Date(now.getTime() - 60_000), escalateTo: 'direction' };
  const cases: Array<[string, Partial<TicketState>, 'allowed' | 'conflict' | 'invalid']> = [
    ['an open overdue ticket with an escalation queue', overdue, 'allowed'],
    ['a ticket not yet due', { ...overdue, dueAt: new Date(now.getTime() + 60_000) }, 'invalid'],
    ['a ticket already escalated', { ...overdue, escalatedAt: now }, 'conflict'],
    ['a resolved ticket', { ...overdue, status: 'resolved' }, 'conflict'],
    ['a ticket without escalation queue', { ...overdue, escalateTo: null }, 'conflict'],
  ];
  test.each(cases)('%s: %s', (_name, state, expected) => {
    expect(refusalOf(lifecycle.escalate(ticket(state), now))).toBe(expected);
  });

  test('moves once: applied only while not escalated, and frees the assignee', () => {
    const decision = lifecycle.escalate(ticket({ ...overdue, assigneeId: agent }), now);
    if (isRefusal(decision)) throw new Error(decision.message);
    expect(decision.expected).toEqual({ status: 'open', queue: 'voirie', escalatedAt: null });
    expect(decision.set).toEqual({ queue: 'direction', escalatedAt: now, assigneeId: null });
  });
});

describe('pilot mode: deciding a suggestion', () => {
  const pending = { queue: 'accueil', suggestedQueue: 'voirie' };
  test('confirming keeps the suggested queue and says so', () => {
    const decision = lifecycle.decideSuggestion(ticket(pending), 'voirie', agent, now);
    if (isRefusal(decision)) throw new Error(decision.message);
    expect(decision.set.suggestionOutcome).toEqual({ queue: 'voirie', agreed: true, at: now, by: agent });
    expect(decision.history[0]?.reason).toBe('suggestion confirmée');
  });

  test('correcting names what was proposed', () => {
    const decision = lifecycle.decideSuggestion(ticket(pending), 'urbanisme', agent, now);
    if (isRefusal(decision)) throw new Error(decision.message);
    expect(decision.set.suggestionOutcome?.agreed).toBe(false);
    expect(decision.history[0]?.reason).toBe('suggestion corrigée (proposé : voirie)');
  });

  test.each([
    ['no suggestion', { queue: 'accueil' }],
    ['already decided', { ...pending, suggestionDecided: true }],
  ])('%s: conflict', (_name, state) => {
    expect(refusalOf(lifecycle.decideSuggestion(ticket(state), 'voirie', agent, now))).toBe('conflict');
  });
});
