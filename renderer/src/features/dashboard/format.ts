/** A median lead time: "124 ngày", or a dash when no case has finished yet. */
export function days(value: number | null): string {
  return value === null ? '—' : `${Math.round(value).toLocaleString('vi-VN')} ngày`;
}

/** Candidates who left the pipeline (stopped, struck off, moved away) are not a step of the funnel. */
export function isPipelineStep(step: { stage: string }): boolean {
  return step.stage !== 'dung' && step.stage !== 'xoa-ten' && step.stage !== 'chuyen-di';
}

/** Findings are counted as of the counting day; the to-do list shows today's, so only a current year opens it. */
export const countsToday = (data: { asOf: string; countedTo: string }) => data.countedTo === data.asOf;
