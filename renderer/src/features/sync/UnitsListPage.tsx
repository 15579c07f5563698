import { Link } from 'wouter';
import type { UnitOverview } from '../../../../electron/core/model/sync';
import { call } from '../../api';
import { FormError } from '../../components/Field';
import { formatViDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { movedOutText } from './MoveOut';
import { bundleTitle, KEY_STATE, missingText } from './sync-format';

export function KeyStateBadge({ state }: { state: UnitOverview['keyState'] }) {
  const { label, tone } = KEY_STATE[state] ?? { label: state, tone: 'neutral' };
  return <span className={`badge badge-${tone}`}>{label}</span>;
}

export function LastBundle({ last }: { last: UnitOverview['lastBundle'] }) {
  if (!last) {
    return <span className="muted">Chưa nhận gói nào</span>;
  }
  return (
    <span>
      Số {last.seq} · {bundleTitle(last.kind, last.label)}
      <span className="detail"> · nhận {formatViDateTime(last.receivedAt)}</span>
    </span>
  );
}

/** Every unit below: whether its key is verified, what arrived last, what is missing or quarantined. */
export function UnitsListPage() {
  const units = useLoad(() => call('units:list', {}), 'units');
  const rows = units.data ?? [];
  return (
    <section className="card section" aria-labelledby="units-title">
      <h2 id="units-title">Các đơn vị cấp dưới</h2>
      <p className="lead">Bấm vào tên đơn vị để đối chiếu mã vân tay, xem các gói đã nhận, bản ghi bị cách ly và gửi chỉ đạo.</p>
      <FormError message={units.error} />
      {units.data && rows.length === 0 ? (
        <p className="empty">
          Chưa có đơn vị nào đăng ký. Gửi tệp tin cậy cho các chi bộ ở mục <Link href="/keys">Khóa và đăng ký</Link>.
        </p>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label="Đơn vị cấp dưới">
            <thead>
              <tr>
                <th>Đơn vị</th>
                <th>Khóa</th>
                <th>Gói gần nhất</th>
                <th>Gói còn thiếu</th>
                <th className="num">Cách ly</th>
                <th className="num">Hồ sơ</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <tr key={u.code} data-testid="unit-row">
                  <td>
                    <Link href={`/${u.code}`} className="unit-link">
                      {u.name}
                    </Link>
                    <span className="detail"> · {u.code}</span>
                    {u.pendingChange ? <span className="badge badge-warm"> Báo đổi tên/cấp — chờ xác nhận</span> : null}
                    {u.movedOut ? (
                      <span className="badge badge-neutral" data-testid="moved-out-badge">
                        {' '}
                        {movedOutText(u.movedOut)}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <KeyStateBadge state={u.keyState} />
                  </td>
                  <td>
                    <LastBundle last={u.lastBundle} />
                  </td>
                  <td>{u.missing.length > 0 ? <span className="count-bad">Số {missingText(u.missing)}</span> : <span className="muted">Không</span>}</td>
                  <td className="num">
                    {u.quarantined + u.conflicts > 0 ? <span className="badge badge-danger">{u.quarantined + u.conflicts}</span> : <span className="muted">0</span>}
                  </td>
                  <td className="num">{u.candidates.toLocaleString('vi-VN')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
