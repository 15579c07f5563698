import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';

/** How people copy a code by hand: case, spaces and dashes do not matter, nor O for 0 or I and L for 1. */
function plain(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/**
 * Shows the recovery code exactly once. The user can copy or print it, says it is written down, then types back
 * one group of it from the paper: a code copied wrongly is found now, not on the day the passphrase is forgotten.
 */
export function RecoveryCodeScreen({ code, onDone }: { code: string; onDone: () => void }) {
  const groups = code.split('-');
  // Not the first group: the one a hurried reader is most likely to have copied alone.
  const [asked] = useState(() => 1 + Math.floor(Math.random() * Math.max(1, groups.length - 1)));
  const [step, setStep] = useState<'show' | 'confirm'>('show');
  const [written, setWritten] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);

  const copy = () => {
    navigator.clipboard.writeText(code).then(
      () => setCopied('Đã chép mã vào bộ nhớ tạm. Hãy dán vào nơi an toàn (không để trên máy này), rồi chép ra giấy.'),
      () => setCopied('Không chép được vào bộ nhớ tạm; hãy chép mã ra giấy bằng tay.'),
    );
  };
  const confirm = (e: FormEvent) => {
    e.preventDefault();
    if (plain(typed) === plain(groups[asked] ?? '')) {
      onDone();
      return;
    }
    if (plain(typed) === '') {
      setError(`Hãy gõ nhóm thứ ${asked + 1} của mã (4 ký tự), chép từ giấy đã ghi.`);
      return;
    }
    setError(`Nhóm thứ ${asked + 1} chưa khớp với mã. Hãy xem lại giấy đã chép; nếu chép sai, bấm “Xem lại mã” và chép lại.`);
  };

  if (step === 'confirm') {
    return (
      <div className="center-screen">
        <form className="card narrow" onSubmit={confirm} noValidate aria-labelledby="recovery-confirm-title">
          <p className="eyebrow">Kiểm tra mã đã chép</p>
          <h1 id="recovery-confirm-title">Gõ lại một phần mã khôi phục</h1>
          <p className="lead">Nhìn vào giấy bạn vừa chép (mã không còn hiện trên màn hình) và gõ lại nhóm được hỏi.</p>
          <Field label={`Nhóm thứ ${asked + 1} (4 ký tự)`} error={error ?? undefined}>
            <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" autoFocus maxLength={12} className="recovery-part" />
          </Field>
          <div className="actions">
            <button type="button" className="btn" onClick={() => (setStep('show'), setError(null), setTyped(''))}>
              Xem lại mã
            </button>
            <button type="submit" className="btn btn-primary">
              Xác nhận và bắt đầu
            </button>
          </div>
        </form>
      </div>
    );
  }

  return (
    <div className="center-screen">
      <section className="card narrow recovery-sheet" aria-labelledby="recovery-title">
        <p className="eyebrow">Đã tạo cơ sở dữ liệu</p>
        <h1 id="recovery-title">Mã khôi phục</h1>
        <p className="recovery-code" data-testid="recovery-code">
          {code}
        </p>
        <div className="actions recovery-tools">
          <button type="button" className="btn" onClick={copy}>
            Chép mã
          </button>
          <button type="button" className="btn" onClick={() => window.print()}>
            In mã
          </button>
        </div>
        {copied ? (
          <p className="muted" role="status">
            {copied}
          </p>
        ) : null}
        <div className="warning" role="note">
          <strong>Hãy chép mã này ra giấy ngay bây giờ</strong> (hoặc in ra) và cất ở nơi an toàn, tách riêng khỏi máy
          tính. Mã chỉ hiện <strong>một lần duy nhất</strong>. Nếu quên mật khẩu, chỉ mã khôi phục mới mở được dữ liệu;
          mất cả hai thì không ai lấy lại được dữ liệu.
        </div>
        <label className="check check-strong">
          <input type="checkbox" checked={written} onChange={(e) => setWritten(e.target.checked)} />
          <span>Tôi đã ghi lại mã khôi phục</span>
        </label>
        <div className="actions">
          <button type="button" className="btn btn-primary" disabled={!written} onClick={() => setStep('confirm')}>
            Tiếp tục
          </button>
        </div>
      </section>
    </div>
  );
}
