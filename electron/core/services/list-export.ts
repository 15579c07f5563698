import {
  CANDIDATE_COLUMNS,
  CANDIDATE_COLUMNS_ACROSS,
  LIST_TITLES,
  matchesSearch,
  MEMBER_COLUMNS,
  sortByColumn,
  underTccsd,
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
import { FINDING_LABELS, SEVERITY_LABELS } from '../model/labels';
import { STAGE_LABELS, type Stage } from '../domain/rules/stage';
import type { FindingCode } from '../domain/rules/findings';
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
      return table(list, UNIT_COLUMNS, underTccsd(sortByColumn(rows, UNIT_COLUMNS, sort)).rows);
    }
  }
}

/**
 * What narrowed the list, in words, for the sheet's heading: a printed copy of a filtered list must not pass for the
 * whole list. Empty when nothing did.
 */
function filterText(input: ListExportInput, columns: readonly { id: string; header: string }[]): string {
  const parts = [
    input.query?.trim() ? `tìm “${input.query.trim()}”` : null,
    input.stage ? `giai đoạn ${STAGE_LABELS[input.stage as Stage] ?? input.stage}` : null,
    input.unitCode && input.unitCode !== ALL_UNITS ? `đơn vị ${input.unitCode}` : null,
    input.includeLeft ? 'gồm cả người đã ra khỏi danh sách' : null,
    input.severities?.length ? `mức ${input.severities.map((v) => SEVERITY_LABELS[v].toLowerCase()).join(', ')}` : null,
    input.codes?.length ? `loại ${input.codes.map((c) => FINDING_LABELS[c as FindingCode] ?? c).join(', ')}` : null,
    input.overdueOnly ? 'chỉ việc quá hạn' : null,
  ].filter((p) => p !== null);
  const sorted = input.sort ? columns.find((c) => c.id === input.sort?.column) : undefined;
  if (sorted && input.sort) {
    parts.push(`xếp theo ${sorted.header.toLowerCase()} ${input.sort.dir === 'asc' ? 'tăng dần' : 'giảm dần'}`);
  }
  return parts.length > 0 ? ` · lọc: ${parts.join('; ')}` : '';
}

const COLUMNS_OF: Readonly<Record<ListKind, readonly { id: string; header: string }[]>> = {
  candidates: CANDIDATE_COLUMNS_ACROSS,
  members: MEMBER_COLUMNS,
  todo: TODO_COLUMNS,
  units: UNIT_COLUMNS,
};

/** The list as an XLSX workbook (one sheet), headed by the unit, the day it was taken and what narrowed it. */
export async function exportList(ctx: ServiceContext, input: ListExportInput, progress: ProgressSink = noProgress): Promise<{ bytes: Buffer; rows: number }> {
  const parts = ['Lấy danh sách như trên màn hình', 'Tạo tệp Excel'];
  await stepOf(progress, parts, 0);
  const today = ctx.clock.today();
  const sheet = listTable(ctx, input);
  await stepOf(progress, parts, 1);
  const subtitle = `${getSelfUnit(ctx.db).name} · ngày ${formatViDate(today)}${input.year && input.list === 'units' ? ` · năm ${input.year}` : ''}${filterText(input, COLUMNS_OF[input.list])}`;
  return { bytes: await listToXlsx(sheet, subtitle, today), rows: sheet.rows.length };
}
