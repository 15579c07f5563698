import { useState } from 'react';
import type { OutboxEntry, ReopenedBundle } from '../../../../electron/core/model/sync';
import { call, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/Field';
import { formatBytes } from '../../../../electron/core/model/format';
import { formatViDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { bundleTitle, countsText, shortSha } from './sync-format';

function ReopenDialog({ reopened, onClose }: { reopened: ReopenedBundle; onClose: () => void }) {
  const { entry } = reopened;
  return (
    <Dialog title={`Gói ${entry.fileName}`} onClose={onClose}>
      <p className="notice">Gói mở lại được bằng khóa của đơn vị và chữ ký số hợp lệ: đây đúng là gói đã gửi.</p>
      <dl className="defs sync-defs">
        <dt>Gửi đến</dt>
        <dd>{entry.toCode}</dd>
        <dt>Loại, kỳ</dt>
        <dd>{bundleTitle(entry.kind, entry.label)}</dd>
        <dt>Số thứ tự</dt>
        <dd>{entry.seq}</dd>
        <dt>Tạo lúc</dt>
        <dd>{formatViDateTime(reopened.createdAt)}</dd>
        <dt>Nội dung</dt>
        <dd>{countsText(reopened.counts)}</dd>
        <dt>SHA-256 của tệp</dt>
        <dd>
          <code className="wrap-code">{entry.sha256}</code>
        </dd>
        <dt>Nối tiếp gói trước</dt>
        <dd>{reopened.prevSha256 ? <code>{shortSha(reopened.prevSha256)}</code> : 'Gói đầu tiên gửi đơn vị này'}</dd>
      </dl>
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={onClose}>
          Đóng
        </button>
      </div>
    </Dialog>
  );
}

/** Every bundle this unit made, newest first: re-open one to see what it carried, or save another copy of it. */
export function OutboxCard() {
  const outbox = useLoad(() => call('bundles:list-outbox', {}), 'outbox');
  const [reopened, setReopened] = useState<ReopenedBundle | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const reopen = async (entry: OutboxEntry) => {
    setFailure(null);
    try {
      setReopened(await call('bundles:reopen', { bundleId: entry.bundleId }));
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };
  const saveCopy = async (entry: OutboxEntry) => {
    setFailure(null);
    setCopied(null);
    try {
      const folder = await call('system:choose-folder', { title: `Lưu bản sao của ${entry.fileName}` });
      if (folder) {
        setCopied((await call('bundles:save-copy', { bundleId: entry.bundleId, path: folder })).path);
      }
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };
  const rows = outbox.data ?? [];
  return (
    <section className="card section" aria-labelledby="outbox-title">
      <h2 id="outbox-title">Các gói đã gửi</h2>
      <p className="lead">ptdv giữ lại mọi gói đã tạo. Nếu USB bị mất hay thư điện tử không tới, lưu lại một bản sao và gửi lại.</p>
      <FormError message={outbox.error ?? failure} />
      {copied ? (
        <p className="notice" role="status">
          Đã lưu bản sao tại: <code>{copied}</code>
        </p>
      ) : null}
      {outbox.data && rows.length === 0 ? <p className="empty">Chưa gửi gói nào. Gói đầu tiên được tạo ở thẻ “Gửi báo cáo” (chi bộ) hoặc khi gửi chỉ đạo cho đơn vị (cấp trên).</p> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label="Các gói đã gửi">
            <thead>
              <tr>
                <th>Tạo lúc</th>
                <th>Tên tệp</th>
                <th>Loại</th>
                <th className="num">Số</th>
                <th className="num">Dung lượng</th>
                <th>SHA-256</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.bundleId} data-testid="outbox-row">
                  <td className="nowrap">{formatViDateTime(e.createdAt)}</td>
                  <td className="file-cell">{e.fileName}</td>
                  <td className="nowrap">{bundleTitle(e.kind, e.label)}</td>
                  <td className="num">{e.seq}</td>
                  <td className="num nowrap">{formatBytes(e.bytes)}</td>
                  <td className="nowrap">
                    <code title={e.sha256}>{shortSha(e.sha256)}</code>
                  </td>
                  <td>
                    <div className="cell-actions">
                      <button type="button" className="btn btn-small" onClick={() => void reopen(e)}>
                        Mở lại
                      </button>
                      <button type="button" className="btn btn-small" onClick={() => void saveCopy(e)}>
                        Lưu bản sao…
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {reopened ? <ReopenDialog reopened={reopened} onClose={() => setReopened(null)} /> : null}
    </section>
  );
}
