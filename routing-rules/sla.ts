import { z } from 'zod';

import {
  CompiledWorkingSchedule,
  compileWorkingSchedule,
  mairieWorkingSchedule,
  openingSlotsOn,
  WorkingSchedule,
} from './working-schedule';
import { localToInstant, toLocalDateTime } from './zoned-time';

/**
 * `hours`: calendar hours; `workingHours`: hours counted only while the town hall is open;
 * `workingDays`: due at closing time of the n-th working day after the day of receipt.
 */
export const slaUnits = ['hours', 'workingHours', 'workingDays'] as const;

export const slaSchema = z
  .strictObject({
    amount: z.number().positive().max(1000),
    unit: z.enum(slaUnits),
  })
  .refine((sla) => sla.unit !== 'workingDays' || Number.isInteger(sla.amount), {
    message: 'un nombre de jours ouvrés doit être entier',
    path: ['amount'],
  });
export type Sla = z.infer<typeof slaSchema>;

/** Ten years of calendar days: a schedule with no opening slot at all must not loop forever. */
const MAX_SCANNED_DAYS = 3660;

export function computeDueDate(
  receivedAt: Date,
  sla: Sla,
  schedule: WorkingSchedule | CompiledWorkingSchedule = mairieWorkingSchedule,
): Date {
  if (sla.unit === 'hours') return new Date(receivedAt.getTime() + sla.amount * 3_600_000);
  const compiled = 'slotsByWeekday' in schedule ? schedule : compileWorkingSchedule(schedule);
  return sla.unit === 'workingHours'
    ? addWorkingMinutes(receivedAt, sla.amount * 60, compiled)
    : endOfNthWorkingDayAfter(receivedAt, sla.amount, compiled);
}

function addWorkingMinutes(receivedAt: Date, minutes: number, schedule: CompiledWorkingSchedule): Date {
  const received = toLocalDateTime(receivedAt, schedule.timeZone);
  let remaining = minutes;
  for (let offset = 0; offset < MAX_SCANNED_DAYS; offset += 1) {
    const day = received.epochDay + offset;
    for (const [start, end] of openingSlotsOn(day, schedule)) {
      const from = offset === 0 ? Math.max(start, received.minutesOfDay) : start;
      const available = end - from;
      if (available <= 0) continue;
      if (remaining <= available) return localToInstant(day, from + remaining, schedule.timeZone);
      remaining -= available;
    }
  }
  throw new Error('The working schedule has no opening hours: a working-time SLA cannot be computed');
}

function endOfNthWorkingDayAfter(receivedAt: Date, workingDays: number, schedule: CompiledWorkingSchedule): Date {
  const received = toLocalDateTime(receivedAt, schedule.timeZone);
  let counted = 0;
  for (let offset = 1; offset < MAX_SCANNED_DAYS; offset += 1) {
    const day = received.epochDay + offset;
    const slots = openingSlotsOn(day, schedule);
    if (slots.length === 0) continue;
    counted += 1;
    if (counted === workingDays) return localToInstant(day, slots[slots.length - 1][1], schedule.timeZone);
  }
  throw new Error('The working schedule has no opening hours: a working-day SLA cannot be computed');
}

/** A request is overdue when it was handled after its due date or, still open, the due date has passed. */
export function isOverdue(dueAt: Date, now: Date, handledAt?: Date): boolean {
  return (handledAt ?? now).getTime() > dueAt.getTime();
}
