import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  buildCalendar,
  calendarEntrySchema,
  type CalendarEntry,
  isWorkingDay,
  workingDaysBetween,
} from '../../../electron/core/domain/calendar/calendar';
import { addMonths, toDay, toIso, wholeMonthsBetween, weekday } from '../../../electron/core/domain/calendar/days';
import { VN_CALENDAR_SEED } from '../../../electron/core/domain/calendar/seed-vn';

const seed = buildCalendar(VN_CALENDAR_SEED);
const weekendsOnly = buildCalendar([]);

describe('working days', () => {
  it.each([
    ['2026-11-20', 'Friday', true],
    ['2026-11-21', 'Saturday', false],
    ['2026-11-22', 'Sunday', false],
    ['2026-02-16', 'first Tết day 2026', false],
    ['2026-02-20', 'last Tết day 2026', false],
    ['2026-02-23', 'Monday after Tết', true],
    ['2025-04-07', 'Giỗ Tổ 2025', false],
    ['2026-04-27', 'compensatory day for Giỗ Tổ 2026 (a Sunday)', false],
    ['2026-09-02', 'National Day', false],
    ['2025-04-26', 'Saturday swapped into a working day', true],
  ])('%s (%s) working: %s', (date, _why, expected) => {
    expect(isWorkingDay(date, seed)).toBe(expected);
  });

  it('counts day 1 as the first working day after the event, so a Friday event plus 1 is Monday', () => {
    expect(addWorkingDays('2026-11-20', 1, seed)).toBe('2026-11-23');
    expect(addWorkingDays('2026-11-21', 1, seed)).toBe('2026-11-23');
    expect(addWorkingDays('2026-11-23', 5, seed)).toBe('2026-11-30');
  });

  it('skips the five Tết days of 2026', () => {
    expect(addWorkingDays('2026-02-13', 1, seed)).toBe('2026-02-23');
    expect(addWorkingDays('2026-02-13', 1, weekendsOnly)).toBe('2026-02-16');
    expect(addWorkingDays('2026-02-10', 30, seed)).toBe('2026-03-31');
    expect(addWorkingDays('2026-02-10', 30, weekendsOnly)).toBe('2026-03-24');
  });

  it('skips the Giỗ Tổ compensatory Monday and 30 Apr–1 May 2026', () => {
    expect(addWorkingDays('2026-04-24', 1, seed)).toBe('2026-04-28');
    expect(addWorkingDays('2026-04-29', 1, seed)).toBe('2026-05-04');
  });

  it('counts working days between two dates consistently with adding them', () => {
    expect(workingDaysBetween('2026-02-10', '2026-03-31', seed)).toBe(30);
    expect(workingDaysBetween('2026-02-10', '2026-03-30', seed)).toBe(29);
    expect(workingDaysBetween('2026-03-31', '2026-02-10', seed)).toBe(-30);
    expect(workingDaysBetween('2026-11-21', '2026-11-22', seed)).toBe(0);
  });

  it('still works outside the precomputed range by walking day by day', () => {
    expect(addWorkingDays('2150-01-02', 1, seed)).toBe('2150-01-05');
    expect(workingDaysBetween('2150-01-02', '2150-01-05', seed)).toBe(1);
  });
});

describe('calendar seed', () => {
  it('is valid calendar data with Tết 2026 and Giỗ Tổ marked confirmed', () => {
    for (const entry of VN_CALENDAR_SEED) {
      expect(calendarEntrySchema.safeParse(entry).success).toBe(true);
    }
    const confirmed = new Set(VN_CALENDAR_SEED.filter((e) => e.confirmed).map((e) => e.date));
    expect(['2026-02-16', '2026-02-20', '2025-04-07', '2026-04-26', '2026-04-27'].every((d) => confirmed.has(d))).toBe(true);
    expect(VN_CALENDAR_SEED.some((e) => !e.confirmed)).toBe(true);
  });

  it('gives every weekend holiday a compensatory day', () => {
    expect([...seed.implied.keys()]).toEqual([]);
    const withoutCompensatory = buildCalendar(VN_CALENDAR_SEED.filter((e) => e.date !== '2026-04-27'));
    expect([...withoutCompensatory.implied.keys()]).toEqual(['2026-04-26']);
    // The row forgotten, deadlines still rest on the next working day (RULES.md §3 Working days).
    expect([...withoutCompensatory.implied]).toEqual([['2026-04-26', '2026-04-27']]);
    expect(addWorkingDays('2026-04-24', 1, withoutCompensatory)).toBe(addWorkingDays('2026-04-24', 1, seed));
  });

  it('rests a weekend holiday the table gives no compensatory day on the next working day, one day for each', () => {
    const entry = (date: string, kind: CalendarEntry['kind']): CalendarEntry => ({ date, kind, name: 'x', source: '', confirmed: true });
    // 1 January 2028 is a Saturday: Monday the 3rd is off, the first working day after New Year's Eve is Tuesday.
    const newYear = buildCalendar([entry('2028-01-01', 'holiday')]);
    expect(addWorkingDays('2027-12-31', 1, newYear)).toBe('2028-01-04');
    // Saturday and Sunday both holidays, one compensatory day listed on Monday: the other falls on Tuesday.
    const twoDays = buildCalendar([entry('2027-02-06', 'holiday'), entry('2027-02-07', 'holiday'), entry('2027-02-08', 'compensatory')]);
    expect([...twoDays.implied]).toEqual([['2027-02-07', '2027-02-09']]);
    expect(addWorkingDays('2027-02-05', 1, twoDays)).toBe('2027-02-10');
    // Both listed: nothing implied.
    expect([...buildCalendar([entry('2027-02-06', 'holiday'), entry('2027-02-07', 'holiday'), entry('2027-02-08', 'compensatory'), entry('2027-02-09', 'compensatory')]).implied]).toEqual([]);
  });

  it('covers the fixed holidays of 2025–2027', () => {
    for (const year of [2025, 2026, 2027]) {
      for (const md of ['01-01', '04-30', '05-01', '09-02']) {
        expect(seed.daysOff.has(toDay(`${year}-${md}`))).toBe(true);
      }
    }
  });
});

describe('day arithmetic', () => {
  it('round-trips ISO dates and knows weekdays', () => {
    expect(toIso(toDay('2024-02-29'))).toBe('2024-02-29');
    expect(weekday(toDay('2026-04-26'))).toBe(0);
  });

  it('ends a 12-month period started on 29 February on 28 February', () => {
    expect(toIso(addMonths(toDay('2024-02-29'), 12))).toBe('2025-02-28');
    expect(toIso(addMonths(toDay('2024-02-29'), 48))).toBe('2028-02-29');
    expect(toIso(addMonths(toDay('2025-08-31'), -6))).toBe('2025-02-28');
  });

  it('counts whole months only once the day of the month is reached', () => {
    expect(wholeMonthsBetween(toDay('2008-05-14'), toDay('2026-05-13'))).toBe(215);
    expect(wholeMonthsBetween(toDay('2008-05-14'), toDay('2026-05-14'))).toBe(216);
    expect(wholeMonthsBetween(toDay('2026-01-31'), toDay('2026-02-28'))).toBe(1);
  });
});
