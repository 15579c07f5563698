import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarEntries } from '../../electron/core/store/calendar';
import { testContext } from '../helpers/db';
import { MIGRATIONS_DIR } from '../helpers/temp';

// Found by name, so the test holds whatever number the migration gets when branches are merged.
const MIGRATION = readdirSync(MIGRATIONS_DIR).find((f) => f.endsWith('_calendar_basis_vietnamese.sql'))!;

describe('the calendar basis of databases set up by an older ptdv', () => {
  it('is a migration every database runs', () => {
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    expect(journal.entries.map((e) => `${e.tag}.sql`)).toContain(MIGRATION);
  });

  it('reads in Vietnamese after the upgrade, and a basis the user wrote is kept', () => {
    const { database } = testContext();
    try {
      const sqlite = database.db.$client;
      // What a database seeded by an early version holds, and a row the user rewrote.
      sqlite.prepare("UPDATE holidays SET source = 'RULES.md §3 Working days' WHERE date = '2026-02-16'").run();
      sqlite.prepare("UPDATE holidays SET source = 'Thông báo 123/TB-UBND' WHERE date = '2026-02-17'").run();
      sqlite.exec(readFileSync(join(MIGRATIONS_DIR, MIGRATION), 'utf8'));
      const byDate = new Map(calendarEntries(database.db).map((e) => [e.date, e.source]));
      expect(byDate.get('2026-02-16')).toBe('Bộ luật Lao động 2019, Điều 112; lịch nghỉ đã công bố');
      expect(byDate.get('2026-02-17')).toBe('Thông báo 123/TB-UBND');
      expect([...byDate.values()].some((s) => s.includes('RULES.md'))).toBe(false);
    } finally {
      database.close();
    }
  });
});
