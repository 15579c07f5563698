import { z } from 'zod';
import { isoDate } from './dates';
import { reviewStatusSchema } from './report-review';
import { TARGET_KINDS, TARGET_PERIODS, TARGET_SOURCES } from './targets';

/** Shapes of stored targets and frozen reports as services return them and the UI shows them. */

export const REPORT_OUTPUT_FORMATS = ['xlsx', 'docx', 'pdf', 'json'] as const;
export type ReportOutputFormat = (typeof REPORT_OUTPUT_FORMATS)[number];

export const targetRowSchema = z.object({
  id: z.string(),
  unitCode: z.string(),
  year: z.number().int(),
  period: z.enum(TARGET_PERIODS),
  kind: z.enum(TARGET_KINDS),
  value: z.number(),
  source: z.enum(TARGET_SOURCES),
  createdAt: z.string(),
  /**
   * Who gave a target this unit received: its direct superior, or a superior further up whose directive the direct
   * one relayed. Null for what this database set itself (an own plan, or a target it assigned a unit below).
   */
  issuerCode: z.string().nullable(),
  issuerName: z.string().nullable(),
  /**
   * False for a unit's own target when the superior assigned one for the same period (the superior's wins), and for
   * the one received first when two superiors gave one (the latest received applies, docs/targets.md).
   */
  effective: z.boolean(),
  fullMembersAtYearStart: z.number().int(),
  /** The target in people (a percent target resolved against full members on 1 January). */
  targetCount: z.number().int(),
  /** Admissions (decision signing days) in the target's period up to today. */
  achieved: z.number().int(),
  /** achieved / targetCount × 100, one decimal; null when the target is 0 people. */
  percentAchieved: z.number().nullable(),
});
export type TargetRow = z.infer<typeof targetRowSchema>;

/** A report as sent upward: its number, date and version; the content is kept exactly as it was sent. */
export const frozenReportInfoSchema = z.object({
  id: z.string(),
  unitCode: z.string(),
  period: z.string(),
  version: z.number().int().min(1),
  number: z.string(),
  issuedOn: isoDate,
  frozenAt: z.string(),
  /** Why a correction was sent (versions after the first). */
  reason: z.string().nullable(),
  /** The superior's verdict on this version, when it gave one (docs/reports.md "Duyệt báo cáo"). */
  review: reviewStatusSchema.nullable(),
});
export type FrozenReportInfo = z.infer<typeof frozenReportInfoSchema>;
