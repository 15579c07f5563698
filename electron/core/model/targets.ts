import { z } from 'zod';
import { dayFromYmd, daysInMonth, toIso } from '../domain/calendar/days';

/**
 * Admission targets (chỉ tiêu kết nạp, reference.md §7.4): per unit and year, for the whole year, a quarter or a
 * month, as a number of people or as a % of the full members the unit had at the start of the year.
 */

export const TARGET_PERIODS = [
  'year',
  'Q1',
  'Q2',
  'Q3',
  'Q4',
  'M01',
  'M02',
  'M03',
  'M04',
  'M05',
  'M06',
  'M07',
  'M08',
  'M09',
  'M10',
  'M11',
  'M12',
] as const;
export type TargetPeriod = (typeof TARGET_PERIODS)[number];

export const TARGET_KINDS = ['count', 'percent-of-full-members'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** `unit`: set by the unit itself; `superior`: received from the superior's directive. */
export const TARGET_SOURCES = ['unit', 'superior'] as const;
export type TargetSource = (typeof TARGET_SOURCES)[number];

/** A percent above 100 would mean admitting more people than the unit has members: a typo, not a plan. */
export const MAX_PERCENT = 100;
/** The largest number of people a target may ask for (the CLI and XLSX import take it as given up to here). */
export const MAX_COUNT = 100_000;

export const targetSchema = z
  .strictObject({
    unitCode: z.string().trim().min(1).max(32),
    year: z.number().int().min(2000).max(2100),
    period: z.enum(TARGET_PERIODS),
    kind: z.enum(TARGET_KINDS),
    value: z.number().min(0).max(MAX_COUNT),
    source: z.enum(TARGET_SOURCES),
  })
  .refine((t) => t.kind !== 'percent-of-full-members' || t.value <= MAX_PERCENT, {
    message: 'chỉ tiêu theo tỷ lệ phải từ 0 đến 100 (%)',
    path: ['value'],
  })
  .refine((t) => t.kind !== 'count' || Number.isInteger(t.value), {
    message: 'chỉ tiêu theo số lượng phải là số nguyên',
    path: ['value'],
  });
export type Target = z.infer<typeof targetSchema>;

/** First and last ISO day of a target's period within its year. */
export function targetPeriodRange(year: number, period: TargetPeriod): { start: string; end: string } {
  if (period === 'year') {
    return { start: `${year}-01-01`, end: `${year}-12-31` };
  }
  const firstMonth = period.startsWith('Q') ? (Number(period.slice(1)) - 1) * 3 + 1 : Number(period.slice(1));
  const lastMonth = period.startsWith('Q') ? firstMonth + 2 : firstMonth;
  return { start: toIso(dayFromYmd(year, firstMonth, 1)), end: toIso(dayFromYmd(year, lastMonth, daysInMonth(year, lastMonth))) };
}

/** Vietnamese name of a target period: "Năm 2026", "Quý II/2026", "Tháng 03/2026". */
export function targetPeriodLabel(year: number, period: TargetPeriod): string {
  if (period === 'year') {
    return `Năm ${year}`;
  }
  if (period.startsWith('Q')) {
    return `Quý ${ROMAN[Number(period.slice(1)) - 1]}/${year}`;
  }
  return `Tháng ${period.slice(1)}/${year}`;
}

export const ROMAN = ['I', 'II', 'III', 'IV'] as const;
