import { zodResolver } from '@hookform/resolvers/zod';
import { OperationProgressBar } from '../../components/OperationProgressBar';
import { useProgressCall } from '../../lib/progress';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { call, errorMessage } from '../../api';
import { useSession } from '../../app/session';
import { Field, FormError } from '../../components/Field';
import { todayIso } from '../../lib/form';
import { formatBytes, formatViMoment } from '../../../../electron/core/model/format';
import { newPassphrase, PASSPHRASE_HINT } from '../../lib/passphrase';
import { RestoreBackup, type Restored } from './RestoreBackup';
import { UnitProfile } from './UnitProfile';
import { useFormFailure } from '../../lib/use-form-failure';

const passphraseSchema = z
  .object({
    current: z.string().min(1, 'Nhập mật khẩu hiện tại.'),
    next: newPassphrase,
    confirm: z.string(),
  })
  .refine((v) => v.confirm === v.next, { path: ['confirm'], message: 'Hai lần nhập mật khẩu mới không khớp nhau.' });

function ChangePassphrase() {
  const [done, setDone] = useState(false);
  const form = useForm<z.input<typeof passphraseSchema>>({
    resolver: zodResolver(passphraseSchema),
    defaultValues: { current: '', next: '', confirm: '' },
  });
  const [failure, setFailure, fail] = useFormFailure(form, ['confirm', 'current', 'next']);
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (v) => {
    setFailure(null);
    setDone(false);
    try {
      await call('session:change-passphrase', { current: v.current, next: v.next });
      form.reset();
      setDone(true);
    } catch (err) {
      fail(err);
    }
  });
  return (
    <form className="card section" onSubmit={submit} noValidate aria-labelledby="passphrase-title">
      <h2 id="passphrase-title">Đổi mật khẩu</h2>
      <p className="lead">Mã khôi phục đã ghi lại vẫn dùng được sau khi đổi mật khẩu.</p>
      <div className="form-grid three">
        <Field label="Mật khẩu hiện tại" error={errors.current?.message}>
          <input type="password" {...form.register('current')} autoComplete="current-password" />
        </Field>
        <Field label="Mật khẩu mới" error={errors.next?.message} hint={PASSPHRASE_HINT}>
          <input type="password" {...form.register('next')} autoComplete="new-password" />
        </Field>
        <Field label="Nhập lại mật khẩu mới" error={errors.confirm?.message}>
          <input type="password" {...form.register('confirm')} autoComplete="new-password" />
        </Field>
      </div>
      <FormError message={failure} />
      {done ? <p className="notice">Đã đổi mật khẩu. Lần mở khóa sau hãy dùng mật khẩu mới.</p> : null}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          Đổi mật khẩu
        </button>
      </div>
    </form>
  );
}

function Backup() {
  const { status } = useSession();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ path: string; bytes: number } | null>(null);
  const tracked = useProgressCall();
  const backup = async () => {
    setBusy(true);
    setFailure(null);
    setSaved(null);
    try {
      const defaultName = `ptdv-${status.unit?.code ?? 'sao-luu'}-${todayIso()}.ptdvbak`;
      const path = await call('system:choose-path', { mode: 'save', title: 'Lưu bản sao lưu', defaultName });
      if (path) {
        setSaved(await tracked.run('backup:create', { path }));
      }
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card section" aria-labelledby="backup-title">
      <h2 id="backup-title">Sao lưu dữ liệu</h2>
      <p className="lead">
        Bản sao lưu vẫn được mã hóa và mở bằng mật khẩu (hoặc mã khôi phục) tại thời điểm sao lưu. Nên chép bản sao lưu
        ra USB hoặc ổ đĩa khác thường xuyên.
      </p>
      <p>
        Thư mục dữ liệu: <code>{status.dataDir}</code>
      </p>
      <FormError message={failure} />
      <OperationProgressBar progress={tracked.progress} label="Tiến độ sao lưu" />
      {saved ? (
        <p className="notice" data-testid="backup-saved">
          Đã lưu bản sao lưu ({formatBytes(saved.bytes)}) tại: <code>{saved.path}</code>
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={backup} disabled={busy}>
          {busy ? 'Đang sao lưu…' : 'Tạo bản sao lưu'}
        </button>
      </div>
    </section>
  );
}

function Restore() {
  const { replace } = useSession();
  const [restored, setRestored] = useState<Restored | null>(null);
  return (
    <>
      {restored !== null ? (
        <p className="notice" data-testid="restore-done">
          Đã khôi phục bản sao lưu lập lúc {formatViMoment(restored.backupMadeAt)}.{' '}
          {restored.movedAside ? (
            <>
              Dữ liệu đang dùng trước đó được cất lúc {formatViMoment(restored.movedAsideAt)} trong thư mục dữ liệu, với tên <code>{restored.movedAside}</code>.
            </>
          ) : null}
          {restored.archiveKeptAside.length > 0 ? (
            <>
              {' '}
              Trong thư mục <code>luu-tru</code> có {restored.archiveKeptAside.length} tệp khác nội dung với tệp cùng tên
              trong bản sao lưu; chúng không bị xóa mà được giữ lại với tên mới:{' '}
              {restored.archiveKeptAside.map((name, i) => (
                <span key={name}>
                  {i > 0 ? ', ' : null}
                  <code>{name}</code>
                </span>
              ))}
              .
            </>
          ) : null}
        </p>
      ) : null}
      <RestoreBackup
        replacing
        onRestored={(result) => {
          setRestored(result);
          replace(result.status);
        }}
      />
    </>
  );
}

/** The unit's details, passphrase, backups and restore. */
export function SettingsPage() {
  return (
    <section>
      <div className="page-head">
        <h1>Cài đặt</h1>
      </div>
      <UnitProfile />
      <ChangePassphrase />
      <Backup />
      <Restore />
    </section>
  );
}
