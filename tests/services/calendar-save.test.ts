import { describe, expect, it } from 'vitest';
import { saveCalendarEntry } from '../../electron/core/services/check-service';
import { calendarEntries } from '../../electron/core/store/calendar';
import { testContext } from '../helpers/db';

const day = { date: '2026-12-28', kind: 'holiday' as const, name: 'Nghỉ bù (thử)', source: 'Thông báo thử', confirmed: true };

describe('saving a day on the calendar screen', () => {
  it('refuses a date the calendar already holds, naming it, and leaves that day as it was', () => {
    const { ctx, database } = testContext();
    saveCalendarEntry(ctx, day, null);
    expect(() => saveCalendarEntry(ctx, { ...day, name: 'Ngày khác' }, null)).toThrow('Lịch đã có ngày 28/12/2026 (Nghỉ bù (thử))');
    expect(calendarEntries(ctx.db).find((e) => e.date === day.date)?.name).toBe('Nghỉ bù (thử)');
    database.close();
  });

  it('saves an edit of the same day, and moves a day to a free date without leaving the old one', () => {
    const { ctx, database } = testContext();
    saveCalendarEntry(ctx, day, null);
    saveCalendarEntry(ctx, { ...day, name: 'Nghỉ bù cuối năm' }, day.date);
    const moved = saveCalendarEntry(ctx, { ...day, date: '2026-12-29' }, day.date);
    expect(moved.some((e) => e.date === day.date)).toBe(false);
    expect(moved.find((e) => e.date === '2026-12-29')?.name).toBe('Nghỉ bù (thử)');
    database.close();
  });
});
