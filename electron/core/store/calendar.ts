import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { holidays } from '../../../db/schema/index';
import { VN_CALENDAR_SEED, type CalendarEntry } from '../domain/calendar/index';

/** The calendar in this database; the shipped seed is written there at setup and edited by the user after. */
export function calendarEntries(db: DbOrTx): CalendarEntry[] {
  return db
    .select()
    .from(holidays)
    .orderBy(asc(holidays.date))
    .all()
    .map((h) => ({ date: h.date, kind: h.kind, name: h.name, source: h.source ?? '', confirmed: h.confirmed }));
}

/** Writes the shipped 2025–2027 calendar into a new database (days already there are kept as the user set them). */
export function seedCalendar(db: DbOrTx): void {
  for (const e of VN_CALENDAR_SEED) {
    db.insert(holidays).values(e).onConflictDoNothing().run();
  }
}

/** Adds or replaces one calendar day. */
export function putCalendarEntry(db: DbOrTx, entry: CalendarEntry): void {
  db.insert(holidays).values(entry).onConflictDoUpdate({ target: holidays.date, set: entry }).run();
}

export function deleteCalendarEntry(db: DbOrTx, date: string): void {
  db.delete(holidays).where(eq(holidays.date, date)).run();
}
