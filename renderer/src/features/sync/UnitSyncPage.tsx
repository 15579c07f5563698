import { useState } from 'react';
import { Link } from 'wouter';
import type { ImportOutcome, UnitDetail } from '../../../../electron/core/model/sync';
import { call, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field, FormError } from '../../components/Field';
import { todayIso } from '../../lib/form';
import { formatViDateTime } from '../../lib/format';
import { todoHref } from '../../lib/drill-down';
import { useLoad } from '../../lib/use-load';
import { AcceptNumbering } from './AcceptNumbering';
import { ConfirmCode } from './ConfirmCode';
import { ReviewCard } from '../reports/ReviewCard';
import { DirectiveCard } from './DirectiveCard';
import { MoveOutCard } from './MoveOut';
import { PendingChange } from './PendingChange';
import { QuarantineCard } from './QuarantineCard';
import { ReadAloudCode } from './ReadAloudCode';
import { bundleTitle, IMPORT_STATUS, missingText } from './sync-format';
import { forwardedVia, KeyStateBadge, LastBundle } from './UnitsListPage';

/** Revoking is for a lost or stolen computer: say what it does, and make the user type the unit's code. */
function RevokeDialog({ code, name, onClose, onRevoked }: { code: string; name: string; onClose: () => void; onRevoked: () => void }) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const revoke = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await call('keys:revoke', { unitCode: code });
      onRevoked();
    } catch (err) {
      setFailure(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Thu hồi khóa của ${name}`} onClose={onClose}>
      <div className="warning">
        <p>
          Chỉ thu hồi khi máy tính của chi bộ bị mất, bị đánh cắp hoặc khóa bị lộ. Sau khi thu hồi, <strong>mọi gói ký bằng khóa này đều bị từ chối</strong>
          , kể cả gói chi bộ gửi thật. Chi bộ phải đổi khóa và đăng ký lại, hai bên đối chiếu mã vân tay mới.
        </p>
        <p>Dữ liệu đã nhận của đơn vị vẫn được giữ nguyên. Không thể hoàn tác.</p>
      </div>
      <Field label={`Gõ mã đơn vị ${code} để xác nhận`}>
        <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
      </Field>
      <FormError message={failure} />
      <div className="actions">
        <button type="button" className="btn" onClick={onClose}>
          Đóng
        </button>
        <button type="button" className="btn btn-danger" onClick={() => void revoke()} disabled={busy || typed.trim().toUpperCase() !== code}>
          Thu hồi khóa
        </button>
      </div>
    </Dialog>
  );
}

function StateCard({ detail, onRevoke }: { detail: UnitDetail; onRevoke: () => void }) {
  const { unit } = detail;
  const year = todayIso().slice(0, 4);
  return (
    <section className="card section" aria-labelledby="unit-state-title" data-testid="unit-state">
      <h2 id="unit-state-title">Tình trạng</h2>
      <dl className="defs sync-defs">
        <dt>Khóa của đơn vị</dt>
        <dd>
          <KeyStateBadge state={unit.keyState} via={unit.path.at(-1)} />
        </dd>
        <dt>Gói gần nhất đã áp dụng</dt>
        <dd>
          <LastBundle last={unit.lastBundle} forwarded={unit.forwarded} path={unit.path} />
        </dd>
        <dt>Gói còn thiếu</dt>
        <dd>{unit.missing.length > 0 ? <span className="count-bad">Số {missingText(unit.missing)}</span> : 'Không thiếu gói nào'}</dd>
        <dt>Bản ghi bị cách ly</dt>
        <dd>{unit.quarantined + unit.conflicts}</dd>
        <dt>Hồ sơ người vào Đảng</dt>
        <dd>
          {unit.candidates} người ·{' '}
          {unit.movedOut ? (
            // A unit that moved counts here only in the years that ended before the move: its history is read there.
            <Link href={`~/dashboard/units/${unit.code}/${Number(unit.movedOut.on.slice(0, 4)) - 1}`}>
              Xem hồ sơ và lỗi của đơn vị năm {Number(unit.movedOut.on.slice(0, 4)) - 1}, năm cuối đơn vị được tính ở đây (chỉ xem) →
            </Link>
          ) : (
            <Link href={`~/dashboard/units/${unit.code}/${year}`}>Xem hồ sơ và lỗi của đơn vị (chỉ xem) →</Link>
          )}
        </dd>
      </dl>
      {unit.keyState === 'verified' && unit.readAloudCode ? <ReadAloudCode small code={unit.readAloudCode} label="Mã vân tay đã xác nhận" /> : null}
      {unit.keyState === 'verified' || unit.keyState === 'unverified' ? (
        <div className="actions">
          <button type="button" className="btn btn-danger" onClick={onRevoke}>
            Thu hồi khóa…
          </button>
        </div>
      ) : null}
    </section>
  );
}

function ReceivedCard({ received, via }: { received: UnitDetail['received']; via: string | null }) {
  return (
    <section className="card section" aria-labelledby="received-title">
      <h2 id="received-title">Các tệp đã nhận</h2>
      {received.length === 0 ? (
        <p className="muted">{via ? `Đơn vị không gửi tệp thẳng lên đây: báo cáo của đơn vị đến trong tệp của ${via}, có chữ ký của chính đơn vị.` : 'Chưa nhận tệp nào.'}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Các tệp đã nhận">
            <thead>
              <tr>
                <th>Nhận lúc</th>
                <th>Tên tệp</th>
                <th>Loại, kỳ</th>
                <th className="num">Số</th>
                <th>Kết quả</th>
              </tr>
            </thead>
            <tbody>
              {received.map((r) => {
                const status = IMPORT_STATUS[r.status as keyof typeof IMPORT_STATUS] ?? { label: r.status, tone: 'neutral' };
                return (
                  <tr key={r.sha256}>
                    <td className="nowrap">{formatViDateTime(r.receivedAt)}</td>
                    <td className="file-cell">{r.fileName}</td>
                    <td className="nowrap">{bundleTitle(r.kind, r.label)}</td>
                    <td className="num">{r.seq ?? '—'}</td>
                    <td>
                      <span className={`badge badge-${status.tone}`}>{status.label}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * What the unit said of its own dossiers against what this committee finds re-checking them today, so a unit that
 * leaves errors out of its bundle cannot hide them.
 */
/** The committee's own count opens Việc cần làm on those errors; an unconfirmed unit's is counted nowhere, so not there. */
function RecheckCard({ errors, code, counted }: { errors: UnitDetail['errors']; code: string; counted: boolean }) {
  const checked = `${errors.checked.toLocaleString('vi-VN')} lỗi`;
  const differs = errors.reported !== null && errors.reported !== errors.checked;
  return (
    <section className="card section" aria-labelledby="recheck-title" data-testid="recheck">
      <h2 id="recheck-title">Kiểm tra lại hồ sơ</h2>
      <p data-testid="recheck-summary">
        Đơn vị báo: <strong>{errors.reported === null ? 'chưa báo' : `${errors.reported.toLocaleString('vi-VN')} lỗi`}</strong> · Cấp trên kiểm tra:{' '}
        <strong>
          {counted && errors.checked > 0 ? (
            <Link href={`~${todoHref({ unit: code, severity: 'error' })}`} className="count-link" data-testid="recheck-errors-link">
              {checked}
            </Link>
          ) : (
            checked
          )}
        </strong>
      </p>
      <p className={differs ? 'notice' : 'muted'}>
        {differs
          ? 'Hai kết quả khác nhau: cấp trên tính theo kết quả tự kiểm tra lại. Mở từng hồ sơ để xem phần đơn vị báo bên cạnh.'
          : 'Kết quả kiểm tra của cấp trên khớp với số đơn vị báo.'}
      </p>
    </section>
  );
}

/** One unit below, for the superior: its key, what it sent, what is quarantined, and what goes back to it. */
export function UnitSyncPage({ code }: { code: string }) {
  const [version, setVersion] = useState(0);
  const [revoking, setRevoking] = useState(false);
  const [accepted, setAccepted] = useState<ImportOutcome | null>(null);
  const detail = useLoad(() => call('units:get', { code, limit: 1 }), `${code}|${version}`);
  const reload = () => setVersion((v) => v + 1);
  const unit = detail.data?.unit;
  return (
    <>
      <p>
        <Link href="/">← Đơn vị trực thuộc</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{unit?.name ?? code}</h1>
          <p className="count">
            Mã {code}
            {unit && unit.path.length > 0 ? ` · thuộc ${unit.path.map((p) => p.name).reverse().join(', ')}` : ''} · dữ liệu do đơn vị gửi lên, chỉ xem
          </p>
        </div>
      </div>
      <FormError message={detail.error} />
      {detail.data && unit ? (
        <>
          {unit.keyState === 'unverified' && unit.readAloudCode ? <ConfirmCode unitCode={code} unitName={unit.name} readAloudCode={unit.readAloudCode} onConfirmed={reload} /> : null}
          <PendingChange unit={unit} onConfirmed={reload} />
          {unit.movedOut ? <MoveOutCard unit={unit} onRecorded={reload} /> : null}
          <StateCard detail={detail.data} onRevoke={() => setRevoking(true)} />
          {accepted ? (
            <p className="notice" role="status" data-testid="numbering-accepted">
              Đã chấp nhận cách đánh số mới của đơn vị: {accepted.message}
            </p>
          ) : null}
          {unit.heldAside > 0 ? (
            <AcceptNumbering
              unitCode={code}
              unitName={unit.name}
              heldAside={unit.heldAside}
              onAccepted={(outcome) => {
                setAccepted(outcome);
                reload();
              }}
            />
          ) : null}
          <RecheckCard errors={detail.data.errors} code={code} counted={unit.keyState !== 'unverified'} />
          <ReceivedCard received={detail.data.received} via={forwardedVia(unit)} />
          {/* Keyed by unit: another unit's page number must not carry over. */}
          <QuarantineCard key={code} unitCode={code} version={version} onChanged={reload} />
          <ReviewCard unitCode={code} reviewer={unit.path.at(-1) ?? null} onReviewed={reload} />
          {unit.movedOut ? null : <DirectiveCard unitCode={code} verified={unit.keyState === 'verified'} via={unit.path[0] ?? null} version={version} />}
          {unit.movedOut ? null : <MoveOutCard unit={unit} onRecorded={reload} />}
        </>
      ) : null}
      {revoking && unit ? (
        <RevokeDialog
          code={code}
          name={unit.name}
          onClose={() => setRevoking(false)}
          onRevoked={() => {
            setRevoking(false);
            reload();
          }}
        />
      ) : null}
    </>
  );
}
