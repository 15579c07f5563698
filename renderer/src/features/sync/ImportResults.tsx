import { Link } from 'wouter';
import type { ImportOutcome, ImportStatus } from '../../../../electron/core/model/sync';
import { bundleTitle, IMPORT_STATUS, missingText } from './sync-format';

/** One chosen file and what importing it did; `error` when the call itself failed (the file vanished, say). */
export type ImportRow = { file: string; outcome: ImportOutcome | null; error: string | null };

function StatusBadge({ row }: { row: ImportRow }) {
  const status = row.outcome?.status ?? 'rejected';
  const { label, tone } = IMPORT_STATUS[status];
  return <span className={`badge badge-${tone}`}>{label}</span>;
}

function What({ outcome }: { outcome: ImportOutcome | null }) {
  if (!outcome?.kind) {
    return <span className="muted">—</span>;
  }
  return (
    <span className="nowrap">
      {bundleTitle(outcome.kind, outcome.label)} · số {outcome.seq}
    </span>
  );
}

type TableProps = { rows: ImportRow[]; confirmHref: ((unitCode: string) => string) | undefined };

/** Per-file results: what each file was, and in Vietnamese what happened to it or why it was refused. */
export function ImportResultsTable({ rows, confirmHref }: TableProps) {
  return (
    <div className="table-wrap">
      <table className="table import-results" aria-label="Kết quả từng tệp">
        <thead>
          <tr>
            <th>Tệp</th>
            <th>Kết quả</th>
            <th>Đơn vị gửi</th>
            <th>Gói</th>
            <th>Chi tiết</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const o = row.outcome;
            const refused = !o || o.status === 'rejected' || o.status === 'conflict';
            const enrolment = o?.enrolment;
            return (
              <tr key={row.file} data-testid="import-row" data-status={o?.status ?? 'error'}>
                <td className="file-cell">{o?.file ?? row.file}</td>
                <td>
                  <StatusBadge row={row} />
                </td>
                <td>{o?.from ?? <span className="muted">—</span>}</td>
                <td>
                  <What outcome={o} />
                </td>
                <td className={refused ? 'reason reason-bad' : 'reason'}>
                  {row.error ?? o?.message}
                  {o?.code ? <span className="detail"> (mã lỗi {o.code})</span> : null}
                  {enrolment && !enrolment.verified && confirmHref ? (
                    <>
                      {' '}
                      <Link href={confirmHref(enrolment.unitCode)}>Đối chiếu mã vân tay của {enrolment.unitCode} →</Link>
                    </>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const STATUS_ORDER: readonly ImportStatus[] = ['applied', 'duplicate', 'stale', 'conflict', 'rejected'];

/** The batch in a few numbers: files by result, records added/changed/removed/quarantined, warnings, gaps. */
export function ImportSummary({ rows }: { rows: ImportRow[] }) {
  const outcomes = rows.map((r) => r.outcome);
  const byStatus = (status: ImportStatus) => rows.filter((r) => (r.outcome?.status ?? 'rejected') === status).length;
  const total = (key: 'added' | 'changed' | 'removed' | 'quarantined') => outcomes.reduce((sum, o) => sum + (o?.summary?.[key] ?? 0), 0);
  const warnings = outcomes.flatMap((o) => o?.summary?.warnings ?? []);
  const gaps = outcomes.filter((o): o is ImportOutcome => (o?.missing.length ?? 0) > 0);
  return (
    <section className="card section" aria-labelledby="import-summary-title" data-testid="import-summary">
      <h2 id="import-summary-title">Tổng hợp</h2>
      <p className="chip-row">
        {STATUS_ORDER.filter((s) => byStatus(s) > 0).map((s) => (
          <span key={s} className={`badge badge-${IMPORT_STATUS[s].tone}`}>
            {byStatus(s)} tệp: {IMPORT_STATUS[s].label.toLowerCase()}
          </span>
        ))}
      </p>
      <dl className="sync-figures">
        <div>
          <dt>Thêm mới</dt>
          <dd>{total('added')}</dd>
        </div>
        <div>
          <dt>Thay đổi</dt>
          <dd>{total('changed')}</dd>
        </div>
        <div>
          <dt>Xóa bỏ</dt>
          <dd>{total('removed')}</dd>
        </div>
        <div className={total('quarantined') > 0 ? 'figure-bad' : undefined}>
          <dt>Cách ly</dt>
          <dd>{total('quarantined')}</dd>
        </div>
      </dl>
      {gaps.map((o) => (
        <p key={o.file} className="warning">
          Chưa nhận được từ {o.from} các gói số {missingText(o.missing)}. Dữ liệu đã theo gói mới nhất; gói thiếu chỉ cần để đối chiếu.
        </p>
      ))}
      {warnings.length > 0 ? (
        <ul className="warning-list" aria-label="Cảnh báo">
          {warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
