import { searchWords } from '../../models/encryption/search-words';
import { viewCriteria, type DeskView, type StatusFilter } from '../../tickets/desk-views';
import { likelyDuplicates, type DuplicateFacts } from '../../tickets/duplicate-candidates';
import { requesterLabel, requestExcerpt } from '../../tickets/ticket-row';
import { parseTicketSearch } from '../../tickets/ticket-search';

describe('what an agent types in the search box', () => {
  const cases: Array<[string, Partial<ReturnType<typeof parseTicketSearch>>]> = [
    ['aig-2026-000123', { references: ['AIG-2026-000123'], words: '' }],
    ['Claire Martin claire.martin@example.org', { emails: ['claire.martin@example.org'], words: 'Claire Martin' }],
    ['06 12 34 56 78 lampadaire', { phones: ['06 12 34 56 78'], words: 'lampadaire' }],
    ['+33 6 12 34 56 78', { phones: ['+33 6 12 34 56 78'], words: '' }],
    ['06.12.34.56.78', { phones: ['06.12.34.56.78'], words: '' }],
    ['0612345678', { phones: ['0612345678'], words: '' }],
    ['rue des Lilas 12', { phones: [], words: 'rue des Lilas 12' }],
    ['AIG-2026-000001 AIG-2026-000002 dupont', { references: ['AIG-2026-000001', 'AIG-2026-000002'], words: 'dupont' }],
  ];
  test.each(cases)('%s', (typed, expected) => {
    expect(parseTicketSearch(typed)).toMatchObject(expected);
  });
});

describe('the words the index and the query share', () => {
  const cases: Array<[string, string[]]> = [
    ['Éteint ETEINT éteint', ['eteint']],
    ['les lampadaires de la rue', ['lampadair', 'ru']],
    ['lampadaire', ['lampadair']],
    ['Kerbrat-Lemaître', ['kerbrat', 'lemaitr']],
    ['Bonjour madame, merci', []],
    ['permis 75056 PC', ['perm', '75056', 'pc']],
  ];
  test.each(cases)('%s', (text, words) => {
    expect(searchWords(text)).toEqual(words);
  });
});

describe('the ready-made views', () => {
  const now = new Date('2026-03-10T10:00:00Z');
  const cases: Array<[DeskView, StatusFilter | undefined, ReturnType<typeof viewCriteria>]> = [
    ['all', undefined, {}],
    ['all', 'active', { statuses: ['new', 'open', 'pending'] }],
    ['all', 'closed', { statuses: ['closed'] }],
    ['all', 'any', {}],
    ['mine', 'active', { statuses: ['new', 'open', 'pending'], assignee: 'a1' }],
    ['unassigned', undefined, { statuses: ['new', 'open', 'pending'], assignee: 'nobody' }],
    ['overdue', 'active', { statuses: ['new', 'open', 'pending'], dueBefore: now }],
    ['waiting', 'active', { statuses: ['pending'] }],
    ['waiting', 'open', { statuses: [] }],
    ['mine', 'closed', { statuses: [], assignee: 'a1' }],
  ];
  test.each(cases)('%s with status %s', (view, status, expected) => {
    expect(viewCriteria(view, status, 'a1', now)).toEqual(expected);
  });
});

describe('likely duplicates among a citizen’s other requests', () => {
  const day = 86_400_000;
  const at = new Date('2026-03-10T10:00:00Z');
  const current: DuplicateFacts = {
    id: 'current',
    intent: 'copie-acte-naissance',
    status: 'new',
    receivedAt: at,
    words: ['a', 'b', 'c', 'd'],
  };
  const other = (changes: Partial<DuplicateFacts>): DuplicateFacts => ({
    ...current,
    id: 'other',
    intent: 'eclairage-public',
    words: ['x', 'y'],
    ...changes,
  });
  const cases: Array<[string, Partial<DuplicateFacts>, boolean]> = [
    ['same intent, a week earlier, open', { intent: 'copie-acte-naissance', receivedAt: new Date(at.getTime() - 7 * day) }, true],
    ['same words, another intent', { words: ['a', 'b', 'c'] }, true],
    ['few words in common, another intent', { words: ['a', 'x', 'y', 'z'] }, false],
    ['same intent but closed', { intent: 'copie-acte-naissance', status: 'closed' }, false],
    ['same intent but resolved', { intent: 'copie-acte-naissance', status: 'resolved' }, false],
    ['same intent, waiting for the citizen', { intent: 'copie-acte-naissance', status: 'pending' }, true],
    ['same intent, two months earlier', { intent: 'copie-acte-naissance', receivedAt: new Date(at.getTime() - 60 * day) }, false],
    ['the ticket itself', { id: 'current', intent: 'copie-acte-naissance' }, false],
  ];
  it('offers nothing once this ticket is closed (merged, answered): there is nothing left to merge', () => {
    expect(likelyDuplicates({ ...current, status: 'closed' }, [other({ intent: 'copie-acte-naissance' })])).toEqual([]);
  });
  test.each(cases)('%s', (_name, changes, expected) => {
    expect(likelyDuplicates(current, [other(changes)]).length === 1).toBe(expected);
  });

  it('puts the same intent first, then the most similar', () => {
    const candidates = likelyDuplicates(current, [
      other({ id: 'similar', words: ['a', 'b', 'c'] }),
      other({ id: 'same-intent', intent: 'copie-acte-naissance' }),
      other({ id: 'very-similar', words: ['a', 'b', 'c', 'd'] }),
    ]);
    expect(candidates.map((candidate) => candidate.id)).toEqual(['same-intent', 'very-similar', 'similar']);
    expect(candidates[1]!.similarity).toBe(1);
  });
});

describe('what a row shows of the request', () => {
  it('cuts the message at a word, on one line', () => {
    expect(requestExcerpt('Bonjour,\n\nje   voudrais une copie.')).toBe('Bonjour, je voudrais une copie.');
    expect(requestExcerpt('un deux trois quatre cinq', 12)).toBe('un deux…');
  });
  it('names the requester, else their address, else their phone', () => {
    expect(requesterLabel({ name: 'Claire Martin', email: 'c@example.org' })).toBe('Claire Martin');
    expect(requesterLabel({ name: ' ', email: 'c@example.org' })).toBe('c@example.org');
    expect(requesterLabel({ phone: '06 12 34 56 78' })).toBe('06 12 34 56 78');
    expect(requesterLabel(undefined)).toBeNull();
  });
});
