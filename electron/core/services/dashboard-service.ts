import type { Db } from '../../../db/types';
import { sortKey } from '../domain/names';
import type { ReportCandidate } from '../domain/reports/types';
import { firstDate, isReported } from '../domain/reports/unit-accumulator';
import { unitsWithData } from '../domain/reports/build-report';
import { deriveStage, STAGE_LABELS } from '../domain/rules/index';
import { AppError } from '../errors';
import { DASHBOARD_FORMAT, type Dashboard, type DashboardCandidate, type DashboardUnit, type DashboardUnitDetail } from '../model/dashboard';
import { REPORT_STAGES, type Duplicate, type Report, type UnitReport } from '../model/report';
import { memoized } from './report-cache';
import { buildUnitReport, reportInput } from './report-service';
import { countUnitsBelow } from '../store/units';

const hasMirrors = (db: Db) => countUnitsBelow(db) > 0;

type TreePlace = Pick<DashboardUnit, 'tccsd' | 'subtree'> & { noAdmission: boolean };

/**
 * Where each unit stands in the report's rows per TCCSĐ: the committee a chi bộ is counted under, a committee's
 * subtree, and whether it admitted no one (a committee over its subtree, as the report says it).
 */
function treePlaces(report: Report): Map<string, TreePlace> {
  const without = new Set(report.unitsWithoutAdmission.map((u) => u.code));
  const places = new Map<string, TreePlace>(report.units.map((u) => [u.code, { tccsd: null, subtree: null, noAdmission: without.has(u.code) }]));
  for (const g of report.groups) {
    if (g.units.length === 0) {
      continue;
    }
    places.set(g.code, { ...places.get(g.code)!, subtree: { units: g.units.filter((u) => u.code !== g.code).length, candidates: g.candidates, admissions: g.quality.admissionsThisYear } });
    for (const u of g.units.filter((x) => x.code !== g.code)) {
      places.set(u.code, { ...places.get(u.code)!, tccsd: { code: g.code, name: g.name } });
    }
  }
  return places;
}

function dashboardUnit(u: UnitReport, duplicates: number, place: TreePlace = { tccsd: null, subtree: null, noAdmission: u.quality.admissionsThisYear === 0 }): DashboardUnit {
  const year = u.targets.find((t) => t.period === 'year');
  return {
    code: u.code,
    name: u.name,
    candidates: u.candidates,
    fullMembersAtYearStart: u.fullMembersAtYearStart,
    admissions: u.quality.admissionsThisYear,
    target: year ? { targetCount: year.targetCount, achieved: year.achieved, percentAchieved: year.percentAchieved, source: year.source } : null,
    funnel: REPORT_STAGES.map((stage) => ({ stage, label: STAGE_LABELS[stage], count: u.stock[stage] })),
    noAdmissionThisYear: place.noAdmission,
    overdue: u.quality.findings.reduce((sum, f) => sum + f.count, 0),
    findings: u.quality.findings,
    medianDaysListingToAdmission: u.quality.medianDaysListingToAdmission,
    medianDaysCeremonyToRecognition: u.quality.medianDaysCeremonyToRecognition,
    trend: u.trend,
    duplicates,
    tccsd: place.tccsd,
    subtree: place.subtree,
  };
}

function fromReport(report: Report): Dashboard {
  const duplicates = new Map<string, number>();
  report.duplicates.forEach((d) => d.occurrences.forEach((o) => duplicates.set(o.unitCode, (duplicates.get(o.unitCode) ?? 0) + 1)));
  const places = treePlaces(report);
  const units = report.units.map((u) => dashboardUnit(u, duplicates.get(u.code) ?? 0, places.get(u.code)));
  const total = report.total ? dashboardUnit(report.total, units.reduce((sum, u) => sum + u.duplicates, 0)) : units[0]!;
  return {
    format: DASHBOARD_FORMAT,
    year: report.period.year,
    asOf: report.asOf,
    countedTo: report.countedTo,
    scope: report.scope,
    units,
    total,
    unitsWithoutAdmission: report.unitsWithoutAdmission,
    unitsWithData: unitsWithData(report),
    unitsNotReported: report.unitsNotReported,
    unitsUnconfirmed: report.unitsUnconfirmed,
    duplicates: report.duplicates,
  };
}

/** The year report the dashboard is drawn from: over every mirrored unit, or the own unit when there are none. */
function yearReport(db: Db, input: { year: number; asOf: string }): Report {
  return buildUnitReport(db, { period: String(input.year), all: hasMirrors(db), asOf: input.asOf });
}

/**
 * The superior's dashboard for `year` as of `asOf`, over every mirrored unit (or the own unit when there are none):
 * derived from the year report, so its figures are the report's and it costs nothing once the report is built.
 */
export function buildDashboard(db: Db, input: { year: number; asOf: string }): Dashboard {
  return memoized(db, `dashboard|${input.year}|${input.asOf}`, () => fromReport(yearReport(db, input)));
}

function candidateRow(c: ReportCandidate, countedTo: string, groups: ReadonlyMap<string, Duplicate>, unitCode: string): DashboardCandidate {
  const events = c.events.filter((e) => e.date <= countedTo);
  const stage = events.length > 0 ? deriveStage(events) : null;
  const group = groups.get(c.id);
  return {
    id: c.id,
    fullName: c.profile.fullName,
    birthDate: c.profile.birthDate,
    stage,
    stageLabel: stage ? STAGE_LABELS[stage] : 'Chưa có bước nào đến ngày tính',
    listedOn: firstDate(events, 'LISTED'),
    admittedOn: firstDate(events, 'ADMISSION_DECIDED'),
    findings: c.findings.filter(isReported).map((f) => ({ code: f.code, severity: f.severity })),
    alsoIn: (group?.occurrences ?? []).filter((o) => o.unitCode !== unitCode).map((o) => ({ unitCode: o.unitCode, unitName: o.unitName, candidateId: o.candidateId })),
  };
}

/**
 * Drill-down from the dashboard to one unit: its dashboard row and each of its candidates (stage on the counting
 * day, listing and admission days, what is wrong, which other units follow the same person), in name order. The
 * dashboard reads the units' kept counts; the first unit opened reads every unit's candidates once (memoised), so
 * opening the next costs only its rows.
 */
export function buildDashboardUnit(db: Db, input: { year: number; unitCode: string; asOf: string }): DashboardUnitDetail {
  const dashboard = buildDashboard(db, input);
  const code = input.unitCode.trim().toUpperCase();
  const unit = dashboard.units.find((u) => u.code === code);
  const loaded = reportInput(db, { all: hasMirrors(db), year: input.year, asOf: input.asOf }).units.find((u) => u.code === code);
  if (!unit || !loaded) {
    throw new AppError('not-found', `Đơn vị mã ${input.unitCode} không có trong bảng theo dõi năm ${input.year}.`);
  }
  const groups = new Map<string, Duplicate>();
  dashboard.duplicates.forEach((d) => d.occurrences.forEach((o) => groups.set(o.candidateId, d)));
  const candidates = loaded.candidates
    .map((c) => ({ key: sortKey(c.profile.fullName), row: candidateRow(c, dashboard.countedTo, groups, code) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((c) => c.row);
  return { format: DASHBOARD_FORMAT, year: dashboard.year, asOf: dashboard.asOf, countedTo: dashboard.countedTo, unit, candidates };
}
