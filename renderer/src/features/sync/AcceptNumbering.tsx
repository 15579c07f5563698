import { useState } from 'react';
import type { ImportOutcome } from '../../../../electron/core/model/sync';
import { call, errorMessage } from '../../api';
import { Field, FormError } from '../../components/Field';

const digitsOf = (text: string) => text.replace(/\D/g, '');
const CODE_DIGITS = 20;

type Props = { unitCode: string; unitName: string; heldAside: number; onAccepted: (outcome: ImportOutcome) => void };

/**
 * The way out when a unit restored an old backup or started a new database: its files come with numbers already
 * used and are kept aside. After the unit's code is read aloud by phone, its latest kept file is applied as the
 * first of its new numbering (the service checks the code against the key that signed that file).
 */
export function AcceptNumbering({ unitCode, unitName, heldAside, onAccepted }: Props) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const complete = digitsOf(typed).length === CODE_DIGITS;
  const accept = async () => {
    setBusy(true);
    setFailure(null);
    try {
      onAccepted(await call('units:accept-numbering', { unitCode, code: typed }));
      setTyped('');
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card section" aria-labelledby={`numbering-${unitCode}`} data-testid="accept-numbering">
      <h2 id={`numbering-${unitCode}`}>Chấp nhận cách đánh số mới của đơn vị</h2>
      <p className="lead">
        Có {heldAside.toLocaleString('vi-VN')} tệp của {unitName} bị giữ lại vì mang số thứ tự đã dùng hoặc cũ hơn số đã nhận. Việc này xảy ra khi
        đơn vị khôi phục bản sao lưu cũ hoặc cài lại máy. Gọi điện cho đơn vị: nếu đúng như vậy, đề nghị đọc mã vân tay trên máy của đơn vị và
        gõ vào dưới đây. Tệp mới nhất bị giữ lại sẽ được áp dụng, các gói sau của đơn vị được nhận bình thường.
      </p>
      <form
        className="confirm-form"
        onSubmit={(e) => {
          e.preventDefault();
          void accept();
        }}
        noValidate
      >
        <Field label="Mã vân tay đơn vị đọc qua điện thoại" hint="Gõ 20 chữ số; dấu cách giữa các nhóm không bắt buộc.">
          <input value={typed} onChange={(e) => setTyped(e.target.value)} inputMode="numeric" autoComplete="off" placeholder="1234 5678 9012 3456 7890" className="code-input" />
        </Field>
        <FormError message={failure} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !complete}>
            Chấp nhận cách đánh số mới
          </button>
        </div>
      </form>
    </section>
  );
}
