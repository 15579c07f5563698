import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import type { DashboardUnit } from '../../../../electron/core/model/dashboard';
import { matchesSearch, sortByColumn, underTccsd, UNIT_COLUMNS, type ListSort } from '../../../../electron/core/domain/lists';
import { ariaSort, ExportButton, SearchBox, SortButton } from '../../components/ListTools';
import { Progress } from '../../components/Progress';
import { peopleHref, todoHref } from '../../lib/drill-down';
import { days } from './format';

const column = createColumnHelper<DashboardUnit>();

/**
 * Where a unit sits in the tree: a chi bộ names the đảng ủy cơ sở it is counted under, a committee what its whole
 * subtree holds. Every row keeps the unit's own figures, so the rows still add up to the total.
 */
function TreeNote({ unit }: { unit: DashboardUnit }) {
  if (unit.subtree) {
    const s = unit.subtree;
    return (
      <span className="detail" data-testid="unit-subtree">
        {' '}
        · cả đảng bộ ({s.units.toLocaleString('vi-VN')} chi bộ): {s.candidates.toLocaleString('vi-VN')} hồ sơ, kết nạp {s.admissions.toLocaleString('vi-VN')}
      </span>
    );
  }
  return unit.tccsd ? <span className="detail"> · thuộc {unit.tccsd.name}</span> : null;
}

function useColumns(year: number, ended: boolean, findingsToday: boolean) {
  return [
    column.accessor('name', {
      header: 'Đơn vị',
      cell: (c) => (
        <Link href={`/dashboard/units/${c.row.original.code}/${year}`} className="unit-link">
          {c.getValue()}
          <span className="detail"> · {c.row.original.code}</span>
          <TreeNote unit={c.row.original} />
        </Link>
      ),
    }),
    column.accessor('candidates', {
      header: 'Hồ sơ',
      meta: 'num',
      cell: (c) => (
        <Link href={peopleHref(year, { count: 'candidates', unit: c.row.original.code })} className="count-link" data-testid="unit-candidates-link">
          {c.getValue().toLocaleString('vi-VN')}
        </Link>
      ),
    }),
    column.accessor((u) => u.target?.percentAchieved ?? (u.target ? 0 : -1), {
      id: 'progress',
      header: 'Kết nạp / chỉ tiêu năm',
      cell: (c) => {
        const u = c.row.original;
        const progress = u.target ? (
          // The target's own count: a ĐUCS row's target counts its chi bộ (docs/targets.md), its own admissions are none.
          <span>
            <Progress achieved={u.target.achieved} target={u.target.targetCount} ended={ended} label={`Tiến độ ${u.name}`} />
            {u.subtree ? <span className="detail" data-testid="target-over-subtree"> cả đảng bộ, gồm số của các chi bộ dưới đây</span> : null}
          </span>
        ) : (
          <span>
            <strong>{u.admissions}</strong> người <span className="muted">· chưa có chỉ tiêu</span>
          </span>
        );
        return (
          <div className="progress-cell">
            {progress}
            {u.admissions > 0 ? (
              <Link href={peopleHref(year, { count: 'admissions', unit: u.code })} className="count-link detail" data-testid="unit-admissions-link">
                xem {u.admissions.toLocaleString('vi-VN')} người
              </Link>
            ) : null}
          </div>
        );
      },
    }),
    column.accessor('overdue', {
      header: 'Lỗi, quá hạn',
      meta: 'num',
      cell: (c) => {
        const n = <span className={c.getValue() > 0 ? 'count-bad' : 'muted'}>{c.getValue().toLocaleString('vi-VN')}</span>;
        return findingsToday && c.getValue() > 0 ? (
          <Link href={todoHref({ unit: c.row.original.code, severity: 'error' })} className="count-link" data-testid="unit-errors-link">
            {n}
          </Link>
        ) : (
          n
        );
      },
    }),
    column.accessor((u) => u.medianDaysListingToAdmission ?? -1, { id: 'listing', header: 'Cảm tình → kết nạp', meta: 'num', cell: (c) => days(c.row.original.medianDaysListingToAdmission) }),
    column.accessor((u) => u.medianDaysCeremonyToRecognition ?? -1, { id: 'recognition', header: 'Kết nạp → chính thức', meta: 'num', cell: (c) => days(c.row.original.medianDaysCeremonyToRecognition) }),
    column.accessor('duplicates', {
      header: 'Trùng',
      meta: 'num',
      cell: (c) => (c.getValue() > 0 ? <span className="badge badge-danger">{c.getValue()}</span> : <span className="muted">0</span>),
    }),
  ];
}

/**
 * One row per unit, searchable by name or code and sortable by any column (laggards first by progress, say), each
 * chi bộ under its đảng ủy cơ sở, with the same order in its Excel copy; the name opens the unit, a number its people.
 */
export function UnitsTable({ units, total, year, ended, findingsToday }: { units: DashboardUnit[]; total: DashboardUnit; year: number; ended: boolean; findingsToday: boolean }) {
  const [sort, setSort] = useState<ListSort>({ column: 'progress', dir: 'asc' });
  const [text, setText] = useState('');
  const { rows: shown, sub } = useMemo(() => underTccsd(sortByColumn(units.filter((u) => matchesSearch(text, u.name, u.code)), UNIT_COLUMNS, sort)), [units, text, sort]);
  // The app does not use the React Compiler, so a hook returning fresh functions each render is fine here.
  // oxlint-disable-next-line react/incompatible-library
  const table = useReactTable({ data: shown, columns: useColumns(year, ended, findingsToday), getCoreRowModel: getCoreRowModel(), getRowId: (u) => u.code });
  return (
    <>
    <div className="toolbar">
      <SearchBox label="Tìm đơn vị theo tên hoặc mã" value={text} onChange={setText} />
      <ExportButton request={{ list: 'units', year, query: text.trim() || undefined, sort }} disabled={shown.length === 0} />
    </div>
    <div className="table-wrap">
      <table className="table" aria-label="Số liệu theo đơn vị">
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id}>
              {g.headers.map((h) => (
                <th key={h.id} className={h.column.columnDef.meta === 'num' ? 'num' : undefined} aria-sort={ariaSort(sort, h.id)}>
                  <SortButton column={h.id} label={String(h.column.columnDef.header)} sort={sort} onSort={setSort} />
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className={[row.original.noAdmissionThisYear ? 'row-alert' : '', sub.has(row.original.code) ? 'row-sub' : ''].join(' ').trim() || undefined} data-testid="dashboard-unit-row">
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className={cell.column.columnDef.meta === 'num' ? 'num' : undefined}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {units.length > 1 && text.trim() === '' ? (
          // What the units add up to, as the report's Tổng cộng: each chi bộ once, a committee's own people once.
          <tfoot>
            <tr data-testid="dashboard-total-row">
              <td>
                <strong>Tổng cộng ({units.length.toLocaleString('vi-VN')} đơn vị)</strong>
              </td>
              <td className="num">
                <strong>{total.candidates.toLocaleString('vi-VN')}</strong>
              </td>
              <td>
                {total.target ? (
                  <Progress achieved={total.target.achieved} target={total.target.targetCount} ended={ended} label="Tiến độ tổng cộng" />
                ) : (
                  <span>
                    <strong>{total.admissions.toLocaleString('vi-VN')}</strong> người
                  </span>
                )}
              </td>
              <td className="num">{total.overdue.toLocaleString('vi-VN')}</td>
              <td className="num">{days(total.medianDaysListingToAdmission)}</td>
              <td className="num">{days(total.medianDaysCeremonyToRecognition)}</td>
              <td className="num">{total.duplicates.toLocaleString('vi-VN')}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
      {shown.length === 0 ? <p className="empty">{units.length === 0 ? 'Chưa có đơn vị nào gửi báo cáo lên. Số liệu hiện ở đây sau khi nhập gói báo cáo đầu tiên của đơn vị cấp dưới.' : `Không có đơn vị nào khớp với “${text.trim()}”.`}</p> : null}
    </div>
    </>
  );
}
