import { useState } from 'react';
import { formatViDate } from '../../../../electron/core/model/dates';
import { parsePeriod } from '../../../../electron/core/model/report';
import type { FrozenReportInfo } from '../../../../electron/core/model/report-records';
import { call, errorMessage } from '../../api';
import { Field, FormError } from '../../components/Field';
import { useLoad } from '../../lib/use-load';
import { ReviewBadge } from './ReviewBadge';

/** The latest version of each period: only it can be reviewed, and only while no verdict on it was sent. */
function latestOfPeriods(rows: FrozenReportInfo[]): Set<string> {
  const latest = new Map<string, FrozenReportInfo>();
  for (const r of rows) {
    if ((latest.get(r.period)?.version ?? 0) < r.version) {
      latest.set(r.period, r);
    }
  }
  return new Set([...latest.values()].map((r) => r.id));
}

type Verdict = 'approved' | 'returned';

/** Approving may carry a comment (what to keep in mind next period); returning must say what to correct. */
function ReviewForm({ info, verdict, onDone, onCancel }: { info: FrozenReportInfo; verdict: Verdict; onDone: () => void; onCancel: () => void }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const approving = verdict === 'approved';
  const submit = async () => {
    setFailure(null);
    if (!approving && !comment.trim()) {
      setError('Ghi rõ đơn vị cần sửa gì trong báo cáo.');
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await call('reports:review', { unitCode: info.unitCode, period: info.period, verdict, ...(comment.trim() ? { comment } : {}) });
      onDone();
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const subject = `báo cáo ${parsePeriod(info.period).label}, phiên bản ${info.version}`;
  return (
    <div className="inline-form" data-testid={approving ? 'approve-form' : 'return-form'}>
      <Field
        label={approving ? `Ý kiến khi duyệt ${subject} (không bắt buộc)` : `Ý kiến trả lại ${subject}`}
        error={error ?? undefined}
        wide
      >
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={2000} autoFocus />
      </Field>
      <FormError message={failure} />
      <div className="actions">
        <button type="button" className="btn" onClick={onCancel}>
          Đóng
        </button>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void submit()}>
          {approving ? 'Duyệt báo cáo' : 'Trả lại báo cáo'}
        </button>
      </div>
    </div>
  );
}

/**
 * At the superior: the reports a unit below froze and sent, every version, with the verdict on each; the latest
 * version of a period is approved or returned here, and the next directive carries the verdict down.
 */
export function ReviewCard({ unitCode, reviewer, onReviewed }: { unitCode: string; reviewer: { code: string; name: string } | null; onReviewed: () => void }) {
  const [changes, setChanges] = useState(0);
  const list = useLoad(() => call('reports:list-frozen', { unitCode }), `${unitCode}|${changes}`);
  const [reviewing, setReviewing] = useState<{ info: FrozenReportInfo; verdict: Verdict } | null>(null);
  const done = () => {
    setReviewing(null);
    setChanges((n) => n + 1);
    onReviewed();
  };
  const rows = list.data ?? [];
  const latest = latestOfPeriods(rows);
  return (
    <section className="card section" aria-labelledby="review-title">
      <h2 id="review-title">Báo cáo đơn vị đã gửi</h2>
      {reviewer ? (
        // A unit further below reports to its own superior, which alone can approve or return it (the service refuses here).
        <p className="lead" data-testid="review-by-direct-superior">
          Báo cáo của đơn vị này do cấp trên trực tiếp của nó, {reviewer.name} ({reviewer.code}), duyệt hoặc trả lại; ở đây chỉ xem.
        </p>
      ) : (
        <p className="lead">Duyệt (có thể kèm ý kiến) hoặc trả lại (phải ghi ý kiến) phiên bản mới nhất của mỗi kỳ; ý kiến được gửi cho đơn vị trong gói chỉ đạo kế tiếp. Đơn vị sửa bằng một phiên bản mới.</p>
      )}
      <FormError message={list.error} />
      {list.data && rows.length === 0 ? <p className="muted">Đơn vị chưa gửi báo cáo nào đã chốt.</p> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label="Báo cáo đơn vị đã gửi">
            <thead>
              <tr>
                <th>Kỳ báo cáo</th>
                <th>Phiên bản</th>
                <th>Số, ngày</th>
                <th>Lý do sửa</th>
                <th>Ý kiến cấp trên</th>
                <th>
                  <span className="sr-only">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const open = reviewer === null && latest.has(r.id) && !r.review?.sent;
                return (
                  <tr key={r.id} data-testid="unit-report-row" data-period={r.period} data-version={r.version}>
                    <td className="nowrap">{parsePeriod(r.period).label}</td>
                    <td className="nowrap">Phiên bản {r.version}</td>
                    <td className="nowrap">
                      <strong>{r.number}</strong>
                      <div className="detail">{formatViDate(r.issuedOn)}</div>
                    </td>
                    <td className="wrap">{r.reason ?? <span className="muted">—</span>}</td>
                    <td className="wrap">
                      <ReviewBadge info={r} superior />
                    </td>
                    <td>
                      {open ? (
                        <div className="cell-actions">
                          <button type="button" className="btn btn-small" onClick={() => setReviewing({ info: r, verdict: 'approved' })} aria-label={`Duyệt báo cáo ${r.period} phiên bản ${r.version}`}>
                            Duyệt…
                          </button>
                          <button type="button" className="btn btn-small" onClick={() => setReviewing({ info: r, verdict: 'returned' })} aria-label={`Trả lại báo cáo ${r.period} phiên bản ${r.version}`}>
                            Trả lại…
                          </button>
                        </div>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {reviewing ? (
        <ReviewForm key={`${reviewing.info.id}-${reviewing.verdict}`} info={reviewing.info} verdict={reviewing.verdict} onDone={done} onCancel={() => setReviewing(null)} />
      ) : null}
    </section>
  );
}
