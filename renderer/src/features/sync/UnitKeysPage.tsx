import { useState } from 'react';
import { Link } from 'wouter';
import type { ImportOutcome, KeyIdentity } from '../../../../electron/core/model/sync';
import { call, errorMessage } from '../../api';
import { useSession } from '../../app/session';
import { FormError } from '../../components/Field';
import { useLoad } from '../../lib/use-load';
import { ConfirmCode } from './ConfirmCode';
import { FilePicker } from './pickers';
import { ReadAloudCode } from './ReadAloudCode';
import { IMPORT_STATUS } from './sync-format';

type Written = { path: string; bytes: number };

/** Saves a text export (trust file, allowed_signers) where the user says, and says where it went. */
function ExportFile({ title, lead, button, defaultName, channel }: { title: string; lead: string; button: string; defaultName: string; channel: 'keys:export-trust' | 'keys:export-allowed-signers' }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [written, setWritten] = useState<Written | null>(null);
  const save = async () => {
    setBusy(true);
    setFailure(null);
    setWritten(null);
    try {
      const path = await call('system:choose-path', { mode: 'save', title, defaultName });
      if (path) {
        setWritten(await call(channel, { path }));
      }
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card section" aria-label={title}>
      <h2>{title}</h2>
      <p className="lead">{lead}</p>
      <FormError message={failure} />
      {written ? (
        <p className="notice" role="status">
          Đã lưu tại: <code>{written.path}</code>
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={busy}>
          {button}
        </button>
      </div>
    </section>
  );
}

/** Accepting a unit's enrolment bundle, then the phone check of its code. */
function AcceptEnrolment() {
  const [file, setFile] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [confirmed, setConfirmed] = useState<KeyIdentity | null>(null);
  const accept = async (path: string) => {
    setFile(path);
    setBusy(true);
    setFailure(null);
    setOutcome(null);
    setConfirmed(null);
    try {
      const result = await call('enrol:accept', { path });
      if (result.status === 'rejected' || !result.enrolment) {
        setFailure(`${IMPORT_STATUS[result.status].label}: ${result.message}`);
      } else {
        setOutcome(result);
      }
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const enrolment = outcome?.enrolment;
  return (
    <>
      <section className="card section" aria-labelledby="accept-title">
        <h2 id="accept-title">Nhận gói đăng ký của đơn vị</h2>
        <p className="lead">Chọn gói đăng ký chi bộ gửi lên (tên tệp có chữ DANGKY). ptdv kiểm tra chữ ký rồi hiện mã vân tay để đối chiếu qua điện thoại.</p>
        <FilePicker value={file} onChange={(path) => void accept(path)} title="Chọn gói đăng ký" button={busy ? 'Đang kiểm tra…' : 'Chọn gói đăng ký…'} extension="ptdv" />
        <FormError message={failure} />
      </section>
      {enrolment && !enrolment.verified && !confirmed ? (
        <ConfirmCode unitCode={enrolment.unitCode} unitName={null} readAloudCode={enrolment.readAloudCode} onConfirmed={setConfirmed} />
      ) : null}
      {enrolment && (enrolment.verified || confirmed) ? (
        <p className="notice" role="status" data-testid="unit-verified">
          Đã xác nhận {confirmed ? `${confirmed.name} (${confirmed.code})` : enrolment.unitCode}. Từ nay ptdv nhận báo cáo của đơn vị này.{' '}
          <Link href={`/${enrolment.unitCode}`}>Xem đơn vị →</Link>
        </p>
      ) : null}
    </>
  );
}

/** The superior's keys: its code, the trust file for its units, enrolments, and the auditors' allowed_signers. */
export function UnitKeysPage() {
  const { status } = useSession();
  const info = useLoad(() => call('keys:get-info', {}), 'keys');
  const own = info.data?.own;
  return (
    <>
      <FormError message={info.error} />
      <section className="card section" aria-labelledby="own-key-title">
        <h2 id="own-key-title">Mã vân tay của đơn vị</h2>
        <p className="lead">Chi bộ thấy mã này khi nhập tệp tin cậy; đọc cho chi bộ khi được hỏi.</p>
        {own ? <ReadAloudCode code={own.readAloudCode} label={`${own.name} (${own.code})`} testId="own-code" /> : <p className="muted">Đang tải…</p>}
      </section>
      <ExportFile
        title="Tệp tin cậy cho đơn vị cấp dưới"
        lead="Gửi tệp này cho các chi bộ (USB hoặc thư điện tử). Chi bộ nhập tệp rồi gửi lại gói đăng ký. Tệp chỉ chứa khóa công khai."
        button="Xuất tệp tin cậy…"
        defaultName={`tin-cay-${status.unit?.code ?? 'cap-tren'}.json`}
        channel="keys:export-trust"
      />
      <AcceptEnrolment />
      <ExportFile
        title="Danh sách khóa đã xác nhận"
        lead="Dành cho người kiểm tra độc lập chữ ký trên các gói dữ liệu mà không cần ptdv (docs/bundle-format.md nêu cách làm)."
        button="Xuất danh sách khóa…"
        defaultName="allowed_signers"
        channel="keys:export-allowed-signers"
      />
    </>
  );
}
