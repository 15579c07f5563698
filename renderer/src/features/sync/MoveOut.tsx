import { useState } from 'react';
import { formatViDate, parseViDate } from '../../../../electron/core/model/dates';
import type { UnitOverview } from '../../../../electron/core/model/sync';
import { call, errorMessage } from '../../api';
import { DATE_PLACEHOLDER, Field, FormError } from '../../components/Field';

/** "Đã chuyển đi từ … sang …": the mark a unit that left this committee's tree carries on the units pages. */
export function movedOutText(moved: NonNullable<UnitOverview['movedOut']>): string {
  const to = moved.to.name !== moved.to.code ? `${moved.to.name} (${moved.to.code})` : moved.to.code;
  return `Đã chuyển đi từ ${formatViDate(moved.on)} sang ${to}`;
}

/**
 * A unit directly below that moved to another superior. Usually its last report says so; for a unit that cannot
 * send, the officer records the move here. The unit stays with its history and counts in the periods before the date.
 */
export function MoveOutCard({ unit, onRecorded }: { unit: UnitOverview; onRecorded: () => void }) {
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState('');
  const [toCode, setToCode] = useState('');
  const [toName, setToName] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const moved = unit.movedOut;
  if (moved) {
    return (
      <section className="card section warning" aria-labelledby="moved-title" data-testid="moved-out">
        <h2 id="moved-title">{movedOutText(moved)}</h2>
        <p>
          {moved.source === 'unit' ? 'Đơn vị báo việc chuyển trong tệp cuối cùng gửi lên.' : 'Việc chuyển do cấp trên ghi nhận.'} Dữ liệu và các báo cáo đã
          nhận của đơn vị vẫn được giữ để xem lại. Đơn vị chỉ được tính trong các kỳ kết thúc trước ngày {formatViDate(moved.on)}; từ kỳ có ngày đó trở đi,
          cấp trên mới tính đơn vị.
        </p>
      </section>
    );
  }
  const record = async () => {
    const day = parseViDate(date);
    if (!day) {
      setFailure('Nhập ngày chuyển dạng ngày/tháng/năm, ví dụ 01/10/2026.');
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await call('units:move-out', { unitCode: unit.code, date: day, toCode: toCode.trim(), ...(toName.trim() ? { toName: toName.trim() } : {}) });
      setOpen(false);
      onRecorded();
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card section" aria-labelledby="move-out-title" data-testid="move-out">
      <h2 id="move-out-title">Đơn vị chuyển đi</h2>
      {open ? (
        <>
          <p className="lead">
            Dùng khi đơn vị đã chuyển sang trực thuộc cấp trên khác nhưng không gửi được tệp báo chuyển đi. Đơn vị vẫn được giữ với lịch sử, chỉ không
            tính từ kỳ có ngày chuyển trở đi.
          </p>
          <div className="form-grid">
            <Field label="Ngày chuyển" hint={DATE_PLACEHOLDER}>
              <input value={date} onChange={(e) => setDate(e.target.value)} placeholder={DATE_PLACEHOLDER} inputMode="numeric" autoFocus />
            </Field>
            <Field label="Mã cấp trên mới">
              <input value={toCode} onChange={(e) => setToCode(e.target.value)} autoComplete="off" />
            </Field>
            <Field label="Tên cấp trên mới (nếu biết)">
              <input value={toName} onChange={(e) => setToName(e.target.value)} autoComplete="off" />
            </Field>
          </div>
          <FormError message={failure} />
          <div className="actions">
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              Đóng
            </button>
            <button type="button" className="btn btn-primary" onClick={() => void record()} disabled={busy || !date.trim() || !toCode.trim()}>
              Ghi nhận chuyển đi
            </button>
          </div>
        </>
      ) : (
        <div className="actions">
          <p className="muted">Đơn vị đã chuyển sang cấp trên khác mà không gửi được tệp báo?</p>
          <button type="button" className="btn" onClick={() => setOpen(true)}>
            Ghi nhận đơn vị chuyển đi…
          </button>
        </div>
      )}
    </section>
  );
}
