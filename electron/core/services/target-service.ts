import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { members, targets } from '../../../db/schema/index';
import { AppError, formatZodIssues } from '../errors';
import type { TargetRow } from '../model/report-records';
import { targetSchema, type Target, type TargetPeriod } from '../model/targets';
import { effectiveTargets, targetCount, targetPeriodOrder, targetProgress } from '../domain/reports/targets';
import { VOID } from '../store/candidates';
import { audit, newId, type ServiceContext } from './context';
import { findSelfUnit, getSelfUnit, getUnit, subtreesBelowSelf } from '../store/units';

/**
 * What `setTarget` accepts: the unit defaults to the own unit, the source to who is setting it (own unit → unit, a
 * unit below → superior).
 */
export type TargetInput = Omit<Target, 'source' | 'unitCode'> & { unitCode?: string; source?: Target['source'] };

/**
 * Full members (ĐVCT) of each unit on `day`: recognised on or before it (a member recorded as full without a date
 * counts) and not left before it. Exempt members are still full members, so they count here.
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
        or(isNull(members.leftOn), gte(members.leftOn, day)),
      ),
    )
    .groupBy(members.unitCode)
    .all();
  return new Map(rows.map((r) => [r.code, r.n]));
}

/** Full members of one unit at the start of `year` (1 January): the base of a percent target. */
export function fullMembersAtYearStart(db: DbOrTx, unitCode: string, year: number): number {
  return fullMembersOn(db, `${year}-01-01`).get(unitCode) ?? 0;
}

type StoredTarget = Target & { id: string; createdAt: string; issuerCode: string | null; issuerName: string | null };

function storedTargets(db: DbOrTx, filter: { unitCode?: string | undefined; year?: number | undefined }): StoredTarget[] {
  const conditions = [
    filter.unitCode ? eq(targets.unitCode, filter.unitCode) : undefined,
    filter.year !== undefined ? eq(targets.year, filter.year) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select()
    .from(targets)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .all()
    .map((r) => ({ id: r.id, createdAt: r.createdAt, issuerCode: r.issuerCode, issuerName: r.issuerName, unitCode: r.unitCode, year: r.year, period: r.period as TargetPeriod, kind: r.kind, value: r.value, source: r.source }));
}

/** Targets as the report uses them: the effective one per unit, year and period. */
export function targetsForReport(db: DbOrTx, year: number): Target[] {
  return effectiveTargets(storedTargets(db, { year })).map(({ unitCode, year: y, period, kind, value, source }) => ({ unitCode, year: y, period, kind, value, source }));
}

/**
 * Targets of one unit (or all units) and year, both sources, each with its count in people, whether it applies,
 * and the admissions made towards it up to `today` (decision signing days, counted as the reports count them);
 * without `today`, up to the end of each target's period. A committee's own targets are measured over its whole
 * tree (the members and admissions of the units below it that it mirrors): it has few or no people of its own.
 */
export function listTargets(db: DbOrTx, filter: { unitCode?: string | undefined; year?: number | undefined } = {}, today?: string): TargetRow[] {
  const rows = storedTargets(db, filter);
  const effective = new Set(effectiveTargets(rows).map((t) => t.id));
  const self = findSelfUnit(db);
  const tree = self && self.level !== 'chi-bo' ? (subtreesBelowSelf(db, today ?? null).subtree.get(self.code) ?? [self.code]) : null;
  const codesOf = (unitCode: string) => (tree && unitCode === self?.code ? tree : [unitCode]);
  const onlyUnit = filter.unitCode && codesOf(filter.unitCode).length === 1 ? filter.unitCode : undefined;
  const years = new Map<number, { members: Map<string, number>; admissions: Map<string, string[]> }>();
  const yearData = (year: number) => {
    let data = years.get(year);
    if (!data) {
      data = { members: fullMembersOn(db, `${year}-01-01`), admissions: admissionDatesByUnit(db, year, today ?? `${year}-12-31`, onlyUnit) };
      years.set(year, data);
    }
    return data;
  };
  return rows
    .map((t) => {
      const { members, admissions } = yearData(t.year);
      const codes = codesOf(t.unitCode);
      const base = codes.reduce((sum, c) => sum + (members.get(c) ?? 0), 0);
      const count = targetCount(t, base);
      const { achieved, percentAchieved } = targetProgress(t, t.year, count, codes.flatMap((c) => admissions.get(c) ?? []), today ?? `${t.year}-12-31`, 1);
      return { ...t, effective: effective.has(t.id), fullMembersAtYearStart: base, targetCount: count, achieved, percentAchieved };
    })
    .sort((a, b) => a.unitCode.localeCompare(b.unitCode) || b.year - a.year || targetPeriodOrder(a.period) - targetPeriodOrder(b.period) || Number(b.effective) - Number(a.effective) || a.source.localeCompare(b.source));
}

function sourceFor(db: DbOrTx, unitCode: string, asked: Target['source'] | undefined): Target['source'] {
  const unit = getUnit(db, unitCode);
  if (!unit) {
    throw new AppError('not-found', `Không có đơn vị mã ${unitCode}.`);
  }
  if (unit.origin === 'parent') {
    throw new AppError('forbidden', 'Không đặt chỉ tiêu cho đơn vị cấp trên.');
  }
  const natural = unit.origin === 'self' ? 'unit' : 'superior';
  if (asked === 'unit' && natural === 'superior') {
    throw new AppError('forbidden', `Chỉ tiêu do chi bộ ${unit.name} tự đặt chỉ đến từ dữ liệu của chính đơn vị đó.`);
  }
  return asked ?? natural;
}

/**
 * Sets a unit's target for one period of a year, replacing the earlier one from the same source. The own unit's
 * targets are its own (`unit`); targets for a unit below are assigned by this superior (`superior`); a unit records
 * its superior's assignment with source `superior` when a directive arrives.
 */
export function setTarget(ctx: ServiceContext, input: TargetInput): TargetRow {
  return ctx.db.transaction((tx) => {
    const unitCode = input.unitCode ?? getSelfUnit(tx).code;
    const parsed = targetSchema.safeParse({ ...input, unitCode, source: sourceFor(tx, unitCode, input.source) });
    if (!parsed.success) {
      throw new AppError('validation', `Chỉ tiêu không hợp lệ — ${formatZodIssues(parsed.error)}`);
    }
    const t = parsed.data;
    const same = and(eq(targets.unitCode, t.unitCode), eq(targets.year, t.year), eq(targets.period, t.period), eq(targets.source, t.source));
    tx.delete(targets).where(same).run();
    const id = newId();
    tx.insert(targets).values({ id, ...t, createdAt: ctx.clock.now() }).run();
    audit(tx, ctx, 'set-target', 'target', id, t);
    const row = listTargets(tx, { unitCode: t.unitCode, year: t.year }, ctx.clock.today()).find((r) => r.id === id);
    if (!row) {
      throw new AppError('internal', 'Không đọc lại được chỉ tiêu vừa lưu.');
    }
    return row;
  });
}

/** Removes one stored target (a wrong entry); the other source's target for that period, if any, applies again. */
export function removeTarget(ctx: ServiceContext, id: string): void {
  ctx.db.transaction((tx) => {
    const row = tx.select().from(targets).where(eq(targets.id, id)).get();
    if (!row) {
      throw new AppError('not-found', 'Không tìm thấy chỉ tiêu.');
    }
    tx.delete(targets).where(eq(targets.id, id)).run();
    audit(tx, ctx, 'remove-target', 'target', id, row);
  });
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
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const days = out.get(r.unit);
    if (days) {
      days.push(r.day);
    } else {
      out.set(r.unit, [r.day]);
    }
  }
  return out;
}
