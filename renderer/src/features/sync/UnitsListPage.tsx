import { Link } from 'wouter';
import type { UnitOverview } from '../../../../electron/core/model/sync';
import { call } from '../../api';
import { FormError } from '../../components/Field';
import { formatViDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { movedOutText } from './MoveOut';
import { bundleTitle, KEY_STATE, missingText } from './sync-format';

/** A unit further below never enrolled here: its key is the one the unit on the way vouched for when forwarding its reports. */
export function KeyStateBadge({ state, via }: { state: UnitOverview['keyState']; via?: { name: string } | undefined }) {
  if (state === 'none' && via) {
    return <span className="badge badge-neutral badge-wrap">Khóa do {via.name} xác nhận</span>;
  }
  const { label, tone } = KEY_STATE[state] ?? { label: state, tone: 'neutral' };
  return <span className={`badge badge-${tone}`}>{label}</span>;
}

/** The name of the unit below through which a unit further below last had its report forwarded here, if it did. */
export function forwardedVia({ forwarded, path }: Pick<UnitOverview, 'forwarded' | 'path'>): string | null {
  return forwarded ? (path.find((p) => p.code === forwarded.viaCode)?.name ?? forwarded.viaCode) : null;
}

/** The last file applied from the unit, or for a unit further below the report its superior last forwarded here. */
export function LastBundle({ last, forwarded, path }: Pick<UnitOverview, 'forwarded' | 'path'> & { last: UnitOverview['lastBundle'] }) {
  if (!last && forwarded) {
    return (
      <span>
        Số {forwarded.seq} · qua {forwardedVia({ forwarded, path })}
        <span className="detail"> · nhận {formatViDateTime(forwarded.appliedAt)}</span>
      </span>
    );
  }
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

type TreeRow = UnitOverview & { depth: number; parentName: string | null; subtreeCandidates: number; unitsBelow: number };

/**
 * The units in tree order: each unit directly below (a TCCSĐ) in code order, followed by the chi bộ a đảng ủy cơ sở
 * forwards, so a committee's chi bộ read as its own and its row can say what its whole subtree holds.
 */
function treeOrder(units: readonly UnitOverview[]): TreeRow[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const children = new Map<string, UnitOverview[]>();
  const tops: UnitOverview[] = [];
  for (const u of units) {
    const parent = u.parentCode && u.parentCode !== u.code ? byCode.get(u.parentCode) : undefined;
    if (parent) {
      children.set(parent.code, [...(children.get(parent.code) ?? []), u]);
    } else {
      tops.push(u);
    }
  }
  const out: TreeRow[] = [];
  // A visited set keeps a (corrupt) parent loop from hiding units or running forever.
  const seen = new Set<string>();
  const visit = (u: UnitOverview, depth: number, parentName: string | null): TreeRow => {
    seen.add(u.code);
    const row: TreeRow = { ...u, depth, parentName, subtreeCandidates: u.candidates, unitsBelow: 0 };
    out.push(row);
    for (const child of children.get(u.code) ?? []) {
      if (!seen.has(child.code)) {
        const below = visit(child, depth + 1, u.name);
        row.subtreeCandidates += below.subtreeCandidates;
        row.unitsBelow += 1 + below.unitsBelow;
      }
    }
    return row;
  };
  tops.forEach((u) => visit(u, 0, null));
  units.filter((u) => !seen.has(u.code)).forEach((u) => visit(u, 0, null));
  return out;
}

/** Every unit below: whether its key is verified, what arrived last, what is missing or quarantined. */
export function UnitsListPage() {
  const units = useLoad(() => call('units:list', {}), 'units');
  const rows = treeOrder(units.data ?? []);
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
                <tr key={u.code} data-testid="unit-row" data-depth={u.depth}>
                  <td style={u.depth > 0 ? { paddingLeft: `${0.75 + u.depth * 1.5}rem` } : undefined}>
                    <Link href={`/${u.code}`} className="unit-link">
                      {u.name}
                    </Link>
                    <span className="detail"> · {u.code}</span>
                    {u.parentName ? <span className="detail"> · thuộc {u.parentName}</span> : null}
                    {u.pendingChange ? <span className="badge badge-warm"> Báo đổi tên/cấp — chờ xác nhận</span> : null}
                    {u.movedOut ? (
                      <span className="badge badge-neutral" data-testid="moved-out-badge">
                        {' '}
                        {movedOutText(u.movedOut)}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <KeyStateBadge state={u.keyState} via={u.path.at(-1)} />
                  </td>
                  <td>
                    <LastBundle last={u.lastBundle} forwarded={u.forwarded} path={u.path} />
                  </td>
                  <td>{u.missing.length > 0 ? <span className="count-bad">Số {missingText(u.missing)}</span> : <span className="muted">Không</span>}</td>
                  <td className="num">
                    {u.quarantined + u.conflicts > 0 ? <span className="badge badge-danger">{u.quarantined + u.conflicts}</span> : <span className="muted">0</span>}
                  </td>
                  <td className="num">
                    {u.candidates.toLocaleString('vi-VN')}
                    {u.unitsBelow > 0 ? (
                      <span className="detail" data-testid="unit-subtree">
                        <br />
                        cả đảng bộ: {u.subtreeCandidates.toLocaleString('vi-VN')}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
