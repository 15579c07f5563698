import { z } from 'zod';
import { isoDate } from './dates';
import { FLOW_KEYS, REPORT_STAGES, duplicateSchema, trendPointSchema } from './report';
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
  /** The TCCSĐ whose row of the report counts this unit (a chi bộ of a đảng ủy cơ sở); null for a row of its own. */
  tccsd: z.strictObject({ code: z.string(), name: z.string() }).nullable(),
  /**
   * For a committee with units below it in the report: its whole subtree (its own people and its chi bộ), as its
   * row in the report counts it. The unit's own figures above stay its own, so the units still add up to the total.
   */
  subtree: z.strictObject({ units: n, candidates: n, admissions: n }).nullable(),
});
export type DashboardUnit = z.infer<typeof dashboardUnitSchema>;

/** What every dashboard answer starts with: the year shown, the day asked for and the last day counted. */
const dashboardHeader = { format: z.literal(DASHBOARD_FORMAT), year: z.number().int(), asOf: isoDate, countedTo: isoDate };

export const dashboardSchema = z.strictObject({
  ...dashboardHeader,
  scope: z.strictObject({ code: z.string(), name: z.string(), level: z.string() }).nullable(),
  units: z.array(dashboardUnitSchema),
  total: dashboardUnitSchema,
  unitsWithoutAdmission: z.array(z.strictObject({ code: z.string(), name: z.string() })),
  /** Units with figures of their own for the year: what "k of n units admitted no one" counts over (not a ĐUCS that only sums its chi bộ). */
  unitsWithData: z.number().int(),
  unitsNotReported: z.array(z.strictObject({ code: z.string(), name: z.string() })),
  unitsUnconfirmed: z.array(z.strictObject({ code: z.string(), name: z.string() })),
  duplicates: z.array(duplicateSchema),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

/** One candidate of a unit as the superior drills down to it: where they stand, what is wrong, who else follows them. */
export const dashboardCandidateSchema = z.strictObject({
  id: z.string(),
  fullName: z.string(),
  birthDate: isoDate,
  /** Stage on the counting day; null when the candidate's first step comes later. */
  stage: z.enum(REPORT_STAGES).nullable(),
  stageLabel: z.string(),
  listedOn: isoDate.nullable(),
  /** Signing day of the admission decision (what reports count), if any by the counting day. */
  admittedOn: isoDate.nullable(),
  /** Error and overdue findings, as the report counts them. */
  findings: z.array(z.strictObject({ code: z.string(), severity: z.string() })),
  /** The same person (name and birth date) followed by other units. */
  alsoIn: z.array(z.strictObject({ unitCode: z.string(), unitName: z.string(), candidateId: z.string() })),
});
export type DashboardCandidate = z.infer<typeof dashboardCandidateSchema>;

/** Drill-down from the dashboard to one unit: its dashboard row and its candidates in Vietnamese name order. */
export const dashboardUnitDetailSchema = z.strictObject({
  ...dashboardHeader,
  unit: dashboardUnitSchema,
  candidates: z.array(dashboardCandidateSchema),
});
export type DashboardUnitDetail = z.infer<typeof dashboardUnitDetailSchema>;

/** Which number of the dashboard a list of people is behind. */
export const DASHBOARD_COUNTS = ['admissions', 'stage', 'candidates', 'flow', 'period-admissions', 'lead-time'] as const;
/** The two lead times a report measures (Thời gian xử lý hồ sơ): the cases each one counts. */
export const LEAD_TIMES = ['listing-admission', 'ceremony-recognition'] as const;

export const dashboardPeopleQuerySchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  /** One unit; absent, every unit the dashboard counts. */
  unitCode: z.string().trim().min(1).max(32).optional(),
  /** Admissions this year, the candidates at one stage (the funnel), all of a unit's candidates, or a report's flow. */
  count: z.enum(DASHBOARD_COUNTS),
  stage: z.enum(REPORT_STAGES).optional(),
  /** A report's flow (Trong kỳ: …) from `from` (the period's first day) to the counting day. */
  flow: z.enum(FLOW_KEYS).optional(),
  from: isoDate.optional(),
  /**
   * `period-admissions`: admitted from `from` to the counting day, with this trait of the report's breakdown
   * (women, doan-vien, ethnic-minority, religious, non-state-enterprise, business-owner, age:…, education:…,
   * occupation:…); absent, every admission.
   */
  trait: z.string().trim().max(60).regex(/^[a-z0-9:-]+$/).optional(),
  /** `admissions` with `from` and `to`: those of the year whose admission was signed in that window (a quarter of the trend). */
  to: isoDate.optional(),
  /** `lead-time`: the cases one lead time measures from `from` to the counting day. */
  lead: z.enum(LEAD_TIMES).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(0).max(500).default(100),
});
export type DashboardPeopleQuery = z.output<typeof dashboardPeopleQuerySchema>;

export const dashboardPeopleSchema = z.strictObject({
  year: z.number().int(),
  countedTo: isoDate,
  /** How many people the number counts: the number itself. */
  total: n,
  /**
   * Counted besides `total` but not listed: probationary members whom no candidate file follows (entered on the
   * members' roster by hand), which the stage «Đảng viên dự bị» counts as the report does. 0 for any other number.
   */
  offFile: n,
  rows: z.array(
    z.strictObject({
      id: z.string(),
      fullName: z.string(),
      birthDate: isoDate,
      unitCode: z.string(),
      unitName: z.string(),
      stageLabel: z.string(),
      /** The admission decision this year counts, if any. */
      admittedOn: isoDate.nullable(),
    }),
  ),
});
export type DashboardPeople = z.infer<typeof dashboardPeopleSchema>;
