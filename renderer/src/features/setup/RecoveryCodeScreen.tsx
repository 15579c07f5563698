import { useState } from 'react';

/** Shows the recovery code exactly once, and lets the user go on only after saying it is written down. */
export function RecoveryCodeScreen({ code, onDone }: { code: string; onDone: () => void }) {
  const [written, setWritten] = useState(false);
  return (
    <div className="center-screen">
      <section className="card narrow" aria-labelledby="recovery-title">
        <p className="eyebrow">Đã tạo cơ sở dữ liệu</p>
        <h1 id="recovery-title">Mã khôi phục</h1>
        <p className="recovery-code" data-testid="recovery-code">
          {code}
        </p>
        <div className="warning" role="note">
          <strong>Hãy chép mã này ra giấy ngay bây giờ</strong> và cất ở nơi an toàn, tách riêng khỏi máy tính. Mã chỉ
          hiện <strong>một lần duy nhất</strong>. Nếu quên mật khẩu, chỉ mã khôi phục mới mở được dữ liệu; mất cả hai
          thì không ai lấy lại được dữ liệu.
        </div>
        <label className="check check-strong">
          <input type="checkbox" checked={written} onChange={(e) => setWritten(e.target.checked)} />
          <span>Tôi đã ghi lại mã khôi phục</span>
        </label>
        <div className="actions">
          <button type="button" className="btn btn-primary" disabled={!written} onClick={onDone}>
            Tiếp tục
          </button>
        </div>
      </section>
    </div>
  );
}
