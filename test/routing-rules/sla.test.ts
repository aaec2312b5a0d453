import { computeDueDate, isOverdue } from '../../routing-rules/sla';
import { mairieWorkingSchedule } from '../../routing-rules/working-schedule';

/** Paris wall-clock time to an instant: "2026-03-10 10:00" in winter is 09:00Z. */
const paris = (isoLocal: string, offsetHours: 1 | 2) => new Date(`${isoLocal.replace(' ', 'T')}:00+0${offsetHours}:00`);

describe('computeDueDate', () => {
  test('calendar hours ignore the schedule', () => {
    expect(computeDueDate(paris('2026-03-14 22:00', 1), { amount: 4, unit: 'hours' })).toEqual(paris('2026-03-15 02:00', 1));
  });

  test('working hours skip lunch, nights and weekends', () => {
    expect(computeDueDate(paris('2026-03-10 10:00', 1), { amount: 1, unit: 'workingHours' })).toEqual(paris('2026-03-10 11:00', 1));
    expect(computeDueDate(paris('2026-03-10 11:30', 1), { amount: 1, unit: 'workingHours' })).toEqual(paris('2026-03-10 14:00', 1));
    expect(computeDueDate(paris('2026-03-13 17:00', 1), { amount: 2, unit: 'workingHours' })).toEqual(paris('2026-03-16 10:00', 1));
    expect(computeDueDate(paris('2026-03-14 10:00', 1), { amount: 0.5, unit: 'workingHours' })).toEqual(paris('2026-03-16 09:00', 1));
  });

  test('a request received at the close of a slot is due in the next one', () => {
    expect(computeDueDate(paris('2026-03-10 12:00', 1), { amount: 1, unit: 'workingHours' })).toEqual(paris('2026-03-10 14:30', 1));
  });

  test('working days end at closing time and skip public holidays', () => {
    expect(computeDueDate(paris('2026-03-10 10:00', 1), { amount: 1, unit: 'workingDays' })).toEqual(paris('2026-03-11 17:30', 1));
    expect(computeDueDate(paris('2026-03-13 20:00', 1), { amount: 1, unit: 'workingDays' })).toEqual(paris('2026-03-16 17:30', 1));
    expect(computeDueDate(paris('2026-04-03 10:00', 2), { amount: 1, unit: 'workingDays' })).toEqual(paris('2026-04-07 17:30', 2));
    expect(computeDueDate(paris('2026-05-13 10:00', 2), { amount: 2, unit: 'workingDays' })).toEqual(paris('2026-05-18 17:30', 2));
  });

  test('working time crosses the change to summer time', () => {
    expect(computeDueDate(paris('2026-03-27 17:00', 1), { amount: 1, unit: 'workingHours' })).toEqual(paris('2026-03-30 09:00', 2));
  });

  test('closed dates and other schedules are honoured', () => {
    const withBridgeDay = { ...mairieWorkingSchedule, closedDates: ['2026-05-15'] };
    expect(computeDueDate(paris('2026-05-13 10:00', 2), { amount: 2, unit: 'workingDays' }, withBridgeDay)).toEqual(
      paris('2026-05-19 17:30', 2),
    );
    const noHolidays = { ...mairieWorkingSchedule, publicHolidays: 'none' as const };
    expect(computeDueDate(paris('2026-05-13 10:00', 2), { amount: 1, unit: 'workingDays' }, noHolidays)).toEqual(
      paris('2026-05-14 17:30', 2),
    );
  });

  test('a schedule without opening hours cannot give a working-time due date', () => {
    const closed = { timeZone: 'Europe/Paris', week: {}, publicHolidays: 'none' as const };
    expect(() => computeDueDate(new Date(), { amount: 1, unit: 'workingDays' }, closed)).toThrow(/no opening hours/);
  });
});

describe('isOverdue', () => {
  const dueAt = new Date('2026-03-12T16:30:00Z');

  test('an open request is overdue once its due date has passed', () => {
    expect(isOverdue(dueAt, new Date('2026-03-12T16:29:00Z'))).toBe(false);
    expect(isOverdue(dueAt, new Date('2026-03-12T16:31:00Z'))).toBe(true);
  });

  test('a handled request is judged on when it was handled', () => {
    expect(isOverdue(dueAt, new Date('2026-04-01T00:00:00Z'), new Date('2026-03-12T10:00:00Z'))).toBe(false);
    expect(isOverdue(dueAt, new Date('2026-04-01T00:00:00Z'), new Date('2026-03-13T10:00:00Z'))).toBe(true);
  });
});
