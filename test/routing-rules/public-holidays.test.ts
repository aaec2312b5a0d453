import { holidayCalendars, isPublicHoliday, publicHolidays, type HolidayCalendar } from '../../routing-rules/public-holidays';
import { computeDueDate } from '../../routing-rules/sla';
import { compileWorkingSchedule, isWithinWorkingHours, townHallOpeningHours } from '../../routing-rules/working-schedule';

const national2026 = ['01-01', '04-06', '05-01', '05-08', '05-14', '05-25', '07-14', '08-15', '11-01', '11-11', '12-25'];

describe('public holidays per calendar', () => {
  test.each(holidayCalendars.map((calendar) => [calendar]))('%s keeps the eleven national holidays of 2026', (calendar) => {
    expect(national2026.filter((day) => !isPublicHoliday(`2026-${day}`, calendar))).toEqual([]);
  });

  test.each<[HolidayCalendar, string[], string[]]>([
    // [calendar, its own days in 2026 beyond the national ones, days that are not holidays there]
    ['metropole', [], ['2026-04-03', '2026-12-26', '2026-05-27', '2026-12-20']],
    ['alsace-moselle', ['2026-04-03', '2026-12-26'], ['2026-05-27', '2026-12-20']],
    ['guadeloupe', ['2026-05-27', '2026-04-03'], ['2026-12-26', '2026-12-20']],
    ['martinique', ['2026-05-22', '2026-04-03'], ['2026-12-26', '2026-05-27']],
    ['guyane', ['2026-06-10'], ['2026-04-03', '2026-12-26']],
    ['reunion', ['2026-12-20'], ['2026-04-03', '2026-12-26', '2026-05-27']],
    ['mayotte', ['2026-04-27'], ['2026-04-03', '2026-12-20']],
  ])('%s: its own days off, and none of the others', (calendar, own, not) => {
    expect(own.filter((date) => !isPublicHoliday(date, calendar))).toEqual([]);
    expect(not.filter((date) => isPublicHoliday(date, calendar))).toEqual([]);
    expect(publicHolidays(calendar, 2026).size).toBe(11 + own.length);
  });

  test('names days in French', () => {
    expect(publicHolidays('reunion', 2026).get('2026-12-20')).toBe('Abolition de l’esclavage');
    expect(publicHolidays('alsace-moselle', 2026).get('2026-04-03')).toBe('Vendredi saint');
  });
});

describe('working time on a commune calendar', () => {
  const reunion = compileWorkingSchedule({ ...townHallOpeningHours('Indian/Reunion'), publicHolidays: 'reunion' });
  const alsace = compileWorkingSchedule({ ...townHallOpeningHours('Europe/Paris'), publicHolidays: 'alsace-moselle' });
  const paris = compileWorkingSchedule({ ...townHallOpeningHours('Europe/Paris'), publicHolidays: 'fr' });

  test('counts opening hours on the local clock of the overseas commune', () => {
    // Monday 9 March 2026, 06:00 UTC: 10:00 in Réunion (open), 07:00 in Paris (closed).
    expect(isWithinWorkingHours(new Date('2026-03-09T06:00:00Z'), reunion)).toBe(true);
    expect(isWithinWorkingHours(new Date('2026-03-09T06:00:00Z'), paris)).toBe(false);
  });

  test("skips the commune's own holidays when counting working days", () => {
    // Thursday 19 December 2030, 10:00 in Réunion: Friday 20 December is its abolition-of-slavery day, so the next
    // working day is Monday 23, closing at 17:30 there (13:30 UTC).
    expect(computeDueDate(new Date('2030-12-19T06:00:00Z'), { amount: 1, unit: 'workingDays' }, reunion)).toEqual(
      new Date('2030-12-23T13:30:00Z'),
    );
    // The same Thursday in Paris: Friday 20 December is an ordinary day, closing at 17:30 (16:30 UTC).
    expect(computeDueDate(new Date('2030-12-19T09:00:00Z'), { amount: 1, unit: 'workingDays' }, paris)).toEqual(
      new Date('2030-12-20T16:30:00Z'),
    );
  });

  test('closes Alsace-Moselle on Good Friday and 26 December, not Paris', () => {
    // Thursday 2 April 2026, 10:00 in Strasbourg: next working day Tuesday 7 April (Good Friday, then the weekend and Easter Monday).
    expect(computeDueDate(new Date('2026-04-02T08:00:00Z'), { amount: 1, unit: 'workingDays' }, alsace)).toEqual(
      new Date('2026-04-07T15:30:00Z'),
    );
    expect(computeDueDate(new Date('2026-04-02T08:00:00Z'), { amount: 1, unit: 'workingDays' }, paris)).toEqual(
      new Date('2026-04-03T15:30:00Z'),
    );
    expect(isWithinWorkingHours(new Date('2030-12-26T09:00:00Z'), alsace)).toBe(false);
    expect(isWithinWorkingHours(new Date('2030-12-26T09:00:00Z'), paris)).toBe(true);
  });
});
