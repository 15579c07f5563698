import { z } from 'zod';
import { isoDate } from './dates';
import { REPORT_STAGES, duplicateSchema, trendPointSchema } from './report';
import { TARGET_SOURCES } from './targets';

/**
 * The superior's oversight dashboard (issue 5): per unit and in total, admissions of the year against the year
 * target, the pipeline funnel, units with no admission yet, overdue findings, lead-time medians, the quarterly
 * trend and people followed by two units. Every number comes from the year report, so the two always agree.
 */

const n = z.number().int().min(0);

export const DASHBOARD_FORMAT = 'ptdv.dashboard/1';

export const dashboardTargetSchema = z.strictObject({
  targetCount: n,
  achieved: n,
  /** achieved / targetCount × 100, one decimal; null when the target is 0 people. */
  percentAchieved: z.number().nullable(),
  source: z.enum(TARGET_SOURCES),
});

export const funnelStepSchema = z.strictObject({ stage: z.enum(REPORT_STAGES), label: z.string(), count: n });

export const dashboardUnitSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  candidates: n,
  fullMembersAtYearStart: n,
  /** Admissions (decision signing dates) from 1 January to the counting day. */
  admissions: n,
  /** The year target as it applies (the superior's when both exist); null when none is set. */
  target: dashboardTargetSchema.nullable(),
  /** Candidates per stage on the counting day, pipeline order, terminal stages last. */
  funnel: z.array(funnelStepSchema),
  noAdmissionThisYear: z.boolean(),
  /** Candidates' error and overdue findings, all codes together, and the codes by count. */
  overdue: n,
  findings: z.array(z.strictObject({ code: z.string(), severity: z.string(), count: n })),
  medianDaysListingToAdmission: z.number().nullable(),
  medianDaysCeremonyToRecognition: z.number().nullable(),
  trend: z.array(trendPointSchema),
  /** This unit's candidates who are also followed by another unit. */
  duplicates: n,
});
export type DashboardUnit = z.infer<typeof dashboardUnitSchema>;

export const dashboardSchema = z.strictObject({
  format: z.literal(DASHBOARD_FORMAT),
  year: z.number().int(),
  asOf: isoDate,
  countedTo: isoDate,
  scope: z.strictObject({ code: z.string(), name: z.string(), level: z.string() }).nullable(),
  units: z.array(dashboardUnitSchema),
  total: dashboardUnitSchema,
  unitsWithoutAdmission: z.array(z.strictObject({ code: z.string(), name: z.string() })),
  duplicates: z.array(duplicateSchema),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
