import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/types';
import { holidays, settings } from '../../../db/schema/index';

/** Rulebooks imported after installation (a newer version, or from the superior), stored as data under one key. */
const RULEBOOKS_KEY = 'rulebooks';

/** The imported rulebooks as stored (validated when read by the rules). */
export function storedRulebooks(db: DbOrTx): unknown[] {
  const row = db.select().from(settings).where(eq(settings.key, RULEBOOKS_KEY)).get();
  return row ? (row.value as unknown[]) : [];
}

export function writeRulebooks(db: DbOrTx, all: readonly unknown[]): void {
  db.insert(settings).values({ key: RULEBOOKS_KEY, value: all }).onConflictDoUpdate({ target: settings.key, set: { value: all } }).run();
}

/** A cheap fingerprint of the calendar and the imported rulebooks: it changes whenever either does. */
export function rulesStamp(db: Db): string {
  return JSON.stringify([
    db.select({ n: sql<number>`count(*)`, m: sql<string>`max(date)`, s: sql<string>`group_concat(kind || date || confirmed)` }).from(holidays).get(),
    db.select({ v: sql<string>`length(value)` }).from(settings).where(eq(settings.key, RULEBOOKS_KEY)).get(),
  ]);
}
