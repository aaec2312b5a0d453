/**
 * What time it is, for every decision the server takes about dates ("today", default periods, reception instants,
 * due dates, office hours). Injected rather than read from `new Date()` so that tests choose the instant (00:30 in
 * Paris is still yesterday in UTC) without fake timers that would freeze the event loop.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * The town hall's time: its clock and its IANA time zone, whose calendar days are the ones agents and citizens
 * mean. Passed down to whoever needs it rather than read from a global, so that each commune may later have its own.
 */
export interface TownHallClock {
  now: Clock;
  timeZone: string;
}
