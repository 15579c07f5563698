import { useState } from 'react';
import { OperationProgressBar } from '../../components/OperationProgressBar';
import { useProgressCall } from '../../lib/progress';
import { Link } from 'wouter';
import type { DirectiveItem, SavedBundle } from '../../../../electron/core/model/sync';
import { call, errorMessage } from '../../api';
import { FormError } from '../../components/Field';
import { formatViDate } from '../../../../electron/core/model/dates';
import { formatViDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { DecisionForm, NoteForm } from './DirectiveForms';
import { FolderPicker } from './pickers';
import { SavedResult } from './SavedResult';
import { DIRECTIVE_ITEM_LABELS, labelOf } from './sync-format';

/** Enough for any real cell; decisions name people of one unit. */
const CANDIDATE_LIMIT = 500;

function PendingList({ items, onRemove }: { items: DirectiveItem[]; onRemove: (item: DirectiveItem) => void }) {
  if (items.length === 0) {
    return <p className="muted">Không có mục nào đang chờ gửi.</p>;
  }
  return (
    <ul className="plain-list pending-list" aria-label="Đang chờ gửi">
      {items.map((item) => (
        <li key={item.id} data-testid="pending-item">
          <span>
            <span className="badge badge-neutral">{labelOf(DIRECTIVE_ITEM_LABELS, item.kind)}</span> {item.text}
            {item.candidateName ? <strong> — {item.candidateName}</strong> : null}
            <span className="detail"> · {formatViDateTime(item.createdAt)}</span>
          </span>
          {item.kind === 'receipt' ? null : (
            <button type="button" className="btn btn-small btn-ghost" onClick={() => onRemove(item)}>
              Bỏ
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * A sent decision or note counts as delivered only once the unit's next report acknowledged its directive. Sent to a
 * unit further below, it went inside the directive to `via`; the unit's acknowledgement never comes here.
 */
export function SentList({ items, via }: { items: DirectiveItem[]; via: { name: string } | null }) {
  if (items.length === 0) {
    return <p className="muted">Chưa gửi quyết định hay ý kiến nào.</p>;
  }
  return (
    <ul className="plain-list pending-list" aria-label="Đã gửi">
      {items.map((item) => (
        <li key={item.id} data-testid="sent-item">
          <span>
            <span className="badge badge-neutral">{labelOf(DIRECTIVE_ITEM_LABELS, item.kind)}</span> {item.text}
            {item.candidateName ? <strong> — {item.candidateName}</strong> : null}
            {item.resolvedAt ? (
              <span className="detail" data-testid="request-answer">
                {' '}
                · Đơn vị đã xử lý ngày {formatViDate(item.resolvedAt.slice(0, 10))}
                {item.answer ? `: ${item.answer}` : ''}
              </span>
            ) : null}
          </span>
          {via && !item.acknowledgedAt ? (
            <span className="badge badge-warm">Đã gửi qua {via.name}, chờ đơn vị xác nhận</span>
          ) : item.acknowledgedAt ? (
            <span className="badge badge-success" title={`Xác nhận lúc ${formatViDateTime(item.acknowledgedAt)}`}>
              Đơn vị đã nhận
            </span>
          ) : (
            <span className="badge badge-warm">Đã gửi, chờ đơn vị xác nhận</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * What goes back to a unit: receipts of its bundles (queued by every import), decisions and comments added here,
 * and, in every directive, the targets, calendar and rulebooks; then the directive file itself. A unit further
 * below (`via` is the direct unit on the way) gets its decisions and comments inside the directive to `via`.
 */
export function DirectiveCard({ unitCode, verified, via, version }: { unitCode: string; verified: boolean; via: { code: string; name: string } | null; version: number }) {
  const [changes, setChanges] = useState(0);
  const pending = useLoad(() => call('directives:list-pending', { unitCode }), `${unitCode}|${version}|${changes}`);
  const sent = useLoad(() => call('directives:list-sent', { unitCode }), `${unitCode}|${version}|${changes}`);
  const candidates = useLoad(() => call('candidates:list', { unitCode, limit: CANDIDATE_LIMIT }), `${unitCode}|${version}`);
  const [folder, setFolder] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tracked = useProgressCall();
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<SavedBundle | null>(null);
  const changed = () => setChanges((n) => n + 1);
  const remove = async (item: DirectiveItem) => {
    setFailure(null);
    try {
      await call('directives:remove-pending', { id: item.id });
      changed();
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };
  const addRules = async () => {
    setFailure(null);
    try {
      await call('directives:add-rules-update', { unitCode });
      changed();
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };
  const make = async () => {
    if (!folder) {
      return;
    }
    setBusy(true);
    setFailure(null);
    setSaved(null);
    try {
      setSaved(await tracked.run('directives:export', { unitCode, path: folder }));
      changed();
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const rows = candidates.data?.rows ?? [];
  return (
    <section className="card section" aria-labelledby="directive-title">
      <h2 id="directive-title">Gửi chỉ đạo cho đơn vị</h2>
      {via ? (
        <p className="lead" data-testid="relay-note">
          Đơn vị này không trực thuộc trực tiếp: các quyết định và ý kiến dưới đây được ký bằng khóa của đơn vị mình và gửi kèm gói chỉ đạo kế
          tiếp cho <Link href={`/${via.code}`}>{via.name}</Link>; {via.name} chuyển nguyên vẹn xuống đơn vị, đơn vị thấy rõ ai ban hành.
        </p>
      ) : (
        <p className="lead">
          Mỗi gói chỉ đạo mang theo các mục đang chờ dưới đây, cùng với chỉ tiêu đã giao cho đơn vị (mục <Link href="~/targets">Chỉ tiêu</Link>), lịch
          ngày nghỉ đã xác nhận và bộ quy tắc mới đã nhập.
        </p>
      )}
      <h3 className="subhead">Đang chờ gửi</h3>
      <FormError message={pending.error ?? candidates.error} />
      {pending.data ? <PendingList items={pending.data} onRemove={(item) => void remove(item)} /> : null}
      <DecisionForm unitCode={unitCode} version={version + changes} onAdded={changed} />
      <NoteForm unitCode={unitCode} candidates={rows} onAdded={changed} />
      {via ? (
        <div className="inline-form">
          <h3 className="subhead">Lịch ngày nghỉ và bộ quy tắc</h3>
          <p className="detail">
            {via.name} chuyển lịch và bộ quy tắc xuống trong gói chỉ đạo của mình. Gửi thêm bản do đơn vị mình ký khi cần đơn vị nhận ngay, không chờ{' '}
            {via.name}.
          </p>
          <FormError message={failure} />
          <div className="actions">
            <button type="button" className="btn" onClick={() => void addRules()}>
              Gửi lịch ngày nghỉ và bộ quy tắc
            </button>
          </div>
        </div>
      ) : (
        <div className="inline-form">
          <h3 className="subhead">Tạo gói chỉ đạo</h3>
          {verified ? (
            <FolderPicker value={folder} onChange={setFolder} title="Chọn nơi lưu gói chỉ đạo" button="Chọn nơi lưu (ví dụ ổ USB)…" />
          ) : (
            <p className="warning">Chưa gửi chỉ đạo được: hãy đối chiếu và xác nhận mã vân tay của đơn vị trước.</p>
          )}
          <FormError message={failure} />
          <OperationProgressBar progress={tracked.progress} label="Tiến độ tạo gói chỉ đạo" />
          <div className="actions">
            <button type="button" className="btn btn-primary" onClick={() => void make()} disabled={busy || !verified || !folder}>
              {busy ? 'Đang tạo gói…' : 'Tạo gói chỉ đạo'}
            </button>
          </div>
          {saved ? <SavedResult saved={saved} title={`Đã tạo gói chỉ đạo số ${saved.seq} cho ${unitCode}`} testId="directive-done" /> : null}
        </div>
      )}
      <h3 className="subhead">Đã gửi</h3>
      <p className="detail">
        {via
          ? 'Đơn vị đã nhận và câu trả lời cho đề nghị hiện ở đây khi báo cáo của đơn vị được chuyển tiếp lên.'
          : 'Một quyết định chỉ coi là đơn vị đã nhận khi gói báo cáo tiếp theo của đơn vị xác nhận đã nhập gói chỉ đạo mang nó.'}
      </p>
      <FormError message={sent.error} />
      {sent.data ? <SentList items={sent.data} via={via} /> : null}
    </section>
  );
}
