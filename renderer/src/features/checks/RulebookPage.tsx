import { useState } from 'react';
import { OperationProgressBar } from '../../components/OperationProgressBar';
import { useProgressCall } from '../../lib/progress';
import { formatViDate } from '../../../../electron/core/model/dates';
import { rulebookName } from '../../../../electron/core/model/format';
import type { RulebookOverview } from '../../../../electron/core/model/checks';
import { call, errorMessage } from '../../api';
import { FormError } from '../../components/Field';
import { ToneIcon } from '../../components/SeverityTag';
import { RULE_LABELS, sourceInWords } from '../../lib/labels';
import { useLoad } from '../../lib/use-load';
import { checksChanged } from './attention';

type Book = RulebookOverview['rulebooks'][number];


function status(book: Book, overview: RulebookOverview): { text: string; tone: string } {
  if (book.version === overview.applied) {
    return { text: 'Đang áp dụng', tone: 'success' };
  }
  if (book.validFrom > overview.asOf) {
    return { text: 'Chưa có hiệu lực', tone: 'info' };
  }
  if (book.validTo !== null && book.validTo < overview.asOf) {
    return { text: 'Hết hiệu lực', tone: 'muted' };
  }
  return { text: 'Còn dùng cho quy tắc chưa sửa đổi', tone: 'neutral' };
}

function Rules({ book }: { book: Book }) {
  return (
    <details className="rulebook-rules">
      <summary>Xem {book.rules} quy tắc và căn cứ</summary>
      <table className="table">
        <thead>
          <tr>
            <th>Quy tắc</th>
            <th>Hiệu lực từ</th>
            <th>Đến</th>
            <th>Căn cứ</th>
          </tr>
        </thead>
        <tbody>
          {book.items.map((r) => (
            <tr key={`${r.id}-${r.validFrom}`}>
              <td>{RULE_LABELS[r.id] ?? r.id}</td>
              <td>{formatViDate(r.validFrom)}</td>
              <td>{r.validTo ? formatViDate(r.validTo) : 'nay'}</td>
              <td className="detail">{sourceInWords(r.source)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function ImportRulebook({ onImported }: { onImported: () => void }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const tracked = useProgressCall();
  const pick = async () => {
    setBusy(true);
    setFailure(null);
    setDone(null);
    try {
      const path = await call('system:choose-path', { mode: 'open', title: 'Chọn tệp bộ quy tắc', defaultName: 'bo-quy-tac.json' });
      if (path) {
        const added = await tracked.run('rules:import-rulebook', { path });
        setDone(`Đã nhập ${rulebookName(added.version)}${added.title ? ` — ${added.title}` : ''}.`);
        onImported();
      }
    } catch (err) {
      const message = errorMessage(err);
      const sentence = /[.!?]$/.test(message) ? message : `${message}.`;
      setFailure(/không được nhập/.test(message) ? `${sentence} Bộ quy tắc đang dùng giữ nguyên.` : `${sentence} Tệp không được nhập; bộ quy tắc đang dùng giữ nguyên.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card section" aria-labelledby="import-title">
      <h2 id="import-title">Nhập bộ quy tắc mới</h2>
      <p className="lead">
        Khi có văn bản mới của Trung ương, cấp trên gửi tệp bộ quy tắc. Tệp được kiểm tra trước khi nhập; bộ quy tắc
        mới chỉ áp dụng cho những việc diễn ra từ ngày nó có hiệu lực, các việc trước đó vẫn xét theo bộ quy tắc cũ.
      </p>
      <FormError message={failure} />
      <OperationProgressBar progress={tracked.progress} label="Tiến độ nhập bộ quy tắc" />
      {done ? <p className="notice">{done}</p> : null}
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={pick} disabled={busy}>
          {busy ? 'Đang kiểm tra tệp…' : 'Chọn tệp bộ quy tắc…'}
        </button>
      </div>
    </section>
  );
}

/** The rulebooks the checks use, their validity, the one applied today, and importing a newer one. */
export function RulebookPage() {
  const overview = useLoad(() => call('rules:list-rulebooks', {}), 'rulebooks');
  const data = overview.data;
  const applied = data?.rulebooks.find((b) => b.version === data.applied);
  return (
    <section>
      <div className="page-head">
        <h1>Bộ quy tắc kiểm tra</h1>
      </div>
      <FormError message={overview.error} />
      {data ? (
        <section className="card section rulebook-current" aria-labelledby="current-title">
          <p className="eyebrow" id="current-title">
            Áp dụng hôm nay, {formatViDate(data.asOf)}
          </p>
          <p className="rulebook-version">
            <ToneIcon tone="ok" />
            Đang áp dụng <strong data-testid="applied-rulebook">{rulebookName(data.applied)}</strong>
          </p>
          {applied?.title ? <p>{applied.title}</p> : null}
          <p className="lead">
            Mỗi việc (chi bộ biểu quyết, ra quyết định, lễ kết nạp…) được kiểm tra theo quy tắc có hiệu lực vào đúng ngày của việc đó.
          </p>
        </section>
      ) : null}
      {data ? (
        <section className="card section" aria-labelledby="versions-title">
          <h2 id="versions-title">Các bộ quy tắc</h2>
          <table className="table rulebooks">
            <thead>
              <tr>
                <th>Bộ quy tắc</th>
                <th>Tên</th>
                <th>Hiệu lực từ</th>
                <th>Đến</th>
                <th>Tình trạng</th>
              </tr>
            </thead>
            <tbody>
              {data.rulebooks.map((book) => {
                const s = status(book, data);
                return (
                  <tr key={book.version} data-testid="rulebook-row">
                    <td className="nowrap">
                      <strong className="first-capital">{rulebookName(book.version)}</strong>
                    </td>
                    <td>
                      {book.title}
                      <Rules book={book} />
                    </td>
                    <td className="nowrap">{formatViDate(book.validFrom)}</td>
                    <td className="nowrap">{book.validTo ? formatViDate(book.validTo) : 'nay'}</td>
                    <td>
                      <span className={`badge badge-${s.tone}`}>{s.text}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ) : null}
      <ImportRulebook
        onImported={() => {
          overview.reload();
          checksChanged();
        }}
      />
    </section>
  );
}
