import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { calendarEntries } from '../../electron/core/store/calendar';
import { TEST_PASSPHRASE, testContext } from '../helpers/db';
import { MIGRATIONS_DIR } from '../helpers/temp';

describe('the calendar basis of databases set up by an older ptdv', () => {
  it('reads in Vietnamese after the upgrade, and a basis the user wrote is kept', () => {
    const { database, file } = testContext();
    const sqlite = database.db.$client;
    sqlite.prepare("UPDATE holidays SET source = 'RULES.md §3 Working days' WHERE date = '2026-02-16'").run();
    sqlite.prepare("UPDATE holidays SET source = 'Thông báo 123/TB-UBND' WHERE date = '2026-02-17'").run();
    // As if the database was last opened before this migration: it runs again on the next open.
    sqlite.prepare("DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)").run();
    database.close();
    const reopened = openDatabase(file, TEST_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
    try {
      const byDate = new Map(calendarEntries(reopened.db).map((e) => [e.date, e.source]));
      expect(byDate.get('2026-02-16')).toBe('Bộ luật Lao động 2019, Điều 112; lịch nghỉ đã công bố');
      expect(byDate.get('2026-02-17')).toBe('Thông báo 123/TB-UBND');
      expect([...byDate.values()].some((s) => s.includes('RULES.md'))).toBe(false);
    } finally {
      reopened.close();
    }
  });
});
