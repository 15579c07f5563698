import type { Db, DbOrTx } from '../../../db/types';
import { AppError } from '../errors';
import { parsePeriod } from '../model/report';
import { reportReviewSchema, type ReportReview, type ReviewStatus, type ReviewVerdict } from '../model/report-review';
import type { FrozenReportInfo } from '../model/report-records';
import type { DirectiveItem } from '../model/sync';
import { audit, type ServiceContext } from './context';
import { mirrorUnit, queue, toItem } from './directive-service';
import { listFrozenReports } from './report-service';
import { latestFrozenVersion } from '../store/reports';
import { deletePendingReview, markNoteHandled, openRequestRows, receivedNoteRow, REVIEW_KIND, reviewOf, reviewsOf } from '../store/reviews';
import { getSelfUnit } from '../store/units';

/**
 * Work the superior hands a unit outside its findings (docs/reports.md "Duyệt báo cáo", "Yêu cầu của cấp trên"):
 * the verdict on a frozen report, and comments or requests about a candidate the unit marks handled.
 */

export type ReviewInput = { unitCode: string; period: string; verdict: ReviewVerdict; comment?: string | null };

/**
 * At the superior: approves or returns (with a comment) the latest version a unit below sent for `period`; the next
 * directive carries the verdict. A verdict not yet sent may be changed; a sent one stands, and a correction from
 * the unit comes as a new version to review.
 */
export function reviewReport(ctx: ServiceContext, input: ReviewInput): ReviewStatus {
  const unit = mirrorUnit(ctx.db, input.unitCode);
  if (unit.parentCode !== getSelfUnit(ctx.db).code) {
    // Only a direct unit below receives this superior's directives; a unit further down hears from its own committee.
    throw new AppError('conflict', `Đơn vị ${unit.code} không trực thuộc trực tiếp (cấp trên của đơn vị là ${unit.parentCode ?? '—'}): việc duyệt báo cáo do cấp trên trực tiếp làm.`);
  }
  let period: string;
  try {
    period = parsePeriod(input.period).code;
  } catch {
    throw new AppError('validation', `Kỳ báo cáo "${input.period}" không hợp lệ (ví dụ 2026-Q3, 2026-H1, 2026).`);
  }
  const comment = input.comment?.trim() || null;
  if (input.verdict === 'returned' && !comment) {
    throw new AppError('validation', 'Trả lại báo cáo cần ghi ý kiến: đơn vị phải biết cần sửa gì.');
  }
  if (comment && comment.length > 2000) {
    throw new AppError('validation', 'Ý kiến dài quá 2.000 ký tự.');
  }
  const latest = latestFrozenVersion(ctx.db, unit.code, period);
  if (latest === null) {
    throw new AppError('not-found', `Đơn vị ${unit.code} chưa gửi báo cáo ${parsePeriod(period).label}.`);
  }
  const current = reviewOf(reviewsOf(ctx.db, unit.code), period, latest);
  if (current?.sent) {
    throw new AppError('conflict', `Ý kiến về phiên bản ${latest} đã gửi cho đơn vị (${current.verdict === 'approved' ? 'đã duyệt' : 'trả lại'}); nếu cần sửa, đơn vị lập phiên bản mới.`);
  }
  const review: ReportReview = reportReviewSchema.parse({ period, version: latest, verdict: input.verdict, comment });
  return ctx.db.transaction((tx) => {
    // Only the last verdict waits to be sent: changing one's mind before sending leaves no contradictory pair.
    deletePendingReview(tx, unit.code, period);
    const item = queue(ctx, unit.code, REVIEW_KIND, null, review);
    audit(tx, ctx, input.verdict === 'approved' ? 'approve' : 'return', 'report', `${unit.code}:${period}:${latest}`);
    return { ...review, at: item.createdAt, sent: false };
  });
}

/** At the unit: the latest version of each period when the superior returned it, to correct as a new version. */
export function returnedReports(db: Db): FrozenReportInfo[] {
  const self = getSelfUnit(db);
  const latest = new Map<string, FrozenReportInfo>();
  for (const r of listFrozenReports(db, { unitCode: self.code })) {
    const seen = latest.get(r.period);
    if (!seen || seen.version < r.version) {
      latest.set(r.period, r);
    }
  }
  return [...latest.values()].filter((r) => r.review?.verdict === 'returned');
}

/** What the superior's directives asked about candidates here and is not yet handled (one candidate, or all), oldest first. */
export function openRequests(db: DbOrTx, candidateId?: string): DirectiveItem[] {
  const self = getSelfUnit(db);
  return openRequestRows(db, self.code, candidateId)
    .map((r) => toItem(db, r));
}

/** At the unit: marks a comment or request from the superior handled, with an optional answer the next report carries. */
export function resolveRequest(ctx: ServiceContext, input: { id: string; answer?: string | null }): DirectiveItem {
  const answer = input.answer?.trim() || null;
  if (answer && answer.length > 2000) {
    throw new AppError('validation', 'Câu trả lời dài quá 2.000 ký tự.');
  }
  return ctx.db.transaction((tx) => {
    const self = getSelfUnit(tx);
    const row = receivedNoteRow(tx, input.id, self.code);
    if (!row) {
      throw new AppError('not-found', 'Không có ý kiến hay yêu cầu nào của cấp trên với mã này.');
    }
    if (row.resolvedAt) {
      throw new AppError('conflict', 'Yêu cầu này đã được đánh dấu đã xử lý.');
    }
    const resolvedAt = ctx.clock.now();
    markNoteHandled(tx, row.id, resolvedAt, answer);
    audit(tx, ctx, 'resolve', 'directive-item', row.id);
    return toItem(tx, { ...row, resolvedAt, answer });
  });
}
