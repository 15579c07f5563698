import { formatViDate } from '../../model/dates';
import { AppError } from '../../errors';
import type { Duplicate, Period, Report, UnitGroup, UnitReport } from '../../model/report';
import { REPORT_FORMAT } from '../../model/report';
import { findDuplicates } from './duplicates';
import { finalizeTotal, finalizeUnit, targetTree, type TargetTree } from './finalize';
import type { ReportInput, ReportUnit } from './types';
import type { CountingWindow, UnitAccumulator } from './unit-accumulator';
import { accumulate, newAccumulator } from './unit-accumulator';
import { groupBy } from '../group-by';

/**
 * Builds the report of docs/reports.md for `period`, counting events up to the period end or `asOf`, whichever is
 * earlier: stock per stage at that day, flows and admissions in the period, targets, quality, a quarterly trend of
 * the year and people followed by two units. A total is added when the input has a scope or several units; it
 * always equals the sum of the units. Stages are the rules engine's (docs/rules.md).
 * Pure; throws AppError('validation') when the period starts after `asOf`.
 */
export function buildReport(input: ReportInput, period: Period, asOf: string): Report {
  const window = countingWindow(period, asOf);
  return reportFromCounts({ ...input, counts: input.units.map((unit) => countUnit(unit, window)), duplicates: findDuplicates(input.units) }, period, asOf);
}

/** The days a report of `period` counts as of `asOf`; throws AppError('validation') when the period starts later. */
export function countingWindow(period: Period, asOf: string): CountingWindow {
  if (asOf < period.start) {
    throw new AppError('validation', `Kỳ báo cáo ${period.label} chưa bắt đầu vào ngày ${formatViDate(asOf)}.`);
  }
  return { start: period.start, countedTo: period.end < asOf ? period.end : asOf, yearStart: `${period.year}-01-01` };
}

/** One unit's candidates counted over `window`. */
export function countUnit(unit: ReportUnit, window: CountingWindow): UnitAccumulator {
  const acc = newAccumulator(unit);
  unit.candidates.forEach((c) => accumulate(acc, c, window));
  return acc;
}

/** What a report is made of once each unit is counted: the units' accumulators and the people followed by two units. */
export type CountedInput = Omit<ReportInput, 'units'> & { counts: UnitAccumulator[]; duplicates: Duplicate[] };

/** The report of `period` from units already counted (`countUnit`, or counts kept from an earlier count). */
export function reportFromCounts(input: CountedInput, period: Period, asOf: string): Report {
  const window = countingWindow(period, asOf);
  const accs = input.counts;
  const trees = targetTrees(accs, input.scope?.code ?? null);
  const units = accs.map((acc) => finalizeUnit(acc, period.year, window, undefined, trees.get(acc.unit.code)?.tree));
  const scope = input.scope ?? null;
  const totalScope = scope ?? (units.length > 1 ? { code: 'TONG', name: 'Tổng cộng', level: 'cap-tren' } : null);
  const total = totalScope ? finalizeTotal(accs, totalScope, period.year, window, trees, input.scopeTargets) : null;
  const silent = new Set(input.notReported ?? []);
  const groups = scope ? unitGroups(accs, units, scope.code, (group) => finalizeTotal(group, group[0]!.unit, period.year, window, trees)) : [];
  const sums = summingRows(groups);
  // A committee is measured over its subtree: its own line admitting no one says nothing while its chi bộ admit. One
  // that only sums its chi bộ is not a unit that admits at all: its chi bộ are listed, not it a second time.
  const unitsWithoutAdmission = units
    .filter((u) => (trees.get(u.code)?.tree.dates.length ?? u.quality.admissionsThisYear) === 0 && !silent.has(u.code) && !sums.has(u.code))
    .map((u) => ({ code: u.code, name: u.name }));
  const unitsNotReported = units.filter((u) => silent.has(u.code)).map((u) => ({ code: u.code, name: u.name }));
  return {
    format: REPORT_FORMAT,
    period,
    asOf,
    countedTo: window.countedTo,
    scope,
    units,
    groups,
    total,
    unitsWithoutAdmission,
    unitsNotReported,
    unitsUnconfirmed: [...(input.unconfirmed ?? [])],
    trend: (total ?? units[0])?.trend ?? [],
    duplicates: input.duplicates,
  };
}

/**
 * Per unit, the units of the report below it (its subtree, through `parentCode`) as its targets count them, and the
 * units of the report above it. A flat report (every unit directly under the scope) gives each unit itself alone.
 * The scope's own line (a committee following candidates itself) stays out of the trees: its targets count its own
 * people, as they always have, and the units below keep their place in the total.
 */
function targetTrees(accs: readonly UnitAccumulator[], scopeCode: string | null): Map<string, { tree: TargetTree; above: UnitAccumulator[] }> {
  const byCode = new Map(accs.filter((a) => a.unit.code !== scopeCode).map((a) => [a.unit.code, a]));
  const ancestors = (acc: UnitAccumulator): UnitAccumulator[] => {
    const out: UnitAccumulator[] = [];
    // A visited set keeps a (corrupt) parent loop from running forever.
    const seen = new Set([acc.unit.code]);
    for (let p = byCode.get(acc.unit.parentCode ?? ''); p && !seen.has(p.unit.code); p = byCode.get(p.unit.parentCode ?? '')) {
      seen.add(p.unit.code);
      out.push(p);
    }
    return out;
  };
  const above = new Map(accs.map((a) => [a.unit.code, ancestors(a)]));
  const below = new Map<string, UnitAccumulator[]>(accs.map((a) => [a.unit.code, []]));
  for (const acc of accs) {
    for (const a of above.get(acc.unit.code) ?? []) {
      below.get(a.unit.code)?.push(acc);
    }
  }
  return new Map(accs.map((a) => [a.unit.code, { tree: targetTree(a, below.get(a.unit.code) ?? []), above: above.get(a.unit.code) ?? [] }]));
}

/** Whether a unit's own line has anything to count: a committee that follows no one itself is only its subtree. */
/** Committees whose row in the report only sums the units below it: they follow no one and hold no members themselves. */
function summingRows(groups: readonly UnitGroup[]): Set<string> {
  return new Set(groups.filter((g) => g.units.length > 0 && !g.units.some((u) => u.code === g.code)).map((g) => g.code));
}

/**
 * How many units of the report have figures of their own for its period: the units that sent data, less the committees
 * whose row only sums their chi bộ. "k of n units admitted no one" counts over these, on every screen.
 */
export function unitsWithData(report: Pick<Report, 'units' | 'groups' | 'unitsNotReported'>): number {
  const sums = summingRows(report.groups);
  const silent = new Set(report.unitsNotReported.map((u) => u.code));
  return report.units.filter((u) => !silent.has(u.code) && !sums.has(u.code)).length;
}

function hasOwnFigures(u: UnitReport): boolean {
  return u.candidates > 0 || u.fullMembersAtYearStart > 0 || u.fullMembersNow > 0 || u.stock['du-bi'] > 0;
}

/**
 * A superior's rows per TCCSĐ: each unit of the report whose superior is the scope (or is not in the report) heads
 * a row summing its whole subtree through `parentCode`, with the units below it as its drill-down. A committee's own
 * line joins the drill-down when it follows people itself, without its targets: those are measured over the subtree
 * and stand on the row. The scope's own line, when it follows people itself, is a row of its own.
 */
function unitGroups(
  accs: readonly UnitAccumulator[],
  units: readonly UnitReport[],
  scopeCode: string,
  subtotal: (group: UnitAccumulator[]) => UnitReport,
): UnitGroup[] {
  const byCode = new Map(accs.filter((a) => a.unit.code !== scopeCode).map((a) => [a.unit.code, a]));
  const headOf = (acc: UnitAccumulator): string => {
    let head = acc;
    // A visited set keeps a (corrupt) parent loop from running forever.
    const seen = new Set([acc.unit.code]);
    for (let p = byCode.get(acc.unit.parentCode ?? ''); p && !seen.has(p.unit.code); p = byCode.get(p.unit.parentCode ?? '')) {
      seen.add(p.unit.code);
      head = p;
    }
    return head.unit.code;
  };
  const members = groupBy(accs.keys(), (i) => {
    const acc = accs[i]!;
    return acc.unit.code === scopeCode ? scopeCode : headOf(acc);
  });
  const position = new Map(accs.map((a, i) => [a.unit.code, i]));
  const ordered = [...members].sort(([a], [b]) => position.get(a)! - position.get(b)!);
  return ordered.map(([head, indexes]) => {
    const own = indexes.find((i) => accs[i]!.unit.code === head)!;
    const below = indexes.filter((i) => i !== own);
    if (below.length === 0) {
      return { ...units[own]!, units: [] };
    }
    const ownLine = hasOwnFigures(units[own]!) ? [{ ...units[own]!, targets: [] }] : [];
    const row = subtotal([accs[own]!, ...below.map((i) => accs[i]!)]);
    return { ...row, code: units[own]!.code, name: units[own]!.name, level: units[own]!.level, units: [...ownLine, ...below.map((i) => units[i]!)] };
  });
}
