import type { SavedBundle } from '../../../../electron/core/model/sync';
import { countsText, shortSha } from './sync-format';

/** What was written, with what the user needs to send it and to answer the superior's questions about it. */
export function SavedResult({ saved, title, testId }: { saved: SavedBundle; title: string; testId: string }) {
  return (
    <div className="notice sync-result" data-testid={testId} role="status">
      <p>
        <strong>{title}</strong> ({countsText(saved.counts)}). Gửi tệp này qua USB hoặc thư điện tử, giữ nguyên tên tệp:
      </p>
      <p className="file-name">{saved.fileName}</p>
      <dl className="defs sync-defs">
        <dt>Đã lưu tại</dt>
        <dd>
          <code>{saved.path}</code>
        </dd>
        <dt>Số thứ tự gói</dt>
        <dd data-testid="saved-seq">{saved.seq}</dd>
        <dt>Mã băm SHA-256</dt>
        <dd>
          <code title={saved.sha256}>{shortSha(saved.sha256)}</code>
        </dd>
      </dl>
    </div>
  );
}
