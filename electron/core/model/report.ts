import { z } from 'zod';
import { AppError } from '../errors';
import { isoDate } from './dates';
import type { UNIT_LEVELS } from './entities';
import { EDUCATION_LEVELS, OCCUPATIONS } from './dossier';
import { dayFromYmd, daysInMonth, toIso } from '../domain/calendar/days';
import { STAGES, type Stage } from '../domain/rules/stage';
import { ROMAN, TARGET_KINDS, TARGET_PERIODS, TARGET_SOURCES } from './targets';

/** Reporting periods (docs/reports.md, reference.md §7.1): year, half-year, nine months, quarter, month. */
export const PERIOD_KINDS = ['year', 'half', 'nine-months', 'quarter', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const periodSchema = z.strictObject({
  /** Canonical text: `2026`, `2026-H1`, `2026-9M`, `2026-Q4`, `2026-03`. */
  code: z.string(),
  kind: z.enum(PERIOD_KINDS),
  year: z.number().int(),
  /** Vietnamese name as printed on reports: "Quý IV năm 2026". */
  label: z.string(),
  start: isoDate,
  end: isoDate,
});
export type Period = z.infer<typeof periodSchema>;

// The hyphen may be left out before a letter: `2026Q3` is how bundle labels write a quarter.
const PERIOD_TEXT = /^(\d{4})(?:-?(H[12]|9M|Q[1-4])|-(\d{2}))?$/;

/**
 * Parses `2026`, `2026-H1`/`H2`, `2026-9M`, `2026-Q1`…`Q4` (also `2026Q1`) or `2026-01`…`12` (case-insensitive).
 * Throws AppError('validation') with a Vietnamese message for anything else.
 */
export function parsePeriod(text: string): Period {
  const m = PERIOD_TEXT.exec(text.trim().toUpperCase());
  const year = Number(m?.[1]);
  const part = m?.[2] ?? m?.[3];
  if (!m || year < 2000 || year > 2100) {
    throw invalidPeriod(text);
  }
  if (part === undefined) {
    return build(`${year}`, 'year', year, `Năm ${year}`, 1, 12);
  }
  if (part === 'H1' || part === 'H2') {
    const first = part === 'H1';
    return build(`${year}-${part}`, 'half', year, `6 tháng ${first ? 'đầu' : 'cuối'} năm ${year}`, first ? 1 : 7, first ? 6 : 12);
  }
  if (part === '9M') {
    return build(`${year}-9M`, 'nine-months', year, `9 tháng đầu năm ${year}`, 1, 9);
  }
  if (part.startsWith('Q')) {
    const q = Number(part.slice(1));
    return build(`${year}-${part}`, 'quarter', year, `Quý ${ROMAN[q - 1]} năm ${year}`, q * 3 - 2, q * 3);
  }
  const month = Number(part);
  if (month < 1 || month > 12) {
    throw invalidPeriod(text);
  }
  return build(`${year}-${part}`, 'month', year, `Tháng ${part} năm ${year}`, month, month);
}

function build(code: string, kind: PeriodKind, year: number, label: string, first: number, last: number): Period {
  return { code, kind, year, label, start: toIso(dayFromYmd(year, first, 1)), end: toIso(dayFromYmd(year, last, daysInMonth(year, last))) };
}

function invalidPeriod(text: string): AppError {
  return new AppError(
    'validation',
    `Kỳ báo cáo "${text}" không hợp lệ. Dùng: 2026 (năm), 2026-H1/2026-H2 (6 tháng), 2026-9M (9 tháng), 2026-Q1…Q4 (quý) hoặc 2026-01…12 (tháng).`,
  );
}

export type UnitLevel = (typeof UNIT_LEVELS)[number];
/** A level as a sentence names it ("chi bộ CB014 báo đổi cấp …"). */
export const UNIT_LEVEL_TEXT: Readonly<Record<UnitLevel, string>> = { 'chi-bo': 'chi bộ', 'dang-bo-co-so': 'đảng bộ cơ sở', 'cap-tren': 'cấp trên' };

/** The rules engine's stages (docs/rules.md), in pipeline order, terminal stages last: the one list every count uses. */
export const REPORT_STAGES = STAGES;
export type ReportStage = Stage;

export const FLOW_KEYS = [
  'proposed',
  'listed',
  'certified',
  'chiBoVoted',
  'admitted',
  'ceremonies',
  'recognized',
  'struckOff',
  'withdrawn',
  'transferredOut',
] as const;
export type FlowKey = (typeof FLOW_KEYS)[number];

export const AGE_GROUPS = ['duoi-18', '18-30', '31-45', '46-60', 'tren-60'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
export const UNKNOWN = 'khong-ro';

const n = z.number().int().min(0);
const counts = <K extends string>(keys: readonly K[]) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, n])) as Record<K, typeof n>);

export const admissionBreakdownSchema = z.strictObject({
  total: n,
  women: n,
  doanVien: n,
  ethnicMinority: n,
  religious: n,
  nonStateEnterprise: n,
  businessOwner: n,
  ageGroups: counts(AGE_GROUPS),
  education: counts([...EDUCATION_LEVELS, UNKNOWN]),
  occupation: counts([...OCCUPATIONS, UNKNOWN]),
});
export type AdmissionBreakdown = z.infer<typeof admissionBreakdownSchema>;

export const targetProgressSchema = z.strictObject({
  period: z.enum(TARGET_PERIODS),
  label: z.string(),
  kind: z.enum(TARGET_KINDS),
  value: z.number(),
  source: z.enum(TARGET_SOURCES),
  start: isoDate,
  end: isoDate,
  /** The target as a number of people (a percent target resolved against full members at the start of the year). */
  targetCount: n,
  /** Admissions from the target period's start to the earlier of its end and the report's counting date. */
  achieved: n,
  /** achieved / targetCount × 100, one decimal; null when the target is 0 people. */
  percentAchieved: z.number().nullable(),
  /** Units whose targets were summed (1 for a unit, more in a superior's total). */
  units: n,
});
export type TargetProgress = z.infer<typeof targetProgressSchema>;

export const qualitySchema = z.strictObject({
  /** Current error and overdue findings of the unit's candidates, by code. */
  findings: z.array(z.strictObject({ code: z.string(), severity: z.string(), count: n })),
  medianDaysListingToAdmission: z.number().nullable(),
  listingToAdmissionCases: n,
  medianDaysCeremonyToRecognition: z.number().nullable(),
  ceremonyToRecognitionCases: n,
  /** Admissions from 1 January to the counting date. */
  admissionsThisYear: n,
});
export type Quality = z.infer<typeof qualitySchema>;

export const trendPointSchema = z.strictObject({ quarter: z.string(), label: z.string(), admissions: n });
export type TrendPoint = z.infer<typeof trendPointSchema>;

export const unitReportSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  fullMembersAtYearStart: n,
  /** Full members on the counting day (`countedTo`), printed "Cuối kỳ: Đảng viên chính thức". */
  fullMembersNow: n,
  candidates: n,
  stock: counts(REPORT_STAGES),
  flows: counts(FLOW_KEYS),
  admissions: admissionBreakdownSchema,
  targets: z.array(targetProgressSchema),
  quality: qualitySchema,
  trend: z.array(trendPointSchema),
});
export type UnitReport = z.infer<typeof unitReportSchema>;

/**
 * A row of a superior's report per unit directly below it (a TCCSĐ: a đảng ủy cơ sở, or a chi bộ directly under
 * the superior): its figures are its whole subtree, and `units` is its drill-down, the chi bộ below it (and the
 * committee's own line when it follows people itself), whose counts sum to the row. Empty for a unit with nothing
 * below it.
 */
export const unitGroupSchema = unitReportSchema.extend({ units: z.array(unitReportSchema) });
export type UnitGroup = z.infer<typeof unitGroupSchema>;

export const duplicateSchema = z.strictObject({
  name: z.string(),
  birthDate: isoDate,
  occurrences: z.array(
    z.strictObject({ unitCode: z.string(), unitName: z.string(), candidateId: z.string(), fullName: z.string(), stage: z.string() }),
  ),
});
export type Duplicate = z.infer<typeof duplicateSchema>;

/**
 * The version of the report document. Frozen reports and reports inside bundles keep the version they were made
 * with; `readReport` migrates an older one forward. Raise it with every change of the document's shape and add the
 * step to `readReport`.
 */
export const REPORT_VERSION = 3;
export const REPORT_FORMAT = `ptdv.report/${REPORT_VERSION}` as const;

const unitRefSchema = z.strictObject({ code: z.string(), name: z.string() });

/** The report document: every number the XLSX, DOCX, HTML/PDF and JSON outputs show. */
export const reportSchema = z.strictObject({
  format: z.literal(REPORT_FORMAT),
  period: periodSchema,
  asOf: isoDate,
  /** Last day counted: the period end, or the as-of day while the period is still running. */
  countedTo: isoDate,
  scope: z.strictObject({ code: z.string(), name: z.string(), level: z.string() }).nullable(),
  /** Every unit of the report with its own figures (a committee's own people only), in code order. */
  units: z.array(unitReportSchema),
  /**
   * A superior's rows per TCCSĐ with their drill-down; the total is the sum of these rows. Empty for a single unit's
   * report, and in a report made before version 3, whose units are all rows of their own.
   */
  groups: z.array(unitGroupSchema),
  /** Sum of the units (medians over all their cases); null for a single-unit report without a scope. */
  total: unitReportSchema.nullable(),
  /** Units that sent a report for the period and admitted no one this year (never a unit that sent nothing). */
  unitsWithoutAdmission: z.array(unitRefSchema),
  /** Enrolled units from which no report for the period was received: no data, which is not zero. */
  unitsNotReported: z.array(unitRefSchema),
  /** Units whose enrolment was never confirmed by reading the code aloud: outside every count, listed apart. */
  unitsUnconfirmed: z.array(unitRefSchema),
  trend: z.array(trendPointSchema),
  duplicates: z.array(duplicateSchema),
});
export type Report = z.infer<typeof reportSchema>;

/** Thrown for a report made by a newer ptdv: it is kept as it is and shown as needing an update. */
export class ReportNeedsUpdate extends Error {
  constructor(readonly format: string) {
    super(`Báo cáo này được lập bằng phiên bản ptdv mới hơn (định dạng ${format}); cần cập nhật ứng dụng để xem.`);
  }
}

const FORMAT_VERSION = /^ptdv\.report\/(\d{1,4})$/;

/**
 * A stored or received report in the current shape: an older version is migrated forward step by step, a newer one
 * throws ReportNeedsUpdate, anything else fails validation like any bad input.
 */
export function readReport(raw: unknown): z.ZodSafeParseResult<Report> {
  const format = (raw as { format?: unknown } | null)?.format;
  const version = typeof format === 'string' ? Number(FORMAT_VERSION.exec(format)?.[1] ?? Number.NaN) : Number.NaN;
  if (version > REPORT_VERSION) {
    throw new ReportNeedsUpdate(String(format));
  }
  let doc = raw;
  if (version === 1) {
    // Version 2 told units that sent nothing and unconfirmed units apart; a version-1 report had no such lists.
    doc = { ...(raw as object), format: 'ptdv.report/2', unitsNotReported: [], unitsUnconfirmed: [] };
  }
  if (version <= 2) {
    // Version 3 grouped a superior's units by TCCSĐ; an older report's units are each a row of their own.
    doc = { ...(doc as object), format: 'ptdv.report/3', groups: [] };
  }
  return reportSchema.safeParse(doc);
}
