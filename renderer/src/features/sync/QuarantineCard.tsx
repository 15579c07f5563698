import { useState } from 'react';
import type { QuarantineEntry } from '../../../../electron/core/model/sync';
import { call, errorMessage } from '../../api';
import { FormError } from '../../components/Field';
import { formatViDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { labelOf, RECORD_KIND_LABELS, shortSha } from './sync-format';

/**
 * Records of received bundles kept apart because a check failed, each with its reason. Re-trying runs today's
 * checks again (after an update, or once the missing person arrived) and applies the record if they pass.
 */
const count = (n: number) => n.toLocaleString('vi-VN');

/** Rows per page: a unit's broken export may leave a thousand records here, never all on screen at once. */
const PAGE = 50;

export function QuarantineCard({ unitCode, version, onChanged }: { unitCode: string; version: number; onChanged: () => void }) {
  const [offset, setOffset] = useState(0);
  const list = useLoad(() => call('quarantine:list', { unitCode, offset, limit: PAGE }), `${unitCode}|${version}|${offset}`);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const retry = async (entry: QuarantineEntry) => {
    setFailure(null);
    setResult(null);
    try {
      const r = await call('quarantine:retry', { id: entry.id });
      setResult(r.resolved ? `Đã áp dụng bản ghi ${entry.recordKey}.` : `Bản ghi ${entry.recordKey} vẫn chưa đạt: ${r.reason ?? ''}`);
      if (r.resolved && rows.length === 1 && offset > 0) {
        // The last row of the last page is gone: show the page before it.
        setOffset(Math.max(0, offset - PAGE));
      }
      list.reload();
      onChanged();
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  return (
    <section className="card section" aria-labelledby="quarantine-title" data-testid="quarantine">
      <h2 id="quarantine-title">Bản ghi bị cách ly{total > 0 ? ` (${count(total)})` : ''}</h2>
      <FormError message={list.error ?? failure} />
      {result ? (
        <p className="notice" role="status">
          {result}
        </p>
      ) : null}
      {list.data && total === 0 ? <p className="muted">Không có bản ghi nào bị cách ly.</p> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label="Bản ghi bị cách ly">
            <thead>
              <tr>
                <th>Lúc</th>
                <th>Loại</th>
                <th>Bản ghi</th>
                <th>Lý do</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((q) => (
                <tr key={q.id}>
                  <td className="nowrap">{formatViDateTime(q.createdAt)}</td>
                  <td>{labelOf(RECORD_KIND_LABELS, q.recordKind)}</td>
                  <td className="file-cell">
                    {q.recordKey}
                    <span className="detail"> · tệp {shortSha(q.bundleSha256)}</span>
                  </td>
                  <td className="reason reason-bad">{q.reason}</td>
                  <td>
                    {q.retryable ? (
                      <button type="button" className="btn btn-small" onClick={() => void retry(q)}>
                        Thử lại
                      </button>
                    ) : (
                      <span className="detail">Hỏi lại đơn vị</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {total > PAGE ? (
        <div className="actions pager" data-testid="quarantine-pager">
          <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            ← Trang trước
          </button>
          <span className="detail">
            {count(offset + 1)}–{count(Math.min(offset + PAGE, total))} trong {count(total)}
          </span>
          <button type="button" className="btn btn-small" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            Trang sau →
          </button>
        </div>
      ) : null}
    </section>
  );
}
