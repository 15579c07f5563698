import {
  CANDIDATE_COLUMNS,
  CANDIDATE_COLUMNS_ACROSS,
  LIST_TITLES,
  matchesSearch,
  MEMBER_COLUMNS,
  sortByColumn,
  TODO_COLUMNS,
  UNIT_COLUMNS,
  type ListColumn,
  type ListKind,
  type ListSort,
} from '../domain/lists';
import { noProgress, stepOf, type ProgressSink } from '../progress';
import { listToXlsx } from '../domain/reports/xlsx';
import type { ReportTable } from '../domain/reports/table-model';
import type { Severity } from '../domain/rules/findings';
import { formatViDate } from '../model/dates';
import { ALL_UNITS } from '../model/entities';
import { getSelfUnit } from '../store/units';
import { listCandidates } from './candidate-service';
import { todoMatching } from './check-views';
import { withMessages } from './check-service';
import type { ServiceContext } from './context';
import { buildDashboard } from './dashboard-service';
import { listMembers } from './member-service';

export type ListExportInput = {
  list: ListKind;
  unitCode?: string | undefined;
  query?: string | undefined;
  stage?: string | undefined;
  includeLeft?: boolean | undefined;
  year?: number | undefined;
  severities?: readonly Severity[] | undefined;
  codes?: readonly string[] | undefined;
  overdueOnly?: boolean | undefined;
  sort?: ListSort | undefined;
};

function table<T>(list: ListKind, columns: readonly ListColumn<T>[], rows: readonly T[]): ReportTable {
  return {
    id: list,
    sheet: LIST_TITLES[list].slice(0, 31),
    title: LIST_TITLES[list],
    placement: 'body',
    columns: columns.map(({ header, kind, width, sheetOnly }) => ({ header, kind, width, ...(sheetOnly ? { sheetOnly } : {}) })),
    rows: rows.map((row) => columns.map((c) => c.cell(row))),
    totalRow: null,
    emptyText: 'Không có dòng nào khớp với điều kiện tìm.',
  };
}

/** The rows of a list exactly as the screen shows them with the same search, filter and sort, as one table. */
export function listTable(ctx: ServiceContext, input: ListExportInput): ReportTable {
  const { list, query, sort } = input;
  switch (list) {
    case 'candidates': {
      const filter = { query, stage: input.stage, unitCode: input.unitCode, sort };
      const first = listCandidates(ctx.db, { ...filter, offset: 0, limit: 1 });
      const { rows } = listCandidates(ctx.db, { ...filter, offset: 0, limit: Math.max(first.total, 1) });
      return table(list, input.unitCode === ALL_UNITS ? CANDIDATE_COLUMNS_ACROSS : CANDIDATE_COLUMNS, rows);
    }
    case 'members': {
      const rows = listMembers(ctx.db, { includeLeft: input.includeLeft }).filter((m) => matchesSearch(query ?? '', m.fullName));
      return table(list, MEMBER_COLUMNS, sortByColumn(rows, MEMBER_COLUMNS, sort));
    }
    case 'todo':
      return table(list, TODO_COLUMNS, withMessages(ctx.db, todoMatching(ctx, input).matching));
    case 'units': {
      const year = input.year ?? Number(ctx.clock.today().slice(0, 4));
      const rows = buildDashboard(ctx.db, { year, asOf: ctx.clock.today() }).units.filter((u) => matchesSearch(query ?? '', u.name, u.code));
      return table(list, UNIT_COLUMNS, sortByColumn(rows, UNIT_COLUMNS, sort));
    }
  }
}

/** The list as an XLSX workbook (one sheet), headed by the unit and the day it was taken. */
export async function exportList(ctx: ServiceContext, input: ListExportInput, progress: ProgressSink = noProgress): Promise<{ bytes: Buffer; rows: number }> {
  const parts = ['Lấy danh sách như trên màn hình', 'Tạo tệp Excel'];
  await stepOf(progress, parts, 0);
  const today = ctx.clock.today();
  const sheet = listTable(ctx, input);
  await stepOf(progress, parts, 1);
  const subtitle = `${getSelfUnit(ctx.db).name} · ngày ${formatViDate(today)}${input.year && input.list === 'units' ? ` · năm ${input.year}` : ''}`;
  return { bytes: await listToXlsx(sheet, subtitle, today), rows: sheet.rows.length };
}
