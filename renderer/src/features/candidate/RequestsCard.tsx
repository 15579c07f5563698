import { useState } from 'react';
import { Link } from 'wouter';
import { issuerText, type DirectiveItem } from '../../../../electron/core/model/sync';
import { call, errorMessage } from '../../api';
import { Field, FormError } from '../../components/Field';
import { formatViDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { checksChanged } from '../checks/attention';

const KIND_LABELS: Readonly<Record<string, string>> = { comment: 'Ý kiến của cấp trên', 'request-dossier': 'Cấp trên đề nghị bổ sung hồ sơ' };

/** One open request: marked "Đã xử lý" with an optional answer, which the next report to the superior carries. */
function OpenRequest({ item, showName, onResolved }: { item: DirectiveItem; showName: boolean; onResolved: () => void }) {
  const [answering, setAnswering] = useState(false);
  const [answer, setAnswer] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const resolve = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await call('directives:resolve', { id: item.id, answer: answer.trim() || undefined });
      onResolved();
      checksChanged();
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li data-testid="superior-request" className="request-item">
      <div>
        <span className="badge badge-warm">{KIND_LABELS[item.kind] ?? 'Cấp trên'}</span>{' '}
        {showName && item.candidateId ? (
          <Link href={`/candidates/${item.candidateId}`}>
            <strong>{item.candidateName ?? 'Người vào Đảng'}</strong>
          </Link>
        ) : null}
        {showName ? ': ' : ' '}
        <span className="request-text">{item.text}</span>
        <span className="detail" data-testid="request-issuer">
          {' '}
          · {issuerText(item)} · nhận {formatViDateTime(item.createdAt)}
        </span>
      </div>
      {answering ? (
        <div className="inline-form">
          <Field label="Trả lời cấp trên (không bắt buộc)" hint="Gửi lên cùng gói báo cáo kế tiếp" wide>
            <textarea value={answer} onChange={(e) => setAnswer(e.target.value)} rows={2} maxLength={2000} autoFocus />
          </Field>
          <FormError message={failure} />
          <div className="actions">
            <button type="button" className="btn" onClick={() => setAnswering(false)}>
              Đóng
            </button>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void resolve()}>
              Xác nhận đã xử lý
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="btn btn-small" onClick={() => setAnswering(true)}>
            Đã xử lý…
          </button>
        </div>
      )}
    </li>
  );
}

/**
 * The superior's comments and requests about candidates not yet handled (one candidate's, or all), where the work
 * is done; hidden when there are none.
 */
export function RequestsCard({ candidateId }: { candidateId?: string }) {
  const [changes, setChanges] = useState(0);
  const list = useLoad(() => call('directives:list-open-requests', candidateId ? { candidateId } : {}), `${candidateId ?? ''}|${changes}`);
  const items = list.data ?? [];
  if (!list.error && items.length === 0) {
    return null;
  }
  return (
    <section className="card section request-card" aria-labelledby="requests-title" data-testid="superior-requests">
      <h2 id="requests-title">Yêu cầu của cấp trên</h2>
      <FormError message={list.error} />
      <ul className="plain-list">
        {items.map((item) => (
          <OpenRequest key={item.id} item={item} showName={!candidateId} onResolved={() => setChanges((n) => n + 1)} />
        ))}
      </ul>
    </section>
  );
}
