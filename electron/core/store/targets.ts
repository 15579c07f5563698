import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { members, targets } from '../../../db/schema/index';
import type { Target, TargetPeriod } from '../model/targets';
import { VOID } from './dossiers';
import { groupBy } from '../domain/group-by';

/**
 * Targets as stored (both sources, each unit, year and period), and what they are measured against: the full
 * members at a day and the admission days of a year, read straight from the tables.
 */

export type StoredTarget = Target & { id: string; createdAt: string; issuerCode: string | null; issuerName: string | null };

/** The one conversion of a targets row to the model. */
function toStoredTarget(r: typeof targets.$inferSelect): StoredTarget {
  return { id: r.id, createdAt: r.createdAt, issuerCode: r.issuerCode, issuerName: r.issuerName, unitCode: r.unitCode, year: r.year, period: r.period as TargetPeriod, kind: r.kind, value: r.value, source: r.source };
}

export function storedTargets(db: DbOrTx, filter: { unitCode?: string | undefined; year?: number | undefined }): StoredTarget[] {
  const conditions = [
    filter.unitCode ? eq(targets.unitCode, filter.unitCode) : undefined,
    filter.year !== undefined ? eq(targets.year, filter.year) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select()
    .from(targets)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .all()
    .map(toStoredTarget);
}

/** Every unit's targets of one period of a year. */
export function periodTargets(db: DbOrTx, year: number, period: TargetPeriod): StoredTarget[] {
  return db
    .select()
    .from(targets)
    .where(and(eq(targets.year, year), eq(targets.period, period)))
    .all()
    .map(toStoredTarget);
}

export function targetById(db: DbOrTx, id: string): StoredTarget | null {
  const row = db.select().from(targets).where(eq(targets.id, id)).get();
  return row ? toStoredTarget(row) : null;
}

type Slot = Pick<Target, 'unitCode' | 'year' | 'period' | 'source'>;

/** What this database set itself in a slot: targets received or mirrored name their issuer and are never replaced here. */
const inSlot = (s: Slot) => and(eq(targets.unitCode, s.unitCode), eq(targets.year, s.year), eq(targets.period, s.period), eq(targets.source, s.source), isNull(targets.issuerCode));

/** The target one source set for a unit, year and period, if any. */
export function targetInSlot(db: DbOrTx, slot: Slot): StoredTarget | null {
  const row = db.select().from(targets).where(inSlot(slot)).get();
  return row ? toStoredTarget(row) : null;
}

/** Removes what the same source set for that unit, year and period. */
export function deleteTargetsInSlot(tx: DbOrTx, slot: Slot): void {
  tx.delete(targets).where(inSlot(slot)).run();
}

/**
 * What a unit below (`giverCode`) assigned its own units below, as its latest snapshot states them: every row it gave
 * is replaced by `given` (mirrored, so they name it as issuer; never this database's own targets, which name none).
 */
export function replaceGivenTargets(tx: DbOrTx, giverCode: string, giverName: string, given: readonly (Target & { id: string; createdAt: string })[]): void {
  tx.delete(targets).where(and(eq(targets.issuerCode, giverCode), isNull(targets.relayedId))).run();
  for (const t of given) {
    tx.insert(targets).values({ ...t, issuerCode: giverCode, issuerName: giverName }).run();
  }
}

/** A target this unit sets itself, or splits for the units below it: it names no issuer. */
export function insertTarget(tx: DbOrTx, target: Target & { id: string; createdAt: string }): void {
  tx.insert(targets).values(target).run();
}

export function deleteTarget(tx: DbOrTx, id: string): void {
  tx.delete(targets).where(eq(targets.id, id)).run();
}

/**
 * Full members (ĐVCT) of each unit on `day`: recognised on or before it (a member recorded as full without a date
 * counts) and not left by then, as the candidates' stages count a move out on its day. Exempt members are still full
 * members, so they count here. A member followed from a candidate file is full from the probation's end, but only
 * once the recognition was decided: until that day the file's stage counts them as dự bị, and a report of a day
 * before the decision must not count them twice.
 */
export function fullMembersOn(db: DbOrTx, day: string): Map<string, number> {
  const rows = db
    .select({ code: members.unitCode, n: sql<number>`count(*)` })
    .from(members)
    .where(
      and(
        eq(members.status, 'chinh-thuc'),
        isNull(members.voidedAt),
        or(isNull(members.fullMemberSince), lte(members.fullMemberSince, day)),
        or(isNull(members.leftOn), gt(members.leftOn, day)),
        or(
          isNull(members.candidateId),
          sql`EXISTS (SELECT 1 FROM candidate_events e WHERE e.candidate_id = ${members.candidateId} AND e.type = 'RECOGNITION_DECIDED' AND e.date <= ${day}
            AND NOT EXISTS (SELECT 1 FROM candidate_events v WHERE v.candidate_id = e.candidate_id AND v.type = ${VOID} AND v.voids_id = e.id))`,
        ),
      ),
    )
    .groupBy(members.unitCode)
    .all();
  return new Map(rows.map((r) => [r.code, r.n]));
}

/**
 * Probationary members (ĐVDB) of each unit on `day` whom no candidate file follows: entered on the roster by hand
 * (admitted before the app, or moved in), so the candidates' stages cannot count them. Dự bị that day means admitted
 * by then (a recorded ceremony date, or no date for one recorded as dự bị), not yet a full member and not yet left.
 * A member the roster now holds as full counts when their recognition came after `day`.
 */
export function probationaryOffFileOn(db: DbOrTx, day: string): Map<string, number> {
  const rows = db
    .select({ code: members.unitCode, n: sql<number>`count(*)` })
    .from(members)
    .where(
      and(
        isNull(members.candidateId),
        isNull(members.voidedAt),
        or(and(eq(members.status, 'du-bi'), or(isNull(members.joinedOn), lte(members.joinedOn, day))), and(lte(members.joinedOn, day), gt(members.fullMemberSince, day))),
        or(isNull(members.leftOn), gt(members.leftOn, day)),
      ),
    )
    .groupBy(members.unitCode)
    .all();
  return new Map(rows.map((r) => [r.code, r.n]));
}

/**
 * Admission days per unit (or of one unit) in `year` up to `until`, read straight from the events without loading
 * dossiers (target lists): per candidate the first admission decision in force dated in the year, which is what
 * buildReport counts towards targets.
 */
export function admissionDatesByUnit(db: DbOrTx, year: number, until: string, unitCode?: string): Map<string, string[]> {
  const end = until < `${year}-12-31` ? until : `${year}-12-31`;
  const rows = db.all<{ unit: string; day: string }>(sql`
    SELECT c.unit_code AS unit, min(e.date) AS day
    FROM candidate_events e JOIN candidates c ON c.id = e.candidate_id
    WHERE e.type = 'ADMISSION_DECIDED' AND e.date BETWEEN ${`${year}-01-01`} AND ${end}
      AND c.voided_at IS NULL AND ${unitCode === undefined ? sql`1` : sql`c.unit_code = ${unitCode}`}
      AND NOT EXISTS (SELECT 1 FROM candidate_events v WHERE v.candidate_id = e.candidate_id AND v.type = ${VOID} AND v.voids_id = e.id)
    GROUP BY e.candidate_id`);
  return groupBy(
    rows,
    (r) => r.unit,
    (r) => r.day,
  );
}
