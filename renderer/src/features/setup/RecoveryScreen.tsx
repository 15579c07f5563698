import { useState } from 'react';
import { call, errorMessage } from '../../api';
import type { SessionStatus } from '../../app/session';
import { FormError } from '../../components/Field';
import { RestoreBackup } from '../settings/RestoreBackup';

/**
 * Shown instead of first-run setup when the data folder still holds data (a copy an earlier restore moved aside, or
 * a database without its key): setting up anew would bury it, so the user restores a backup or takes a copy back.
 */
export function RecoveryScreen({ status, onDone }: { status: SessionStatus; onDone: (status: SessionStatus) => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const reinstate = async (name: string) => {
    setFailure(null);
    try {
      onDone(await call('backup:reinstate', { name }));
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };
  const copies = status.movedAside ?? [];
  return (
    <div className="center-screen">
      <div className="narrow">
        <section className="card section">
          <p className="eyebrow">ptdv — Phát triển đảng viên</p>
          <h1>Cần khôi phục dữ liệu</h1>
          <p className="form-error">{status.problem}</p>
          <p>
            Thư mục dữ liệu: <code>{status.dataDir}</code>. ptdv không tạo dữ liệu mới ở đây để không che mất dữ liệu
            còn lại.
          </p>
          {copies.length > 0 ? (
            <>
              <h2>Dữ liệu được giữ lại khi khôi phục</h2>
              <p className="lead">Dùng lại một bản: nó mở bằng mật khẩu của chính nó (mật khẩu lúc đó).</p>
              <ul className="plain-list" data-testid="moved-aside">
                {copies.map((name) => (
                  <li key={name}>
                    <code>{name}</code>{' '}
                    <button type="button" className="btn" onClick={() => void reinstate(name)}>
                      Dùng lại bản này
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <FormError message={failure} />
        </section>
        <RestoreBackup onRestored={(restored) => onDone(restored.status)} />
      </div>
    </div>
  );
}
