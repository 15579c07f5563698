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
export function QuarantineCard({ unitCode, version, onChanged }: { unitCode: string; version: number; onChanged: () => void }) {
  const list = useLoad(() => call('quarantine:list', { unitCode }), `${unitCode}|${version}`);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const retry = async (entry: QuarantineEntry) => {
    setFailure(null);
    setResult(null);
    try {
      const r = await call('quarantine:retry', { id: entry.id });
      setResult(r.resolved ? `Đã áp dụng bản ghi ${entry.recordKey}.` : `Bản ghi ${entry.recordKey} vẫn chưa đạt: ${r.reason ?? ''}`);
      list.reload();
      onChanged();
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };
  const rows = list.data ?? [];
  return (
    <section className="card section" aria-labelledby="quarantine-title" data-testid="quarantine">
      <h2 id="quarantine-title">Bản ghi bị cách ly{rows.length > 0 ? ` (${rows.length})` : ''}</h2>
      <FormError message={list.error ?? failure} />
      {result ? (
        <p className="notice" role="status">
          {result}
        </p>
      ) : null}
      {list.data && rows.length === 0 ? <p className="muted">Không có bản ghi nào bị cách ly.</p> : null}
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
    </section>
  );
}
