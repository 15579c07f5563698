import { createColumnHelper, flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import { useState } from 'react';
import { Link } from 'wouter';
import type { DashboardUnit } from '../../../../electron/core/model/dashboard';
import { Progress } from '../../components/Progress';
import { peopleHref, todoHref } from '../../lib/drill-down';
import { days } from './format';

const column = createColumnHelper<DashboardUnit>();

function useColumns(year: number, ended: boolean, findingsToday: boolean) {
  return [
    column.accessor('name', {
      header: 'Đơn vị',
      cell: (c) => (
        <Link href={`/dashboard/units/${c.row.original.code}/${year}`} className="unit-link">
          {c.getValue()}
          <span className="detail"> · {c.row.original.code}</span>
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
          <Progress achieved={u.target.achieved} target={u.target.targetCount} ended={ended} label={`Tiến độ ${u.name}`} />
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

const SORT_MARK = { asc: ' ▲', desc: ' ▼' } as const;

/** One row per unit, sortable by any column (laggards first by progress, say); the name opens the unit, a number its people. */
export function UnitsTable({ units, year, ended, findingsToday }: { units: DashboardUnit[]; year: number; ended: boolean; findingsToday: boolean }) {
  const [sorting, setSorting] = useState<SortingState>([{ id: 'progress', desc: false }]);
  // The app does not use the React Compiler, so a hook returning fresh functions each render is fine here.
  // oxlint-disable-next-line react/incompatible-library
  const table = useReactTable({
    data: units,
    columns: useColumns(year, ended, findingsToday),
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (u) => u.code,
  });
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Số liệu theo đơn vị">
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id}>
              {g.headers.map((h) => {
                const sorted = h.column.getIsSorted();
                return (
                  <th key={h.id} className={h.column.columnDef.meta === 'num' ? 'num' : undefined} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                    <button type="button" className="th-sort" onClick={h.column.getToggleSortingHandler()}>
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      {sorted ? SORT_MARK[sorted] : ''}
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className={row.original.noAdmissionThisYear ? 'row-alert' : undefined} data-testid="dashboard-unit-row">
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className={cell.column.columnDef.meta === 'num' ? 'num' : undefined}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
