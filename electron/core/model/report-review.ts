import { z } from 'zod';
import type { DirectiveNote } from './bundle-data';
import { parsePeriod } from './report';

/**
 * The superior's verdict on a unit's frozen report (docs/reports.md "Duyệt báo cáo"). On the wire it travels as a
 * `comment` note of the directive (docs/bundle-format.md "Duyệt báo cáo trong gói chỉ đạo"): a unit whose app predates
 * reviews shows it as a comment and applies the rest of the directive; a newer unit recognises the note by its id.
 */

export const REVIEW_VERDICTS = ['approved', 'returned'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

export const reportReviewSchema = z.strictObject({
  period: z.string().min(1).max(20),
  version: z.number().int().min(1).max(1000),
  verdict: z.enum(REVIEW_VERDICTS),
  comment: z.string().max(2000).nullable(),
});
export type ReportReview = z.infer<typeof reportReviewSchema>;

/** The review as the unit's report list and the superior's unit page show it. */
export const reviewStatusSchema = reportReviewSchema.extend({
  /** When the superior recorded it. */
  at: z.string(),
  /** At the superior: false while it waits for the next directive. At the unit always true. */
  sent: z.boolean(),
});
export type ReviewStatus = z.infer<typeof reviewStatusSchema>;

const NOTE_ID = /^review:(approved|returned):([0-9A-Z-]{4,12}):(\d{1,4})$/;

/** The sentence an older unit shows; a newer unit takes the superior's comment back out of it. */
export function reviewText(review: Pick<ReportReview, 'period' | 'version' | 'verdict' | 'comment'>): string {
  const what = `Báo cáo ${parsePeriod(review.period).label} (phiên bản ${review.version})`;
  return review.verdict === 'approved' ? `${what}: cấp trên đã duyệt.${review.comment ? ` ${review.comment}` : ''}` : `${what}: cấp trên trả lại — ${review.comment ?? ''}`;
}

/** The carrier note of a review. */
export function reviewNote(review: ReportReview): DirectiveNote {
  return { id: `review:${review.verdict}:${review.period}:${review.version}`, kind: 'comment', candidateId: null, text: reviewText(review) };
}

/** The review a carrier note stands for, or null for an ordinary comment. */
export function reviewFromNote(note: DirectiveNote): ReportReview | null {
  const m = NOTE_ID.exec(note.id);
  if (!m || note.kind !== 'comment' || note.candidateId !== null) {
    return null;
  }
  const verdict = m[1] as ReviewVerdict;
  const period = m[2] ?? '';
  const version = Number(m[3]);
  try {
    parsePeriod(period);
  } catch {
    return null;
  }
  const prefix = reviewText({ period, version, verdict, comment: null });
  const rest = note.text.startsWith(prefix) ? note.text.slice(prefix.length).trim() : note.text;
  const review = reportReviewSchema.safeParse({ period, version, verdict, comment: rest === '' ? null : rest });
  return review.success ? review.data : null;
}
