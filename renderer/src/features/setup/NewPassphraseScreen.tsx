import { useState, type FormEvent } from 'react';
import { passphraseProblem } from '../../../../electron/core/domain/passphrase/index';
import { call, errorMessage } from '../../api';
import type { SessionStatus } from '../../app/session';
import { Field, FormError } from '../../components/Field';
import { PASSPHRASE_HINT } from '../../lib/passphrase';

/**
 * Right after unlocking with the recovery code: the old passphrase is presumed forgotten, so the user sets a new
 * one before anything else. The recovery code keeps working; the user may lock instead and come back later.
 */
export function NewPassphraseScreen({ onDone, onLock }: { onDone: (status: SessionStatus) => void; onLock: () => void }) {
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ next?: string; confirm?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const weak = passphraseProblem(next);
    if (weak || next !== confirm) {
      setErrors({ ...(weak ? { next: weak } : {}), ...(next !== confirm ? { confirm: 'Hai lần nhập mật khẩu không khớp nhau.' } : {}) });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      onDone(await call('session:replace-passphrase', { next }));
    } catch (err) {
      setErrors({ form: errorMessage(err) });
      setBusy(false);
    }
  };

  return (
    <div className="center-screen">
      <form className="card narrow" onSubmit={submit} noValidate aria-labelledby="new-passphrase-title">
        <p className="eyebrow">Đã mở bằng mã khôi phục</p>
        <h1 id="new-passphrase-title">Đặt mật khẩu mới</h1>
        <p className="lead">
          Dữ liệu đã mở. Vì bạn dùng mã khôi phục, hãy đặt ngay một mật khẩu mới để dùng từ nay; mật khẩu cũ sẽ không
          còn mở được. Mã khôi phục trên giấy vẫn dùng được như trước, hãy tiếp tục cất giữ.
        </p>
        <Field label="Mật khẩu mới" error={errors.next} hint={PASSPHRASE_HINT}>
          <input type="password" value={next} onChange={(e) => setNext(e.target.value)} autoComplete="new-password" autoFocus />
        </Field>
        <Field label="Nhập lại mật khẩu mới" error={errors.confirm}>
          <input type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" />
        </Field>
        <FormError message={errors.form ?? null} />
        <div className="actions">
          <button type="button" className="btn btn-ghost" onClick={onLock}>
            Khóa lại, để sau
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Đang lưu…' : 'Lưu mật khẩu mới'}
          </button>
        </div>
      </form>
    </div>
  );
}
