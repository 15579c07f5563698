import type { FrozenReportInfo } from '../../../../electron/core/model/report-records';

/** The superior's verdict on one frozen version, as both sides show it. */
export function ReviewBadge({ info, superior }: { info: FrozenReportInfo; superior: boolean }) {
  const review = info.review;
  if (!review) {
    return <span className={superior ? 'badge badge-warm' : 'muted'}>{superior ? 'Chờ duyệt' : '—'}</span>;
  }
  const unsent = superior && !review.sent ? ' (chờ gửi)' : '';
  if (review.verdict === 'approved') {
    return (
      <span data-testid="review-status">
        <span className="badge badge-success">Đã duyệt{unsent}</span>
        {review.comment ? <span className="detail"> {review.comment}</span> : null}
      </span>
    );
  }
  return (
    <span data-testid="review-status">
      <span className="badge badge-danger">Trả lại{unsent}</span> <span className="review-comment">{review.comment}</span>
    </span>
  );
}
