import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api';
import type { SessionStatus } from '../../app/session';
import { Field } from '../../components/Field';
import { OperationProgressBar } from '../../components/OperationProgressBar';
import { useProgressCall } from '../../lib/progress';

/** Opens the encrypted database with the passphrase or the recovery code; a wrong one keeps the user here. */
export function UnlockScreen({ onUnlocked }: { onUnlocked: (status: SessionStatus) => void }) {
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Deriving the key takes a moment, and after an upgrade the automatic copy and the migrations take longer: each is
  // a step on the bar.
  const unlocking = useProgressCall();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!secret) {
      setError('Nhập mật khẩu hoặc mã khôi phục.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onUnlocked(await unlocking.run('session:unlock', { secret }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <div className="center-screen">
      <form className="card narrow" onSubmit={submit} noValidate>
        <p className="eyebrow">ptdv — Phát triển đảng viên</p>
        <h1>Mở khóa dữ liệu</h1>
        <p className="lead">Dữ liệu của đơn vị đang được mã hóa. Nhập mật khẩu để tiếp tục làm việc.</p>
        <Field label="Mật khẩu hoặc mã khôi phục" error={error ?? undefined}>
          <input
            type="password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            autoComplete="current-password"
            autoFocus
          />
        </Field>
        <p className="muted">
          Quên mật khẩu? Gõ <strong>mã khôi phục</strong> (trên giấy đã chép khi tạo dữ liệu) vào ô trên; ptdv sẽ mở dữ liệu
          và cho đặt mật khẩu mới ngay.
        </p>
        <OperationProgressBar progress={unlocking.progress} label="Tiến độ mở khóa" />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Đang mở…' : 'Mở khóa'}
          </button>
        </div>
      </form>
    </div>
  );
}
