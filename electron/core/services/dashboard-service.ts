import type { Db } from '../../../db/types';
import { STAGE_LABELS } from '../domain/rules/index';
import { DASHBOARD_FORMAT, type Dashboard, type DashboardUnit } from '../model/dashboard';
import { REPORT_STAGES, type Report, type UnitReport } from '../model/report';
import { memoized } from './report-cache';
import { buildUnitReport } from './report-service';

function hasMirrors(db: Db): boolean {
  return db.$client.prepare("SELECT 1 FROM units WHERE origin = 'mirror' LIMIT 1").get() !== undefined;
}

function dashboardUnit(u: UnitReport, duplicates: number): DashboardUnit {
  const year = u.targets.find((t) => t.period === 'year');
  return {
    code: u.code,
    name: u.name,
    candidates: u.candidates,
    fullMembersAtYearStart: u.fullMembersAtYearStart,
    admissions: u.quality.admissionsThisYear,
    target: year ? { targetCount: year.targetCount, achieved: year.achieved, percentAchieved: year.percentAchieved, source: year.source } : null,
    funnel: REPORT_STAGES.map((stage) => ({ stage, label: STAGE_LABELS[stage], count: u.stock[stage] })),
    noAdmissionThisYear: u.quality.admissionsThisYear === 0,
    overdue: u.quality.findings.reduce((sum, f) => sum + f.count, 0),
    findings: u.quality.findings,
    medianDaysListingToAdmission: u.quality.medianDaysListingToAdmission,
    medianDaysCeremonyToRecognition: u.quality.medianDaysCeremonyToRecognition,
    trend: u.trend,
    duplicates,
  };
}

function fromReport(report: Report): Dashboard {
  const duplicates = new Map<string, number>();
  report.duplicates.forEach((d) => d.occurrences.forEach((o) => duplicates.set(o.unitCode, (duplicates.get(o.unitCode) ?? 0) + 1)));
  const units = report.units.map((u) => dashboardUnit(u, duplicates.get(u.code) ?? 0));
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
    duplicates: report.duplicates,
  };
}

/**
 * The superior's dashboard for `year` as of `asOf`, over every mirrored unit (or the own unit when there are none):
 * derived from the year report, so its figures are the report's and it costs nothing once the report is built.
 */
export function buildDashboard(db: Db, input: { year: number; asOf: string }): Dashboard {
  const all = hasMirrors(db);
  return memoized(db, `dashboard|${all}|${input.year}|${input.asOf}`, () => fromReport(buildUnitReport(db, { period: String(input.year), all, asOf: input.asOf })));
}
