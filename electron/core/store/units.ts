import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { unitKeys, units } from '../../../db/schema/index';
import { AppError } from '../errors';
import type { Unit, UnitProfile } from '../model/entities';
import { placedOn } from './moves';

/** Units as stored: the own unit, its superior and the units below it. */

/** The one conversion of a units row to the model. */
export function toUnit(row: typeof units.$inferSelect): Unit {
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    parentCode: row.parentCode,
    origin: row.origin,
    hasYouthUnion: row.hasYouthUnion,
    ducsMembers: row.ducsMembers,
  };
}

/** The unit that owns this database; every database has exactly one once set up. */
export function getSelfUnit(db: DbOrTx): Unit {
  const row = db.select().from(units).where(eq(units.origin, 'self')).get();
  if (!row) {
    throw new AppError('not-found', 'Chưa thiết lập đơn vị cho cơ sở dữ liệu này.');
  }
  return toUnit(row);
}

export function findSelfUnit(db: DbOrTx): Unit | null {
  const row = db.select().from(units).where(eq(units.origin, 'self')).get();
  return row ? toUnit(row) : null;
}

export function getUnit(db: DbOrTx, code: string): Unit | null {
  const row = db.select().from(units).where(eq(units.code, code)).get();
  return row ? toUnit(row) : null;
}

/** How many units below this one the database holds a mirror of. */
export function countUnitsBelow(db: DbOrTx): number {
  return db.select({ n: sql<number>`count(*)` }).from(units).where(eq(units.origin, 'mirror')).get()?.n ?? 0;
}

/**
 * Units below whose enrolment was never confirmed by reading the code aloud: their key signs their bundles, but
 * nobody vouched for the key, so what they send is listed and never counted.
 */
export function unconfirmedUnitCodes(db: DbOrTx): Set<string> {
  const rows = db.all<{ unit_code: string }>(
    sql`SELECT unit_code FROM unit_keys WHERE kind = 'ed25519' AND status = 'active' GROUP BY unit_code HAVING max(verified_at IS NOT NULL) = 0`,
  );
  return new Set(rows.map((r) => r.unit_code));
}

/**
 * The units a committee oversees, as its dashboard counts them: the own unit and every mirrored unit below whose
 * enrolment was confirmed, in code order after the own. A unit with nothing below oversees only itself.
 */
export function overseenUnits(db: DbOrTx): Unit[] {
  const self = getSelfUnit(db);
  const pending = unconfirmedUnitCodes(db);
  // A unit that moved to another superior is no longer overseen here; its history stays on its unit page.
  const mirrors = placedOn(db, db.select().from(units).where(eq(units.origin, 'mirror')).orderBy(units.code).all().map(toUnit), null);
  return [self, ...mirrors.filter((u) => !pending.has(u.code))];
}

/** The units whose candidates this database holds: the own and every mirrored one, in code order. */
export function localUnits(db: DbOrTx): Unit[] {
  return db.select().from(units).where(inArray(units.origin, ['self', 'mirror'])).orderBy(units.code).all().map(toUnit);
}

/** Every mirrored unit below, in code order. */
export function mirroredUnits(db: DbOrTx): Unit[] {
  return db.select().from(units).where(eq(units.origin, 'mirror')).orderBy(units.code).all().map(toUnit);
}

/** Codes of the mirrored units whose parent is `parentCode`, in code order. */
export function mirroredChildCodes(db: DbOrTx, parentCode: string): string[] {
  return db
    .select({ code: units.code })
    .from(units)
    .where(and(eq(units.parentCode, parentCode), eq(units.origin, 'mirror')))
    .orderBy(units.code)
    .all()
    .map((r) => r.code);
}

/** The own unit's profile; enrolled once the superior's keys are recorded (its trust file was imported). */
export function getSelfProfile(db: DbOrTx): UnitProfile {
  const row = db.select().from(units).where(eq(units.origin, 'self')).get();
  if (!row) {
    throw new AppError('not-found', 'Chưa thiết lập đơn vị cho cơ sở dữ liệu này.');
  }
  const enrolled = row.parentCode !== null && db.select({ id: unitKeys.id }).from(unitKeys).where(eq(unitKeys.unitCode, row.parentCode)).get() !== undefined;
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    parentCode: row.parentCode,
    hasYouthUnion: row.hasYouthUnion,
    hasTradeUnion: row.hasTradeUnion,
    secretaryName: row.secretaryName,
    documentPlace: row.documentPlace,
    enrolled,
  };
}

/**
 * The mirrored units below the own unit, each with the codes of its whole subtree (itself first), for sums over it:
 * as the tree stood on `day` (null: now), so a unit that moved counts under the superior it stood under that day.
 */
export function subtreesBelowSelf(db: DbOrTx, day: string | null = null): { direct: Unit[]; subtree: Map<string, string[]> } {
  const self = getSelfUnit(db);
  const mirrored = placedOn(db, db.select().from(units).where(eq(units.origin, 'mirror')).orderBy(units.code).all().map(toUnit), day);
  const children = new Map<string, Unit[]>();
  for (const u of mirrored) {
    const list = children.get(u.parentCode ?? '') ?? [];
    list.push(u);
    children.set(u.parentCode ?? '', list);
  }
  const subtree = new Map<string, string[]>();
  // A visited set keeps a (corrupt) parent loop from running forever.
  const collect = (code: string, seen: Set<string>): string[] => {
    if (seen.has(code)) {
      return [];
    }
    seen.add(code);
    return [code, ...(children.get(code) ?? []).flatMap((c) => collect(c.code, seen))];
  };
  const direct = children.get(self.code) ?? [];
  for (const u of direct) {
    subtree.set(u.code, collect(u.code, new Set()));
  }
  subtree.set(self.code, collect(self.code, new Set()));
  return { direct, subtree };
}

/** Adds a unit below as a mirror with nothing in it yet (demo data); an existing unit of that code is left as it is. */
export function addMirrorUnit(tx: DbOrTx, unit: Pick<Unit, 'code' | 'name' | 'level' | 'parentCode'>): void {
  tx.insert(units).values({ ...unit, origin: 'mirror' }).onConflictDoNothing().run();
}

/** A unit below that enrolled directly, with the facts its enrolment states. */
export function insertEnrolledUnit(tx: DbOrTx, unit: Pick<Unit, 'code' | 'name' | 'level' | 'parentCode' | 'hasYouthUnion' | 'ducsMembers'>): void {
  tx.insert(units).values({ ...unit, origin: 'mirror' }).run();
}

/** The placeholder or record of the own unit's superior. */
export function insertParentUnit(tx: DbOrTx, unit: Pick<Unit, 'code' | 'name' | 'level'>): void {
  tx.insert(units).values({ ...unit, origin: 'parent' }).run();
}

export function insertSelfUnit(tx: DbOrTx, unit: Pick<Unit, 'code' | 'name' | 'level' | 'parentCode' | 'hasYouthUnion'>): void {
  tx.insert(units).values({ ...unit, origin: 'self' }).run();
}

export function updateUnitNameLevel(tx: DbOrTx, code: string, name: string, level: Unit['level']): void {
  tx.update(units).set({ name, level }).where(eq(units.code, code)).run();
}

export function setParentCode(tx: DbOrTx, code: string, parentCode: string): void {
  tx.update(units).set({ parentCode }).where(eq(units.code, code)).run();
}

export function deleteUnit(tx: DbOrTx, code: string): void {
  tx.delete(units).where(eq(units.code, code)).run();
}

export function updateSelfProfile(
  tx: DbOrTx,
  code: string,
  profile: Pick<UnitProfile, 'name' | 'parentCode' | 'hasYouthUnion' | 'hasTradeUnion' | 'secretaryName' | 'documentPlace'>,
): void {
  tx.update(units).set(profile).where(eq(units.code, code)).run();
}

/** A unit below as a forwarded snapshot describes it: added as a mirror, or moved under `parentCode` when held already. */
export function upsertForwardedUnit(tx: DbOrTx, unit: Pick<Unit, 'code' | 'name' | 'level' | 'parentCode' | 'hasYouthUnion' | 'ducsMembers'>): void {
  tx.insert(units)
    .values({ ...unit, origin: 'mirror' })
    .onConflictDoUpdate({ target: units.code, set: { parentCode: unit.parentCode } })
    .run();
}
