/**
 * Calendar dates as integer day numbers (days since 1970-01-01). The rules engine parses every ISO date once into
 * a day number and then works with plain integers, because it evaluates tens of thousands of candidates at a time
 * and Date objects or date-fns calls in the hot path would dominate the cost.
 */

export type DayNumber = number;

/** Days from 1970-01-01 to the given civil date (proleptic Gregorian; Howard Hinnant's days_from_civil). */
export function dayFromYmd(y: number, m: number, d: number): DayNumber {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const ZERO = 48;

/** Parses an already validated `YYYY-MM-DD` string without regex or Date allocation. */
export function toDay(iso: string): DayNumber {
  const y =
    (iso.charCodeAt(0) - ZERO) * 1000 +
    (iso.charCodeAt(1) - ZERO) * 100 +
    (iso.charCodeAt(2) - ZERO) * 10 +
    (iso.charCodeAt(3) - ZERO);
  const m = (iso.charCodeAt(5) - ZERO) * 10 + (iso.charCodeAt(6) - ZERO);
  const d = (iso.charCodeAt(8) - ZERO) * 10 + (iso.charCodeAt(9) - ZERO);
  return dayFromYmd(y, m, d);
}

export type Ymd = { y: number; m: number; d: number };

/** The civil date of a day number (civil_from_days). */
export function ymdOf(day: DayNumber): Ymd {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The ISO `YYYY-MM-DD` string of a day number. */
export function toIso(day: DayNumber): string {
  const { y, m, d } = ymdOf(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** The dd/MM/yyyy form Vietnamese readers expect. */
export function toViDate(day: DayNumber): string {
  const { y, m, d } = ymdOf(day);
  return `${pad2(d)}/${pad2(m)}/${y}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Number of days in month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) {
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  }
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * The same day `months` calendar months later; when that day does not exist (29 Feb, 31st) it is the last day of
 * the target month. This is the probation and certificate arithmetic of docs/rules.md.
 */
export function addMonths(day: DayNumber, months: number): DayNumber {
  const { y, m, d } = ymdOf(day);
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12 + 1;
  return dayFromYmd(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

/**
 * Whole calendar months from `from` to `to` (negative when `to` is earlier). A month counts once the same
 * day-of-month is reached, or the month's last day when it is shorter (born 31 Jan → one month on 28/29 Feb).
 */
export function wholeMonthsBetween(from: DayNumber, to: DayNumber): number {
  if (to < from) {
    return -wholeMonthsBetween(to, from);
  }
  const a = ymdOf(from);
  const b = ymdOf(to);
  const months = (b.y - a.y) * 12 + (b.m - a.m);
  const reached = b.d >= a.d || b.d === daysInMonth(b.y, b.m);
  return reached ? months : months - 1;
}
