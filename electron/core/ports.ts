/** Time enters core only through this port, so tests and `--as-of` can fix "today". */
export type Clock = {
  /** Today's calendar date in Vietnam (UTC+7), as `YYYY-MM-DD`. */
  today(): string;
  /** The current instant as ISO 8601 with the +07:00 offset. */
  now(): string;
};

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The real clock. Vietnam has no daylight saving, so a fixed +07:00 offset is exact. */
export const systemClock: Clock = {
  today: () => new Date(Date.now() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10),
  now: () => new Date(Date.now() + VIETNAM_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+07:00'),
};

/** A clock stuck on one day (tests, `--as-of`). */
export function fixedClock(day: string, time = '09:00:00'): Clock {
  return { today: () => day, now: () => `${day}T${time}+07:00` };
}
