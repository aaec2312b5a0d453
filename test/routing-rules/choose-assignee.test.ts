import { AssignableAgent, chooseAssignee } from '../../routing-rules/choose-assignee';

const agent = (id: string, openTickets: number, capacity: number, available = true): AssignableAgent => ({
  id,
  available,
  openTickets,
  capacity,
});

describe('chooseAssignee', () => {
  describe('round-robin', () => {
    const agents = [agent('alice', 1, 5), agent('bruno', 5, 5), agent('chloe', 0, 5, false), agent('driss', 2, 5)];

    test('takes the next eligible agent after the last one assigned, wrapping around', () => {
      expect(chooseAssignee('round-robin', agents, 'alice')).toBe('driss');
      expect(chooseAssignee('round-robin', agents, 'driss')).toBe('alice');
    });

    test('starts with the first eligible agent when nobody was assigned yet or the last one left', () => {
      expect(chooseAssignee('round-robin', agents)).toBe('alice');
      expect(chooseAssignee('round-robin', agents, 'parti')).toBe('alice');
    });
  });

  describe('least-loaded', () => {
    test('lowest share of capacity in use wins', () => {
      expect(chooseAssignee('least-loaded', [agent('temps-partiel', 2, 5), agent('temps-plein', 6, 20)])).toBe('temps-plein');
    });

    test('ties go to fewer open tickets, then list order', () => {
      expect(chooseAssignee('least-loaded', [agent('a', 4, 10), agent('b', 2, 5)])).toBe('b');
      expect(chooseAssignee('least-loaded', [agent('a', 1, 5), agent('b', 1, 5)])).toBe('a');
    });

    test('absent and full agents are skipped', () => {
      expect(chooseAssignee('least-loaded', [agent('absent', 0, 5, false), agent('plein', 5, 5), agent('dispo', 4, 5)])).toBe('dispo');
    });
  });

  test('nobody when every agent is absent, full or without capacity', () => {
    const unavailable = [agent('absent', 0, 5, false), agent('plein', 3, 3), agent('zero', 0, 0)];
    expect(chooseAssignee('least-loaded', unavailable)).toBeUndefined();
    expect(chooseAssignee('round-robin', unavailable, 'plein')).toBeUndefined();
    expect(chooseAssignee('round-robin', [])).toBeUndefined();
  });
});
