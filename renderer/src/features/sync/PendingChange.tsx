import { useState } from 'react';
import type { UnitOverview } from '../../../../electron/core/model/sync';
import { call, errorMessage } from '../../api';
import { FormError } from '../../components/Field';
import { UNIT_LEVEL_LABELS } from '../../lib/labels';

type Props = { unit: UnitOverview; onConfirmed: () => void };

const levelLabel = (level: string) => UNIT_LEVEL_LABELS[level as keyof typeof UNIT_LEVEL_LABELS] ?? level;

/**
 * A unit's file stated a new name or level. It is held here, not applied: a unit renaming itself could pass for
 * another one, so the officer checks with the unit (by phone) before the units list, reports and bundles use it.
 */
export function PendingChange({ unit, onConfirmed }: Props) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const change = unit.pendingChange;
  if (!change) {
    return null;
  }
  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await call('units:confirm-change', { unitCode: unit.code });
      onConfirmed();
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card section warning" aria-labelledby={`pending-${unit.code}`} data-testid="pending-change">
      <h2 id={`pending-${unit.code}`}>Đơn vị báo thay đổi thông tin — chờ xác nhận</h2>
      <dl className="defs sync-defs">
        {change.name !== null ? (
          <>
            <dt>Tên</dt>
            <dd>
              {unit.name} → <strong>{change.name}</strong>
            </dd>
          </>
        ) : null}
        {change.level !== null ? (
          <>
            <dt>Cấp</dt>
            <dd>
              {levelLabel(unit.level)} → <strong>{levelLabel(change.level)}</strong>
            </dd>
          </>
        ) : null}
      </dl>
      <p>
        Thay đổi chưa được áp dụng: danh sách đơn vị và báo cáo vẫn dùng thông tin cũ. Gọi điện hỏi lại đơn vị; nếu đúng là đơn vị đã đổi, bấm xác
        nhận.
      </p>
      <FormError message={failure} />
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={() => void confirm()} disabled={busy}>
          Xác nhận thay đổi
        </button>
      </div>
    </section>
  );
}
