import { useState } from 'react';
import type { KeyIdentity } from '../../../../electron/core/model/sync';
import { call, errorMessage } from '../../api';
import { Field, FormError } from '../../components/Field';
import { ReadAloudCode } from './ReadAloudCode';

const digitsOf = (text: string) => text.replace(/\D/g, '');
const CODE_DIGITS = 20;

type Props = {
  unitCode: string;
  unitName: string | null;
  /** The code of the key this database received in the enrolment bundle. */
  readAloudCode: string;
  onConfirmed: (identity: KeyIdentity) => void;
};

/**
 * The phone check before a unit's key is trusted: the code received in its enrolment bundle, shown big, against
 * the code the cell reads from its own screen. Only a match marks the unit verified; the service checks it again.
 */
export function ConfirmCode({ unitCode, unitName, readAloudCode, onConfirmed }: Props) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const digits = digitsOf(typed);
  const complete = digits.length === CODE_DIGITS;
  const matches = complete && digits === digitsOf(readAloudCode);
  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      onConfirmed(await call('enrol:confirm', { unitCode, code: typed }));
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card section confirm-code" aria-labelledby={`confirm-${unitCode}`}>
      <h2 id={`confirm-${unitCode}`}>Đối chiếu mã vân tay của {unitName ? `${unitName} (${unitCode})` : unitCode}</h2>
      <p className="lead">
        Gọi điện cho bí thư chi bộ và đề nghị đọc mã vân tay đang hiện trên máy của chi bộ (mục Kết nối cấp trên). Mã phải giống hệt mã
        dưới đây. Nếu khác, đừng xác nhận: gói đăng ký có thể không phải do chi bộ gửi.
      </p>
      <ReadAloudCode code={readAloudCode} label="Mã vân tay trong gói đăng ký đã nhận" testId="received-code" />
      <form
        className="confirm-form"
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
        noValidate
      >
        <Field label="Mã chi bộ đọc qua điện thoại" hint="Gõ 20 chữ số; dấu cách giữa các nhóm không bắt buộc.">
          <input value={typed} onChange={(e) => setTyped(e.target.value)} inputMode="numeric" autoComplete="off" placeholder="1234 5678 9012 3456 7890" className="code-input" />
        </Field>
        <p className={`code-compare${complete ? (matches ? ' code-match' : ' code-mismatch') : ''}`} aria-live="polite">
          {complete ? (matches ? '✓ Hai mã khớp nhau.' : '✗ Hai mã KHÁC nhau.') : `Đã gõ ${digits.length}/${CODE_DIGITS} chữ số.`}
        </p>
        <FormError message={failure} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !complete}>
            Xác nhận đơn vị
          </button>
        </div>
      </form>
    </section>
  );
}
