import type { DbOrTx } from '../../../db/types';
import { AppError, describeInputIssues } from '../errors';
import type { TargetRow } from '../model/report-records';
import { targetSchema, type Target } from '../model/targets';
import { effectiveTargets, targetCount, targetPeriodOrder, targetProgress } from '../domain/reports/targets';
import { audit, newId, type ServiceContext } from './context';
import { admissionDatesByUnit, deleteTarget, deleteTargetsInSlot, fullMembersOn, insertTarget, storedTargets, targetById } from '../store/targets';
import { findSelfUnit, getSelfUnit, getUnit, subtreesBelowSelf } from '../store/units';

/**
 * What `setTarget` accepts: the unit defaults to the own unit, the source to who is setting it (own unit → unit, a
 * unit below → superior).
 */
export type TargetInput = Omit<Target, 'source' | 'unitCode'> & { unitCode?: string; source?: Target['source'] };

/** Full members of one unit at the start of `year` (1 January): the base of a percent target. */
export function fullMembersAtYearStart(db: DbOrTx, unitCode: string, year: number): number {
  return fullMembersOn(db, `${year}-01-01`).get(unitCode) ?? 0;
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
      throw new AppError('validation', `Chỉ tiêu không hợp lệ — ${describeInputIssues(parsed.error.issues)}`);
    }
    const t = parsed.data;
    deleteTargetsInSlot(tx, t);
    const id = newId();
    insertTarget(tx, { id, ...t, createdAt: ctx.clock.now() });
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
    const row = targetById(tx, id);
    if (!row) {
      throw new AppError('not-found', 'Không tìm thấy chỉ tiêu.');
    }
    deleteTarget(tx, id);
    audit(tx, ctx, 'remove-target', 'target', id, row);
  });
}
