import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { unitMoves, units } from '../../../db/schema/index';
import type { Unit, UnitMove } from '../model/entities';

/**
 * Moves of units between superiors (docs/corrections.md "Moving to another superior"). The one counting rule: a
 * period belongs to the superior a unit stood under on the last day the period counts. A unit that moved out of this
 * database's tree is counted here for the periods before, and one that moved in for the periods from then on, so
 * every level counts each unit once and the levels' sums agree.
 */

export type MoveRecord = UnitMove & { unitCode: string; source: 'unit' | 'hand' };

/** Records moves not yet known (a file repeats them every time); returns how many were new. */
export function recordMoves(db: DbOrTx, unitCode: string, moves: readonly UnitMove[], source: 'unit' | 'hand', now: string): number {
  let added = 0;
  for (const m of moves) {
    if (source === 'unit') {
      // What the unit signed replaces what the officer wrote down by hand for the same move.
      db.delete(unitMoves)
        .where(and(eq(unitMoves.unitCode, unitCode), eq(unitMoves.fromCode, m.from.code), eq(unitMoves.toCode, m.to.code), eq(unitMoves.source, 'hand')))
        .run();
    }
    const r = db
      .insert(unitMoves)
      .values({ unitCode, fromCode: m.from.code, fromName: m.from.name, toCode: m.to.code, toName: m.to.name, movedOn: m.on, source, recordedAt: now })
      .onConflictDoNothing()
      .run();
    added += r.changes;
  }
  return added;
}

const toMove = (r: typeof unitMoves.$inferSelect): MoveRecord => ({ unitCode: r.unitCode, from: { code: r.fromCode, name: r.fromName }, to: { code: r.toCode, name: r.toName }, on: r.movedOn, source: r.source });

/** The moves of one unit, oldest first. */
export function movesOf(db: DbOrTx, unitCode: string): MoveRecord[] {
  return db.select().from(unitMoves).where(eq(unitMoves.unitCode, unitCode)).orderBy(asc(unitMoves.movedOn), asc(unitMoves.recordedAt)).all().map(toMove);
}

/** Every recorded move, by unit, oldest first. */
export function allMoves(db: DbOrTx): Map<string, MoveRecord[]> {
  const out = new Map<string, MoveRecord[]>();
  for (const r of db.select().from(unitMoves).orderBy(asc(unitMoves.movedOn), asc(unitMoves.recordedAt)).all()) {
    const list = out.get(r.unitCode) ?? [];
    list.push(toMove(r));
    out.set(r.unitCode, list);
  }
  return out;
}

/** The superior a unit with these moves (oldest first, at least one) stood under on `day`; null `day` means now. */
export function superiorOn(moves: readonly UnitMove[], day: string | null): string {
  let at = moves[0]!.from.code;
  for (const m of moves) {
    if (day === null || m.on <= day) {
      at = m.to.code;
    }
  }
  return at;
}

/**
 * Codes of the units held here that stood outside this database's tree on `day` (null: now): they moved out before
 * it, or moved in after it. Inside the tree is under this unit or under a unit below it.
 */
export function outsideTreeOn(db: DbOrTx, day: string | null): Set<string> {
  const moves = allMoves(db);
  if (moves.size === 0) {
    return new Set();
  }
  const held = new Set(db.select({ code: units.code }).from(units).where(eq(units.origin, 'mirror')).all().map((r) => r.code));
  const self = db.select({ code: units.code }).from(units).where(eq(units.origin, 'self')).get()?.code;
  const outside = new Set<string>();
  for (const [code, list] of moves) {
    const at = superiorOn(list, day);
    if (code !== self && at !== self && !held.has(at)) {
      outside.add(code);
    }
  }
  return outside;
}

/**
 * `units` as they stood on `day` (null: now): each under the superior it stood under that day, and without those that
 * stood outside this database's tree. What every count of a period goes through.
 */
export function placedOn(db: DbOrTx, list: readonly Unit[], day: string | null): Unit[] {
  const moves = allMoves(db);
  if (moves.size === 0) {
    return [...list];
  }
  const outside = outsideTreeOn(db, day);
  return list.filter((u) => !outside.has(u.code)).map((u) => {
    const m = moves.get(u.code);
    return m && u.origin === 'mirror' ? { ...u, parentCode: superiorOn(m, day) } : u;
  });
}
