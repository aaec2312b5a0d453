import { budgetMonthOf } from '../../server/llm/budget-month';

describe('the LLM budget month, on the town hall’s calendar', () => {
  it.each([
    { moment: '2026-01-31T23:30:00Z', timeZone: 'Europe/Paris', month: '2026-02' },
    { moment: '2026-01-31T22:30:00Z', timeZone: 'Europe/Paris', month: '2026-01' },
    { moment: '2026-06-30T22:30:00Z', timeZone: 'Europe/Paris', month: '2026-07' },
    { moment: '2026-06-30T21:30:00Z', timeZone: 'Europe/Paris', month: '2026-06' },
    { moment: '2026-02-01T02:30:00Z', timeZone: 'America/Cayenne', month: '2026-01' },
  ])('$moment in $timeZone falls in $month', ({ moment, timeZone, month }) => {
    expect(budgetMonthOf(new Date(moment), timeZone)).toBe(month);
  });
});
