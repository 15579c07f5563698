import type { TargetProgress, TrendPoint, UnitReport } from '../../model/report';
import type { Target, TargetPeriod } from '../../model/targets';
import { ROMAN, targetPeriodRange } from '../../model/targets';
import { addCounts, mergeBreakdown } from './admissions';
import type { CountingWindow, UnitAccumulator } from './unit-accumulator';
import { effectiveTargets, targetCount, targetPeriodOrder, targetProgress } from './targets';
import { median, newAccumulator } from './unit-accumulator';

function targetsOfYear(acc: UnitAccumulator, year: number, w: CountingWindow): Target[] {
  return acc.unit.targets
    .filter((t) => t.year === year && targetPeriodRange(year, t.period).start <= w.countedTo)
    .sort((a, b) => targetPeriodOrder(a.period) - targetPeriodOrder(b.period) || a.source.localeCompare(b.source));
}

function trend(dates: readonly string[], year: number, w: CountingWindow): TrendPoint[] {
  const points: TrendPoint[] = [];
  for (let q = 1; q <= 4; q++) {
    const { start, end } = targetPeriodRange(year, `Q${q}` as TargetPeriod);
    if (start > w.countedTo) {
      break;
    }
    const admissions = dates.filter((d) => d >= start && d <= end).length;
    points.push({ quarter: `Q${q}`, label: `Quý ${ROMAN[q - 1]}`, admissions });
  }
  return points;
}

/**
 * What a unit's targets are measured over: the unit and the units of the same report below it (a ĐUCS's chi bộ at
 * the Khối), their full members on 1 January (the base of a percent target) and their admission dates.
 */
export type TargetTree = { fullMembersAtYearStart: number; dates: string[] };

export function targetTree(acc: UnitAccumulator, below: readonly UnitAccumulator[]): TargetTree {
  return {
    fullMembersAtYearStart: below.reduce((sum, b) => sum + b.unit.fullMembersAtYearStart, acc.unit.fullMembersAtYearStart),
    dates: [...acc.yearAdmissionDates, ...below.flatMap((b) => b.yearAdmissionDates)],
  };
}

/** Turns an accumulator into the unit's report section; `tree` is what its targets count over (itself by default). */
export function finalizeUnit(acc: UnitAccumulator, year: number, w: CountingWindow, targets?: TargetProgress[], tree: TargetTree = targetTree(acc, [])): UnitReport {
  const u = acc.unit;
  const dates = acc.yearAdmissionDates;
  return {
    code: u.code,
    name: u.name,
    level: u.level,
    fullMembersAtYearStart: u.fullMembersAtYearStart,
    fullMembersNow: u.fullMembersNow,
    candidates: acc.candidates,
    // The roster's dự bị whom no file follows are probationary members all the same: the stock a committee signs.
    stock: { ...acc.stock, 'du-bi': acc.stock['du-bi'] + u.probationaryOffFile },
    flows: acc.flows,
    admissions: acc.admissions,
    targets: targets ?? targetsOfYear(acc, year, w).map((t) => targetProgress(t, year, targetCount(t, tree.fullMembersAtYearStart), tree.dates, w.countedTo, 1)),
    quality: {
      findings: [...acc.findings]
        .map(([code, f]) => ({ code, severity: f.severity, count: f.count }))
        .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
      medianDaysListingToAdmission: median(acc.listingToAdmission),
      listingToAdmissionCases: acc.listingToAdmission.length,
      medianDaysCeremonyToRecognition: median(acc.ceremonyToRecognition),
      ceremonyToRecognitionCases: acc.ceremonyToRecognition.length,
      admissionsThisYear: dates.length,
    },
    trend: trend(dates, year, w),
  };
}

/**
 * A superior's total: counts are sums of the units, medians are taken over all the units' cases, and each target
 * period sums the units' targets (the superior's assignment where a unit has both its own and the superior's).
 * A period's achievement counts only the admissions of the units that have a target for it, so a unit without one
 * cannot push the total over 100 %; `units` says how many units the sum covers. A unit whose superior in the report
 * (a ĐUCS) has a target for the period is inside that target already, so it is not summed a second time. Where the
 * scope itself has a target for the period (`own`: its resolution or its superior's assignment), that is the total's
 * target, counted over all the units: what the committee handed out below only distributes it.
 */
export function finalizeTotal(
  accs: readonly UnitAccumulator[],
  scope: { code: string; name: string; level: string },
  year: number,
  w: CountingWindow,
  trees: ReadonlyMap<string, { tree: TargetTree; above: readonly UnitAccumulator[] }>,
  own: readonly Target[] = [],
): UnitReport {
  const total = newAccumulator({ ...scope, fullMembersAtYearStart: 0, fullMembersNow: 0, probationaryOffFile: 0, targets: [...own], candidates: [] });
  accs.forEach((acc) => mergeInto(total, acc));
  const ownTargets = new Map(effectiveTargets(targetsOfYear(total, year, w)).map((t) => [t.period, t]));
  const sums = new Map<TargetPeriod, { count: number; units: number; allSuperior: boolean; dates: string[] }>();
  const hasTarget = (acc: UnitAccumulator, period: TargetPeriod) => targetsOfYear(acc, year, w).some((t) => t.period === period);
  for (const acc of accs) {
    const { tree, above } = trees.get(acc.unit.code) ?? { tree: targetTree(acc, []), above: [] };
    for (const t of effectiveTargets(targetsOfYear(acc, year, w))) {
      if (ownTargets.has(t.period) || above.some((a) => hasTarget(a, t.period))) {
        continue;
      }
      const sum = sums.get(t.period) ?? { count: 0, units: 0, allSuperior: true, dates: [] };
      sum.count += targetCount(t, tree.fullMembersAtYearStart);
      sum.units += 1;
      sum.dates.push(...tree.dates);
      sum.allSuperior &&= t.source === 'superior';
      sums.set(t.period, sum);
    }
  }
  const targets = [
    ...[...ownTargets.values()].map((t) => targetProgress(t, year, targetCount(t, total.unit.fullMembersAtYearStart), total.yearAdmissionDates, w.countedTo, 1)),
    ...[...sums].map(([period, s]) => targetProgress({ period, kind: 'count', value: s.count, source: s.allSuperior ? 'superior' : 'unit' }, year, s.count, s.dates, w.countedTo, s.units)),
  ].sort((a, b) => targetPeriodOrder(a.period) - targetPeriodOrder(b.period));
  const candidates = accs.reduce((sum, acc) => sum + acc.candidates, 0);
  return { ...finalizeUnit(total, year, w, targets), candidates };
}

function mergeInto(total: UnitAccumulator, acc: UnitAccumulator): void {
  total.unit.fullMembersAtYearStart += acc.unit.fullMembersAtYearStart;
  total.unit.fullMembersNow += acc.unit.fullMembersNow;
  total.unit.probationaryOffFile += acc.unit.probationaryOffFile;
  addCounts(total.stock, acc.stock);
  addCounts(total.flows, acc.flows);
  mergeBreakdown(total.admissions, acc.admissions);
  total.yearAdmissionDates.push(...acc.yearAdmissionDates);
  total.listingToAdmission.push(...acc.listingToAdmission);
  total.ceremonyToRecognition.push(...acc.ceremonyToRecognition);
  acc.findings.forEach((f, code) => {
    const entry = total.findings.get(code) ?? { severity: f.severity, count: 0 };
    entry.count += f.count;
    entry.severity = entry.severity === 'error' ? 'error' : f.severity;
    total.findings.set(code, entry);
  });
}
