import type { DbOrTx } from '../../../db/types';
import { AppError, describeInputIssues } from '../errors';
import { targetCount, targetProgress } from '../domain/reports/targets';
import { parseTargetTableXlsx, targetTableToXlsx } from '../domain/targets/xlsx';
import type { Unit } from '../model/entities';
import { targetTableSaveSchema, type TargetTable, type TargetTableRow, type TargetTableSave } from '../model/target-table';
import { targetPeriodLabel, targetSchema, type Target, type TargetPeriod } from '../model/targets';
import { admissionDatesByUnit, deleteTargetsInSlot, fullMembersOn, insertTarget, periodTargets, targetInSlot } from '../store/targets';
import { getSelfUnit, subtreesBelowSelf, unconfirmedUnitCodes } from '../store/units';
import { audit, newId, type ServiceContext } from './context';
import { targetsFromAbove } from './targets-from-above';

type Stored = Pick<Target, 'unitCode' | 'kind' | 'value' | 'source'>;

const sum = (codes: readonly string[], per: (code: string) => number) => codes.reduce((s, c) => s + per(c), 0);

/**
 * The committee's targets table for one period: per unit directly below, the target it assigned, the unit's own
 * plan, and the admissions of the unit's whole subtree (a ĐUCS row counts its chi bộ as mirrored here) up to
 * `today`; the total over the units with an assigned target; and what is left of the committee's own target.
 */
export function targetTable(db: DbOrTx, input: { year: number; period: TargetPeriod }, today: string): TargetTable {
  const { year, period } = input;
  const self = getSelfUnit(db);
  const yearEnd = `${year}-12-31`;
  const { subtree, ...below } = subtreesBelowSelf(db, today < yearEnd ? today : yearEnd);
  // As on Tổng quan: a unit whose key nobody confirmed is counted nowhere, so it has no row to give a target in.
  const pending = unconfirmedUnitCodes(db);
  const direct = below.direct.filter((u) => !pending.has(u.code));
  const members = fullMembersOn(db, `${year}-01-01`);
  const admissions = admissionDatesByUnit(db, year, today);
  const stored = periodTargets(db, year, period);
  const find = (code: string, source: Target['source']) => stored.find((t) => t.unitCode === code && t.source === source);
  const progress = (t: Stored | undefined, codes: readonly string[], base: number) => {
    const count = t ? targetCount(t, base) : 0;
    const days = codes.flatMap((c) => admissions.get(c) ?? []);
    return { count, ...targetProgress({ period, kind: t?.kind ?? 'count', value: t?.value ?? 0, source: t?.source ?? 'superior' }, year, count, days, today, 1) };
  };
  const shape = (t: Stored | undefined, base: number) => (t ? { kind: t.kind, value: t.value, targetCount: targetCount(t, base) } : null);
  const fromAbove = targetsFromAbove(db, self.code, direct.map((u) => u.code), year, period);

  const rows: TargetTableRow[] = direct.map((u: Unit) => {
    const codes = subtree.get(u.code) ?? [u.code];
    const base = sum(codes, (c) => members.get(c) ?? 0);
    // This committee's own assignment: a split mirrored from below (it names its issuer) is another's.
    const assigned = stored.find((t) => t.unitCode === u.code && t.source === 'superior' && t.issuerCode === null);
    const p = progress(assigned, codes, base);
    return {
      code: u.code,
      name: u.name,
      level: u.level,
      unitsBelow: codes.length - 1,
      fullMembersAtYearStart: base,
      assigned: shape(assigned, base),
      ownPlan: shape(find(u.code, 'unit'), base),
      fromAbove: (fromAbove.get(u.code) ?? []).map((t) => ({ ...t, targetCount: targetCount(t, base) })),
      achieved: p.achieved,
      percentAchieved: assigned ? p.percentAchieved : null,
    };
  });

  const withTarget = rows.filter((r) => r.assigned !== null);
  const totalCount = withTarget.reduce((s, r) => s + (r.assigned?.targetCount ?? 0), 0);
  const totalAchieved = withTarget.reduce((s, r) => s + r.achieved, 0);
  const selfCodes = subtree.get(self.code) ?? [self.code];
  const selfBase = sum(selfCodes, (c) => members.get(c) ?? 0);
  const ownTarget = find(self.code, 'superior') ?? find(self.code, 'unit');
  const ownProgress = progress(ownTarget, selfCodes, selfBase);
  return {
    year,
    period,
    periodLabel: targetPeriodLabel(year, period),
    countedTo: ownProgress.end < today ? ownProgress.end : today,
    self: { code: self.code, name: self.name, level: self.level },
    own: ownTarget ? { kind: ownTarget.kind, value: ownTarget.value, targetCount: ownProgress.count, source: ownTarget.source, achieved: ownProgress.achieved, fullMembersAtYearStart: selfBase } : null,
    rows,
    total: {
      units: rows.length,
      unitsWithTarget: withTarget.length,
      targetCount: totalCount,
      achieved: totalAchieved,
      percentAchieved: totalCount === 0 ? null : Math.round((totalAchieved / totalCount) * 1000) / 10,
      achievedAllUnits: rows.reduce((s, r) => s + r.achieved, 0),
    },
    remainder: ownTarget ? ownProgress.count - totalCount : null,
  };
}

/**
 * Saves a whole table at once: each entry sets (or, with no value, withdraws) the target this committee assigns a
 * unit directly below for the period. Every entry is checked first; one bad entry refuses them all, naming each
 * problem, so nothing changes. Unchanged entries are left alone.
 */
export function saveTargetTable(ctx: ServiceContext, input: TargetTableSave): { changed: number } {
  const parsedInput = targetTableSaveSchema.safeParse(input);
  if (!parsedInput.success) {
    throw new AppError('validation', `Bảng chỉ tiêu không hợp lệ — ${describeInputIssues(parsedInput.error.issues)}`);
  }
  const { year, period, entries } = parsedInput.data;
  return ctx.db.transaction((tx) => {
    const { direct } = subtreesBelowSelf(tx);
    const below = new Map(direct.map((u) => [u.code, u]));
    const pending = unconfirmedUnitCodes(tx);
    const problems: string[] = [];
    const seen = new Set<string>();
    const checked: { unitCode: string; target: Target | null }[] = [];
    for (const e of entries) {
      const unit = below.get(e.unitCode);
      if (!unit) {
        problems.push(`${e.unitCode}: không phải đơn vị trực thuộc (chỉ giao chỉ tiêu cho đơn vị ngay dưới mình)`);
        continue;
      }
      if (pending.has(e.unitCode)) {
        problems.push(`${e.unitCode} (${unit.name}): chưa xác nhận khóa của đơn vị (đọc mã qua điện thoại), nên chưa giao chỉ tiêu được`);
        continue;
      }
      if (seen.has(e.unitCode)) {
        problems.push(`${e.unitCode}: có hai dòng cho cùng đơn vị`);
        continue;
      }
      seen.add(e.unitCode);
      if (e.value === null) {
        checked.push({ unitCode: e.unitCode, target: null });
        continue;
      }
      const parsed = targetSchema.safeParse({ unitCode: e.unitCode, year, period, kind: e.kind, value: e.value, source: 'superior' });
      if (parsed.success) {
        checked.push({ unitCode: e.unitCode, target: parsed.data });
      } else {
        problems.push(`${e.unitCode} (${unit.name}): ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      }
    }
    if (problems.length > 0) {
      throw new AppError('validation', `Chưa lưu bảng chỉ tiêu ${targetPeriodLabel(year, period)}: ${problems.join('. ')}.`);
    }
    let changed = 0;
    for (const { unitCode, target } of checked) {
      const slot = { unitCode, year, period, source: 'superior' as const };
      const before = targetInSlot(tx, slot);
      if (before ? target !== null && before.kind === target.kind && before.value === target.value : target === null) {
        continue;
      }
      deleteTargetsInSlot(tx, slot);
      if (target) {
        const id = newId();
        insertTarget(tx, { id, ...target, createdAt: ctx.clock.now() });
        audit(tx, ctx, 'set-target', 'target', id, target);
      } else if (before) {
        audit(tx, ctx, 'remove-target', 'target', before.id, before);
      }
      changed += 1;
    }
    return { changed };
  });
}

/** The table as an XLSX workbook people fill in and send back (`importTargetTable`). */
export function exportTargetTable(db: DbOrTx, input: { year: number; period: TargetPeriod }, today: string): Promise<Buffer> {
  return targetTableToXlsx(targetTable(db, input, today));
}

/**
 * Reads a filled-in table (the year and period it names, a kind and value per unit) and saves it as `saveTargetTable`
 * does. A code that is not a unit directly below, or a cell that is not a target, refuses the whole file with the row
 * and column named.
 */
export async function importTargetTable(ctx: ServiceContext, bytes: Uint8Array): Promise<{ year: number; period: TargetPeriod; entries: number; changed: number }> {
  const sheet = await parseTargetTableXlsx(bytes);
  const { direct } = subtreesBelowSelf(ctx.db);
  const known = new Set(direct.map((u) => u.code));
  const unknown = sheet.entries.filter((e) => !known.has(e.unitCode));
  if (unknown.length > 0) {
    throw new AppError(
      'validation',
      `Tệp có mã đơn vị không phải đơn vị trực thuộc: ${unknown.map((e) => `dòng ${e.row}, cột ${sheet.codeColumn} (Mã đơn vị): "${e.unitCode}"`).join('; ')}. Không có chỉ tiêu nào được lưu.`,
    );
  }
  const { changed } = saveTargetTable(ctx, { year: sheet.year, period: sheet.period, entries: sheet.entries.map(({ unitCode, kind, value }) => ({ unitCode, kind, value })) });
  return { year: sheet.year, period: sheet.period, entries: sheet.entries.length, changed };
}
