import { z } from 'zod';
import { isoDate } from '../../model/dates';
import { dayFromYmd, toDay, toIso, weekday, type DayNumber } from './days';

/**
 * The working-day calendar of docs/rules.md "Working days": weekends plus a data table of days off and swapped days.
 * The table is data (seeded, editable in the app, updatable from the superior); nothing here knows a holiday.
 */

export const CALENDAR_KINDS = ['holiday', 'compensatory', 'swapped-day-off', 'swapped-workday'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

export const calendarEntrySchema = z.strictObject({
  date: isoDate,
  kind: z.enum(CALENDAR_KINDS),
  name: z.string().trim().min(1).max(200),
  source: z.string().trim().max(500),
  confirmed: z.boolean(),
});
export type CalendarEntry = z.infer<typeof calendarEntrySchema>;

/**
 * A compiled calendar. `cumulative[i]` counts working days in [RANGE_START, RANGE_START + i], and `nth[k]` is the
 * offset of the k-th of them, so adding or counting working days inside the range is two array reads.
 */
export type WorkingCalendar = {
  readonly entries: readonly CalendarEntry[];
  readonly daysOff: ReadonlySet<DayNumber>;
  readonly extraWorkdays: ReadonlySet<DayNumber>;
  readonly cumulative: Int32Array;
  readonly nth: Int32Array;
  /** Weekend holidays the table gives no compensatory day, with the day off this calendar gives them instead. */
  readonly implied: ReadonlyMap<string, string>;
};

// Wide enough for any birth date or act a dossier can hold; outside it the functions fall back to a day loop.
const RANGE_START = dayFromYmd(1940, 1, 1);
const RANGE_END = dayFromYmd(2100, 12, 31);

/** Compiles calendar entries into the lookup tables the deadline functions use. */
export function buildCalendar(entries: readonly CalendarEntry[]): WorkingCalendar {
  const daysOff = new Set<DayNumber>();
  const extraWorkdays = new Set<DayNumber>();
  for (const entry of entries) {
    (entry.kind === 'swapped-workday' ? extraWorkdays : daysOff).add(toDay(entry.date));
  }
  const implied = impliedCompensations(entries, daysOff, extraWorkdays);
  implied.forEach((day) => daysOff.add(toDay(day)));
  const size = RANGE_END - RANGE_START + 1;
  const cumulative = new Int32Array(size);
  const nth = new Int32Array(size + 1);
  let count = 0;
  for (let i = 0; i < size; i++) {
    if (isWorking(RANGE_START + i, daysOff, extraWorkdays)) {
      count++;
      nth[count] = i;
    }
    cumulative[i] = count;
  }
  return { entries, daysOff, extraWorkdays, cumulative, nth: nth.subarray(0, count + 1), implied };
}

/**
 * A holiday on a weekend gives a compensatory day on the next working day (docs/rules.md "Ngày làm việc"; Labour
 * Code Art. 111(3)). Each weekend holiday, in date order, takes the first compensatory day the table lists among the
 * days off that follow it; one that finds none gets the next working day off all the same, so a deadline never counts
 * a day nobody works because a row was forgotten. Two weekend holidays in a row take two days.
 */
function impliedCompensations(entries: readonly CalendarEntry[], daysOff: Set<DayNumber>, extra: ReadonlySet<DayNumber>): Map<string, string> {
  const listed = new Set(entries.filter((e) => e.kind === 'compensatory').map((e) => toDay(e.date)));
  const weekendHolidays = [...new Set(entries.filter((e) => e.kind === 'holiday').map((e) => toDay(e.date)))]
    .filter((day) => (weekday(day) === 0 || weekday(day) === 6) && !extra.has(day))
    .sort((a, b) => a - b);
  const implied = new Map<string, string>();
  const off = new Set(daysOff);
  for (const day of weekendHolidays) {
    let next = day + 1;
    while (!isWorking(next, off, extra) && !listed.has(next)) {
      next++;
    }
    if (listed.has(next)) {
      listed.delete(next);
      continue;
    }
    off.add(next);
    implied.set(toIso(day), toIso(next));
  }
  return implied;
}

function isWorking(day: DayNumber, daysOff: ReadonlySet<DayNumber>, extra: ReadonlySet<DayNumber>): boolean {
  if (extra.has(day)) {
    return true;
  }
  const wd = weekday(day);
  return wd !== 0 && wd !== 6 && !daysOff.has(day);
}

/** True when `day` is Monday–Friday and not a day off, or a Saturday/Sunday swapped into a working day. */
export function isWorkingDayN(day: DayNumber, calendar: WorkingCalendar): boolean {
  return isWorking(day, calendar.daysOff, calendar.extraWorkdays);
}

/**
 * The n-th working day after `day` (day 1 is the first working day after the event; docs/rules.md "Working days").
 * For n ≤ 0 it returns `day` itself.
 */
export function addWorkingDaysN(day: DayNumber, n: number, calendar: WorkingCalendar): DayNumber {
  if (n <= 0) {
    return day;
  }
  const i = day - RANGE_START;
  if (i >= 0 && i < calendar.cumulative.length) {
    const k = calendar.cumulative[i]! + n;
    if (k < calendar.nth.length) {
      return RANGE_START + calendar.nth[k]!;
    }
  }
  let d = day;
  for (let left = n; left > 0; ) {
    d++;
    if (isWorkingDayN(d, calendar)) {
      left--;
    }
  }
  return d;
}

/** Working days in (a, b]: how many working days after `a` have passed by the end of `b` (negative if b < a). */
export function workingDaysBetweenN(a: DayNumber, b: DayNumber, calendar: WorkingCalendar): number {
  if (b < a) {
    return -workingDaysBetweenN(b, a, calendar);
  }
  const ia = a - RANGE_START;
  const ib = b - RANGE_START;
  if (ia >= 0 && ib < calendar.cumulative.length) {
    return calendar.cumulative[ib]! - calendar.cumulative[ia]!;
  }
  let count = 0;
  for (let d = a + 1; d <= b; d++) {
    count += isWorkingDayN(d, calendar) ? 1 : 0;
  }
  return count;
}

/** ISO-date form of {@link isWorkingDayN}. */
export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  return isWorkingDayN(toDay(date), calendar);
}

/** ISO-date form of {@link addWorkingDaysN}: the deadline `n` working days after `date`. */
export function addWorkingDays(date: string, n: number, calendar: WorkingCalendar): string {
  return toIso(addWorkingDaysN(toDay(date), n, calendar));
}

/** ISO-date form of {@link workingDaysBetweenN}. */
export function workingDaysBetween(a: string, b: string, calendar: WorkingCalendar): number {
  return workingDaysBetweenN(toDay(a), toDay(b), calendar);
}

