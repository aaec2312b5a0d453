/**
 * A wall-clock reading in a time zone. Days are counted from 1970-01-01 (`epochDay`) so that calendar
 * arithmetic on hot paths is integer arithmetic; `weekday` counts from Monday (0) to Sunday (6).
 */
export interface LocalDateTime {
  epochDay: number;
  weekday: number;
  minutesOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, Map<number, number>>();
/** Zones only change offset on quarter-hour boundaries, so one lookup serves a whole quarter of an hour. */
const OFFSET_BUCKET_MS = 15 * 60_000;
const MAX_CACHED_BUCKETS = 100_000;
const DAY_MS = 86_400_000;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds to add to a UTC instant to read the wall clock of `timeZone`. */
function timeZoneOffsetMs(instantMs: number, timeZone: string): number {
  let cache = offsetCaches.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  const bucket = Math.floor(instantMs / OFFSET_BUCKET_MS);
  const cached = cache.get(bucket);
  if (cached !== undefined) return cached;
  const offset = measureOffset(bucket * OFFSET_BUCKET_MS, timeZone);
  if (cache.size >= MAX_CACHED_BUCKETS) cache.clear();
  cache.set(bucket, offset);
  return offset;
}

function measureOffset(instantMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const wallClockAsUtc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return wallClockAsUtc - instantMs;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function toLocalDateTime(instant: Date, timeZone: string): LocalDateTime {
  const instantMs = instant.getTime();
  const wallClockMs = instantMs + timeZoneOffsetMs(instantMs, timeZone);
  const epochDay = Math.floor(wallClockMs / DAY_MS);
  return { epochDay, weekday: weekdayOfEpochDay(epochDay), minutesOfDay: (wallClockMs - epochDay * DAY_MS) / 60_000 };
}

/** The instant at which the wall clock of `timeZone` reads `minutesOfDay` on local day `epochDay`. */
export function localToInstant(epochDay: number, minutesOfDay: number, timeZone: string): Date {
  const wallClockAsUtc = epochDay * DAY_MS + Math.round(minutesOfDay * 60_000);
  const firstGuess = wallClockAsUtc - timeZoneOffsetMs(wallClockAsUtc, timeZone);
  return new Date(wallClockAsUtc - timeZoneOffsetMs(firstGuess, timeZone));
}

/** 1970-01-01 was a Thursday (3, counting from Monday). */
export function weekdayOfEpochDay(epochDay: number): number {
  return (((epochDay + 3) % 7) + 7) % 7;
}

export function epochDayOfIsoDate(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
}

export function isoDateOfEpochDay(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

export function addDaysToIsoDate(isoDate: string, days: number): string {
  return isoDateOfEpochDay(epochDayOfIsoDate(isoDate) + days);
}
