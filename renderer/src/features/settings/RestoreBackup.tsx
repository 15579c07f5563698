import { useState, type FormEvent } from 'react';
import { OperationProgressBar } from '../../components/OperationProgressBar';
import { useProgressCall } from '../../lib/progress';
import { errorMessage } from '../../api';
import type { Output } from '../../../../electron/ipc-contract';
import { Dialog } from '../../components/Dialog';
import { Field, FormError } from '../../components/Field';
import { FilePicker } from '../sync/pickers';

export type Restored = Output<'backup:restore'>;

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/**
 * Restores a backup file from inside the app: the app closes its own database first, so nothing is written into the
 * copy that is moved aside, and the data in place now is kept beside it, never deleted.
 */
export function RestoreBackup({ onRestored, replacing = false }: { onRestored: (restored: Restored) => void; replacing?: boolean }) {
  const [path, setPath] = useState<string | null>(null);
  const [secret, setSecret] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const tracked = useProgressCall();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    if (!path) {
      setFailure('Hãy chọn tệp sao lưu trước.');
      return;
    }
    if (!secret) {
      setFailure('Nhập mật khẩu (hoặc mã khôi phục) của bản sao lưu.');
      return;
    }
    // Data in use is about to be replaced: said once more, with where it will be kept, before anything happens.
    if (replacing) {
      setAsking(true);
      return;
    }
    void restore(path);
  };
  const restore = async (path: string) => {
    setAsking(false);
    setBusy(true);
    try {
      const restored = await tracked.run('backup:restore', { path, secret });
      setSecret('');
      onRestored(restored);
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card section" onSubmit={submit} noValidate aria-labelledby="restore-title">
      <h2 id="restore-title">Khôi phục từ bản sao lưu</h2>
      <p className="lead">
        Bản sao lưu được kiểm tra đầy đủ trước khi thay dữ liệu. Dữ liệu hiện tại không bị xóa: nó được giữ lại trong
        thư mục dữ liệu với tên <code>ptdv.db.truoc-khoi-phuc-…</code>. Nếu đang mở ptdv ở cửa sổ khác hoặc đang chạy lệnh
        ptdv, hãy đóng trước.
      </p>
      <FilePicker
        value={path}
        onChange={(chosen) => {
          setPath(chosen);
          setFailure(null);
        }}
        title="Chọn bản sao lưu" button="Chọn tệp sao lưu…" extension="ptdvbak" />
      <Field label="Mật khẩu của bản sao lưu">
        <input type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" />
      </Field>
      <p className="muted">Mật khẩu lúc tạo bản sao lưu, hoặc mã khôi phục của dữ liệu đó.</p>
      <FormError message={failure} />
      <OperationProgressBar progress={tracked.progress} label="Tiến độ khôi phục" />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Đang kiểm tra và khôi phục…' : 'Khôi phục'}
        </button>
      </div>
      {asking && path ? (
        <Dialog title="Thay dữ liệu đang dùng bằng bản sao lưu?" onClose={() => setAsking(false)}>
          <p>
            Dữ liệu đang dùng sẽ được thay bằng bản sao lưu <strong>{baseName(path)}</strong>. Những gì ghi sau lúc sao lưu sẽ không còn
            trong dữ liệu đang dùng; dữ liệu hiện tại không bị xóa mà được cất lại trong thư mục dữ liệu (<code>ptdv.db.truoc-khoi-phuc-…</code>).
          </p>
          <div className="actions">
            <button type="button" className="btn" onClick={() => setAsking(false)}>
              Đóng
            </button>
            <button type="button" className="btn btn-primary" onClick={() => void restore(path)}>
              Thay bằng bản sao lưu
            </button>
          </div>
        </Dialog>
      ) : null}
    </form>
  );
}
