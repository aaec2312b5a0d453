import { noticesOfAssignment, noticesOfFollowUp, noticesOfMentions, noticesOfNearDueDate } from '../../tickets/agent-notices';
import { mentionedColleagues, noteHistory } from '../../tickets/internal-note';
import { followThrough } from '../../tickets/reply-follow-through';
import { assign } from '../../tickets/ticket-assignment';
import { isRefusal, type TicketState } from '../../tickets/ticket-change';
import type { TicketStatus } from '../../tickets/ticket-status';

const agent = 'a1';
const colleague = 'a2';

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

describe('assigning a ticket to a named colleague', () => {
  const cases: Array<[string, Partial<TicketState>, { id: string; mayHandle: boolean } | null, 'allowed' | 'conflict' | 'invalid']> = [
    ['an unassigned ticket to a colleague of the queue', {}, { id: colleague, mayHandle: true }, 'allowed'],
    ['a held ticket to another colleague', { assigneeId: agent }, { id: colleague, mayHandle: true }, 'allowed'],
    ['a held ticket back to the queue', { assigneeId: agent }, null, 'allowed'],
    ['a new ticket (stays new until taken)', { status: 'new' }, { id: colleague, mayHandle: true }, 'allowed'],
    ['to someone who does not serve the queue', {}, { id: colleague, mayHandle: false }, 'invalid'],
    ['to its current assignee', { assigneeId: colleague }, { id: colleague, mayHandle: true }, 'conflict'],
    ['an unassigned ticket back to the queue', {}, null, 'conflict'],
    ['a closed ticket', { status: 'closed' }, { id: colleague, mayHandle: true }, 'conflict'],
  ];
  test.each(cases)('%s: %s', (_name, state, assignee, expected) => {
    const decision = assign(ticket(state), assignee, agent);
    expect(isRefusal(decision) ? decision.refused : 'allowed').toBe(expected);
    if (!isRefusal(decision)) {
      expect(decision.set).toEqual({ assigneeId: assignee?.id ?? null });
      expect(decision.expected).toEqual({ assigneeId: state.assigneeId ?? null });
    }
  });

  test('history says who gave it, from whom and to whom', () => {
    expect(assign(ticket({ assigneeId: agent }), { id: colleague, mayHandle: true }, 'sup')).toMatchObject({
      history: [{ type: 'assigned', actorId: 'sup', from: agent, to: colleague }],
    });
    expect(assign(ticket({ assigneeId: agent }), null, agent)).toMatchObject({
      history: [{ type: 'assigned', actorId: agent, from: agent }],
    });
  });
});

describe('mentions in an internal note', () => {
  const colleagues = [
    { id: 'marie', displayName: 'Marie Dupont' },
    { id: 'marie-l', displayName: 'Marie Dupont-Leroy' },
    { id: 'paul', displayName: 'Paul Martin' },
    { id: 'me', displayName: 'Agent Moi' },
  ];
  const cases: Array<[string, string[]]> = [
    ['@Marie Dupont peux-tu vérifier ?', ['marie']],
    ['vu avec @marie dupont et @Paul Martin.', ['marie', 'paul']],
    ['@Marie Dupont-Leroy seule', ['marie-l']],
    ['@Marie Dupont-Leroy et @Marie Dupont', ['marie-l', 'marie']],
    ['Marie Dupont sans arobase', []],
    ['@Marie Duponte n’existe pas', []],
    ['@Paul Martin @Paul Martin deux fois', ['paul']],
    ['je me note @Agent Moi', []],
    ['@Quelqu’un d’autre', []],
  ];
  test.each(cases)('%s', (text, expected) => {
    expect(mentionedColleagues(text, colleagues, 'me')).toEqual(expected);
  });

  test('a note leaves one history entry pointing at it', () => {
    expect(noteHistory(agent, 'n1')).toEqual([{ type: 'note-added', actorId: agent, messageId: 'n1' }]);
  });
});

describe('what a reply does to the ticket in the same action', () => {
  const cases: Array<
    [
      string,
      TicketStatus,
      string[],
      { status?: TicketStatus; tags?: string[] },
      'nothing' | 'allowed' | 'invalid',
      Record<string, unknown> | null,
    ]
  > = [
    ['reply and set waiting', 'open', [], { status: 'pending' }, 'allowed', { status: 'pending' }],
    ['reply and resolve from new', 'new', [], { status: 'resolved' }, 'allowed', { status: 'resolved' }],
    [
      'a macro: status and tags',
      'open',
      ['urgent'],
      { status: 'pending', tags: ['pieces-manquantes', 'urgent'] },
      'allowed',
      { status: 'pending', tags: ['urgent', 'pieces-manquantes'] },
    ],
    ['only new tags', 'open', [], { tags: ['a', 'a', 'b'] }, 'allowed', { tags: ['a', 'b'] }],
    ['the status it already has', 'pending', [], { status: 'pending' }, 'nothing', null],
    ['tags it already carries', 'open', ['a'], { tags: ['a'] }, 'nothing', null],
    ['nothing asked', 'open', [], {}, 'nothing', null],
    ['a status not allowed from here', 'closed', [], { status: 'pending' }, 'invalid', null],
  ];
  test.each(cases)('%s', (_name, status, tags, then, expected, set) => {
    const decision = followThrough(ticket({ status, tags }), then, agent);
    if (decision === null) return expect(expected).toBe('nothing');
    if (isRefusal(decision)) return expect(expected).toBe(decision.refused);
    expect(expected).toBe('allowed');
    expect(decision.set).toEqual(set);
    expect(decision.expected).toEqual({ status });
  });

  test('its history names the status change and the tags added', () => {
    expect(followThrough(ticket({ status: 'open' }), { status: 'pending', tags: ['x', 'y'] }, agent)).toMatchObject({
      history: [
        { type: 'status-changed', actorId: agent, from: 'open', to: 'pending' },
        { type: 'tagged', actorId: agent, to: 'x, y' },
      ],
    });
  });
});

describe('who is notified', () => {
  test.each([
    ['given by a colleague', 'a2', 'a1', [{ userId: 'a2', kind: 'assigned' }]],
    ['taken by oneself', 'a1', 'a1', []],
    ['given back to the queue', null, 'a1', []],
    ['given automatically on arrival', 'a2', null, [{ userId: 'a2', kind: 'assigned' }]],
  ] as const)('assignment %s', (_name, assignee, actor, expected) => {
    expect(noticesOfAssignment(assignee, actor)).toEqual(expected);
  });

  test('mentions: each colleague once, never the author', () => {
    expect(noticesOfMentions(['a2', 'a3', 'a2', 'a1'], 'a1')).toEqual([
      { userId: 'a2', kind: 'mentioned' },
      { userId: 'a3', kind: 'mentioned' },
    ]);
  });

  test.each([
    ['held', 'a1', [{ userId: 'a1', kind: 'citizen-replied' }]],
    ['unassigned', null, []],
  ] as const)('a citizen’s new message on a %s ticket', (_name, assignee, expected) => {
    expect(noticesOfFollowUp(assignee)).toEqual(expected);
  });

  test.each([
    ['held: its assignee only', 'a1', ['a2', 'a3'], ['a1']],
    ['unassigned: the queue’s agents', null, ['a2', 'a3', 'a2'], ['a2', 'a3']],
    ['unassigned in a queue nobody serves', null, [], []],
  ] as const)('a near due date, %s', (_name, assignee, agents, expected) => {
    expect(noticesOfNearDueDate(assignee, agents).map((notice) => notice.userId)).toEqual(expected);
  });
});
