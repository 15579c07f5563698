import { ACTIVE_STAGES } from '../../../../electron/core/domain/reports/labels';

/** A median lead time: "124 ngày", or a dash when no case has finished yet. */
export function days(value: number | null): string {
  return value === null ? '—' : `${Math.round(value).toLocaleString('vi-VN')} ngày`;
}

/**
 * The funnel's steps are the report's end-of-period rows: candidates who left (stopped, struck off, moved away) are
 * not a step, nor are those with a file who became full members, a few of the unit's full members that the report
 * and the members list count from the roster (a bar of 5 beside a roster of 19 read as a wrong count).
 */
export function isPipelineStep(step: { stage: string }): boolean {
  return (ACTIVE_STAGES as readonly string[]).includes(step.stage);
}

/** Findings are counted as of the counting day; the to-do list shows today's, so only a current year opens it. */
export const countsToday = (data: { asOf: string; countedTo: string }) => data.countedTo === data.asOf;
