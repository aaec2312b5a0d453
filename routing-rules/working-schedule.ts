import { z } from 'zod';

import { holidayCalendars, isPublicHoliday, type HolidayCalendar } from './public-holidays';
import { isoDateOfEpochDay, isValidTimeZone, toLocalDateTime, weekdayOfEpochDay } from './zoned-time';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const weekdaySchema = z.enum(weekdays);
export type Weekday = z.infer<typeof weekdaySchema>;

export const isoDateSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date attendue au format AAAA-MM-JJ');

const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure attendue au format HH:MM');

const openingSlotSchema = z
  .strictObject({ start: timeOfDaySchema, end: timeOfDaySchema })
  .refine((slot) => slot.start < slot.end, { message: "l'heure de fin doit suivre l'heure de début" });

/** Opening hours of the town hall: used for the office-hours condition and for SLAs counted in working time. */
export const workingScheduleSchema = z.strictObject({
  timeZone: z.string().refine(isValidTimeZone, { message: 'fuseau horaire inconnu (exemple : Europe/Paris)' }),
  week: z.partialRecord(weekdaySchema, z.array(openingSlotSchema)),
  /** `fr`: metropolitan France's (as `metropole`); a commune's calendar adds its own (see public-holidays). */
  publicHolidays: z.enum(['fr', 'none', ...holidayCalendars]),
  closedDates: z.array(isoDateSchema).optional(),
});
export type WorkingSchedule = z.infer<typeof workingScheduleSchema>;

const mairieDay = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

/** The usual hours of a French town hall (weekdays, French public holidays closed) in the town hall's time zone. */
export function townHallOpeningHours(timeZone: string): WorkingSchedule {
  return {
    timeZone,
    week: { mon: mairieDay, tue: mairieDay, wed: mairieDay, thu: mairieDay, fri: mairieDay },
    publicHolidays: 'fr',
  };
}

/**
 * The hours of a rule set that names none (one written before rule sets carried their hours, or a test's): a town
 * hall in metropolitan France. The service's own rule sets carry hours in its TIME_ZONE (see defaultRuleSet).
 */
export const mairieWorkingSchedule: WorkingSchedule = townHallOpeningHours('Europe/Paris');

function holidayCalendarOf(publicHolidays: Exclude<WorkingSchedule['publicHolidays'], 'none'>): HolidayCalendar {
  return publicHolidays === 'fr' ? 'metropole' : publicHolidays;
}

/** Opening slots in minutes since local midnight, sorted. */
export type MinuteSlot = readonly [start: number, end: number];

/** A schedule parsed once, so that hot paths never re-read "HH:MM" strings nor recompute a day's holidays. */
export interface CompiledWorkingSchedule {
  readonly timeZone: string;
  readonly slotsByWeekday: ReadonlyArray<ReadonlyArray<MinuteSlot>>;
  readonly publicHolidays: WorkingSchedule['publicHolidays'];
  readonly closedDates: ReadonlySet<string>;
  /** Opening slots per local day (epoch day), filled on demand. */
  readonly slotsByDay: Map<number, ReadonlyArray<MinuteSlot>>;
}

/** About thirty years of days: past that, the memo starts over rather than grow without bound. */
const MAX_MEMOISED_DAYS = 10_000;
const NO_SLOTS: ReadonlyArray<MinuteSlot> = [];

const compiledSchedules = new WeakMap<WorkingSchedule, CompiledWorkingSchedule>();

export function compileWorkingSchedule(schedule: WorkingSchedule): CompiledWorkingSchedule {
  const cached = compiledSchedules.get(schedule);
  if (cached) return cached;
  const compiled: CompiledWorkingSchedule = {
    timeZone: schedule.timeZone,
    slotsByWeekday: weekdays.map((weekday) =>
      (schedule.week[weekday] ?? [])
        .map((slot): MinuteSlot => [minutesOf(slot.start), minutesOf(slot.end)])
        .sort((left, right) => left[0] - right[0]),
    ),
    publicHolidays: schedule.publicHolidays,
    closedDates: new Set(schedule.closedDates ?? []),
    slotsByDay: new Map(),
  };
  compiledSchedules.set(schedule, compiled);
  return compiled;
}

function minutesOf(timeOfDay: string): number {
  return Number(timeOfDay.slice(0, 2)) * 60 + Number(timeOfDay.slice(3, 5));
}

/** The opening slots of a local day: none on public holidays and closed dates. */
export function openingSlotsOn(epochDay: number, schedule: CompiledWorkingSchedule): ReadonlyArray<MinuteSlot> {
  const memoised = schedule.slotsByDay.get(epochDay);
  if (memoised) return memoised;
  const isoDate = isoDateOfEpochDay(epochDay);
  const closed =
    schedule.closedDates.has(isoDate) ||
    (schedule.publicHolidays !== 'none' && isPublicHoliday(isoDate, holidayCalendarOf(schedule.publicHolidays)));
  const slots = closed ? NO_SLOTS : schedule.slotsByWeekday[weekdayOfEpochDay(epochDay)];
  if (schedule.slotsByDay.size >= MAX_MEMOISED_DAYS) schedule.slotsByDay.clear();
  schedule.slotsByDay.set(epochDay, slots);
  return slots;
}

export function isWithinWorkingHours(instant: Date, schedule: CompiledWorkingSchedule): boolean {
  const local = toLocalDateTime(instant, schedule.timeZone);
  return openingSlotsOn(local.epochDay, schedule).some(([start, end]) => local.minutesOfDay >= start && local.minutesOfDay < end);
}
