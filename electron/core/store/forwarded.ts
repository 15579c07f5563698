import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { forwardedSnapshots } from '../../../db/schema/index';

/** Snapshots of units deeper below, as their superior forwarded them here (docs/bundle-format.md "Forwarding up the tree"). */

export type ForwardedRow = typeof forwardedSnapshots.$inferSelect;

/** The snapshot of a unit deeper below held here, as that unit signed it (null: none received through forwarding). */
export function forwardedSnapshotOf(db: DbOrTx, unitCode: string): Pick<ForwardedRow, 'viaCode' | 'seq' | 'sumsSha256'> | null {
  return db.select({ viaCode: forwardedSnapshots.viaCode, seq: forwardedSnapshots.seq, sumsSha256: forwardedSnapshots.sumsSha256 }).from(forwardedSnapshots).where(eq(forwardedSnapshots.unitCode, unitCode)).get() ?? null;
}

export function saveForwardedSnapshot(tx: DbOrTx, row: ForwardedRow): void {
  const { unitCode: _u, ...rest } = row;
  tx.insert(forwardedSnapshots).values(row).onConflictDoUpdate({ target: forwardedSnapshots.unitCode, set: rest }).run();
}

/** A unit deeper below that now reports directly: its snapshots come through the inbox from then on. */
export function dropForwardedSnapshot(tx: DbOrTx, unitCode: string): void {
  tx.delete(forwardedSnapshots).where(eq(forwardedSnapshots.unitCode, unitCode)).run();
}

/** Every snapshot of a unit deeper below held here, in unit code order (what this unit forwards further up). */
export function allForwardedSnapshots(db: DbOrTx): ForwardedRow[] {
  return db.select().from(forwardedSnapshots).orderBy(asc(forwardedSnapshots.unitCode)).all();
}
