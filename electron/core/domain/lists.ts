import type { DashboardUnit } from '../model/dashboard';
import type { CandidateRow, Member } from '../model/entities';
import type { TodoItemWire } from '../model/checks';
import { findingLabel, SEVERITY_LABELS } from '../model/labels';
import { searchKey, sortKey } from './names';
import { day, num, text, type Cell, type Column } from './reports/table-model';
import { STAGE_LABELS, stageRank, STAGES, type Stage } from './rules/stage';

/**
 * The lists a secretary works in (candidates, members, to-do, the units table) behave alike: a search that ignores
 * diacritics and case, a sort on any column, and an Excel copy of exactly what is on screen. The screens and the
 * export both use the columns below, so the sheet has the order and the words the user sorted by.
 */

export const LIST_KINDS = ['candidates', 'members', 'todo', 'units'] as const;
export type ListKind = (typeof LIST_KINDS)[number];
export type SortDir = 'asc' | 'desc';
export type ListSort = { column: string; dir: SortDir };

/**
 * What a column sorts by: a number; a text, in Vietnamese order (Intl.Collator('vi')); a name's `sortKey`, made to be
 * compared code unit by code unit (given name first), which a collator would reorder; or nothing (always last).
 */
export type SortValue = number | string | { nameKey: string } | null;

/** `sort` absent: the column is not sortable here (the candidate list sorts in SQL, see CANDIDATE_SORT_COLUMNS). */
export type ListColumn<T> = Column & { id: string; cell: (row: T) => Cell; sort?: (row: T) => SortValue };

export const GENDER_LABELS: Readonly<Record<'nam' | 'nu', string>> = { nam: 'Nam', nu: 'Nữ' };

/** True when every word typed appears in one of the texts, diacritics and case aside ("nguyen lan" finds "Nguyễn Thị Lan"). */
export function matchesSearch(query: string, ...texts: (string | null | undefined)[]): boolean {
  return searchMatcher(query)(...texts);
}

/** The same test with the query prepared once, for filtering a long list. */
export function searchMatcher(query: string): (...texts: (string | null | undefined)[]) => boolean {
  const words = searchKey(query).split(' ').filter(Boolean);
  if (words.length === 0) {
    return () => true;
  }
  return (...texts) => {
    const haystack = texts.map((t) => searchKey(t ?? '')).join(' ');
    return words.every((w) => haystack.includes(w));
  };
}

const COLLATOR = new Intl.Collator('vi', { numeric: true });

function compare(a: NonNullable<SortValue>, b: NonNullable<SortValue>): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  if (typeof a === 'object' && typeof b === 'object') {
    return a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : 0;
  }
  return COLLATOR.compare(String(a), String(b));
}

/** A name as it sorts in a list: by given name, then the rest (names.ts). */
const byName = (fullName: string): SortValue => ({ nameKey: sortKey(fullName) });

/** A stable sort; empty values stay at the bottom whichever way the column is sorted. */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, dir: SortDir): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: value(row) }))
    .sort((x, y) => {
      if (x.v === null || y.v === null) {
        return x.v === y.v ? x.i - y.i : x.v === null ? 1 : -1;
      }
      return sign * compare(x.v, y.v) || x.i - y.i;
    })
    .map((x) => x.row);
}

/** The rows in the order the user chose; an unknown column keeps the service's order. */
export function sortByColumn<T>(rows: readonly T[], columns: readonly ListColumn<T>[], sort: ListSort | undefined): readonly T[] {
  const by = sort ? columns.find((c) => c.id === sort.column)?.sort : undefined;
  return by && sort ? sortRows(rows, by, sort.dir) : rows;
}

const date = (iso: string | null | undefined): Cell => (iso ? { date: iso } : null);
const stageLabel = (stage: string): string => (Object.hasOwn(STAGE_LABELS, stage) ? STAGE_LABELS[stage as Stage] : stage);
/** Pipeline order; a stage newer than this build sorts last. */
const pipelineOrder = (stage: string): number => (Object.hasOwn(STAGE_LABELS, stage) ? stageRank(stage as Stage) : STAGES.length);

/** A unit may hold 150,000 candidates, so their list is sorted by the database, on these columns. */
export const CANDIDATE_SORT_COLUMNS = ['name', 'gender', 'birthDate', 'stage'] as const;

export const CANDIDATE_COLUMNS: readonly ListColumn<CandidateRow>[] = [
  { id: 'name', ...text('Họ và tên', 28), cell: (r) => r.fullName },
  { id: 'gender', ...text('Giới tính', 10), cell: (r) => (r.gender ? GENDER_LABELS[r.gender] : null) },
  { id: 'birthDate', ...day('Ngày sinh', 14), cell: (r) => date(r.birthDate) },
  { id: 'stage', ...text('Giai đoạn', 30), cell: (r) => stageLabel(r.stage) },
  { id: 'mentor', ...text('Người giúp đỡ', 26), cell: (r) => r.mentorName },
];

/** A committee's list across its units names each person's unit, after the name as on screen. */
export const CANDIDATE_COLUMNS_ACROSS: readonly ListColumn<CandidateRow>[] = [
  CANDIDATE_COLUMNS[0]!,
  { id: 'unit', ...text('Đơn vị', 28), cell: (r) => r.unitName },
  ...CANDIDATE_COLUMNS.slice(1),
];

export function memberStatusText(m: Member): string {
  if (m.leftOn) {
    return 'Đã rời chi bộ';
  }
  return m.status === 'chinh-thuc' ? 'Chính thức' : 'Dự bị';
}

export const MEMBER_COLUMNS: readonly ListColumn<Member>[] = [
  { id: 'name', ...text('Họ và tên', 28), cell: (m) => m.fullName, sort: (m) => byName(m.fullName) },
  { id: 'gender', ...text('Giới tính', 10), cell: (m) => (m.gender ? GENDER_LABELS[m.gender] : null), sort: (m) => m.gender },
  { id: 'birthDate', ...day('Ngày sinh', 14), cell: (m) => date(m.birthDate), sort: (m) => m.birthDate },
  { id: 'status', ...text('Trạng thái', 16), cell: memberStatusText, sort: (m) => (m.leftOn ? 2 : m.status === 'chinh-thuc' ? 0 : 1) },
  { id: 'joinedOn', ...day('Ngày vào Đảng', 14), cell: (m) => date(m.joinedOn), sort: (m) => m.joinedOn },
  { id: 'fullMemberSince', ...day('Ngày chính thức', 14), cell: (m) => date(m.fullMemberSince), sort: (m) => m.fullMemberSince },
  { id: 'leftOn', ...day('Ngày rời chi bộ', 14), cell: (m) => date(m.leftOn), sort: (m) => m.leftOn },
  { id: 'canMentor', ...text('Có thể giúp đỡ', 14), cell: (m) => (m.canMentor ? 'Có' : null), sort: (m) => (m.canMentor ? 0 : 1) },
];

const SEVERITY_RANK: Readonly<Record<string, number>> = { error: 0, warning: 1, info: 2 };

export function todoSeverityText(item: TodoItemWire): string {
  return item.overdue ? 'Quá hạn' : (SEVERITY_LABELS[item.severity] ?? item.severity);
}

export const TODO_COLUMNS: readonly ListColumn<TodoItemWire>[] = [
  // Overdue first, then by severity: the order the screen opens with.
  { id: 'severity', ...text('Mức độ', 12), cell: todoSeverityText, sort: (i) => (i.overdue ? -1 : (SEVERITY_RANK[i.severity] ?? 3)) },
  { id: 'due', ...day('Hạn', 14), cell: (i) => date(i.due), sort: (i) => i.due ?? null },
  { id: 'name', ...text('Người vào Đảng', 26), cell: (i) => i.name, sort: (i) => byName(i.name) },
  { id: 'stage', ...text('Giai đoạn', 24), cell: (i) => stageLabel(i.stage), sort: (i) => pipelineOrder(i.stage) },
  { id: 'code', ...text('Việc cần làm', 30), cell: (i) => findingLabel(i.code), sort: (i) => findingLabel(i.code) },
  { id: 'message', ...text('Nội dung', 60), cell: (i) => i.message, sort: (i) => i.message },
  // Last and in small print: the code is for whoever asks for help, the words before it are for the secretary.
  { id: 'rawCode', ...text('Mã lỗi', 20), sheetOnly: true, cell: (i) => i.code, sort: (i) => i.code },
];

export const UNIT_COLUMNS: readonly ListColumn<DashboardUnit>[] = [
  { id: 'name', ...text('Đơn vị', 32), cell: (u) => u.name, sort: (u) => u.name },
  { id: 'code', ...text('Mã đơn vị', 14), cell: (u) => u.code, sort: (u) => u.code },
  { id: 'candidates', ...num('Hồ sơ'), cell: (u) => u.candidates, sort: (u) => u.candidates },
  { id: 'admissions', ...num('Kết nạp'), cell: (u) => u.admissions, sort: (u) => u.admissions },
  { id: 'target', ...num('Chỉ tiêu năm'), cell: (u) => u.target?.targetCount ?? null, sort: (u) => u.target?.targetCount ?? null },
  { id: 'progress', ...num('Đạt chỉ tiêu (%)'), cell: (u) => u.target?.percentAchieved ?? null, sort: (u) => u.target?.percentAchieved ?? null },
  { id: 'overdue', ...num('Lỗi, quá hạn'), cell: (u) => u.overdue, sort: (u) => u.overdue },
  { id: 'listing', ...num('Cảm tình → kết nạp (ngày)', 16), cell: (u) => u.medianDaysListingToAdmission, sort: (u) => u.medianDaysListingToAdmission },
  { id: 'recognition', ...num('Kết nạp → chính thức (ngày)', 16), cell: (u) => u.medianDaysCeremonyToRecognition, sort: (u) => u.medianDaysCeremonyToRecognition },
  { id: 'duplicates', ...num('Trùng'), cell: (u) => u.duplicates, sort: (u) => u.duplicates },
  // Last, so the columns before it keep their places for whoever reads the sheet by position.
  { id: 'tccsd', ...text('Thuộc', 28), cell: (u) => (u.tccsd ? `${u.tccsd.code} – ${u.tccsd.name}` : null), sort: (u) => u.tccsd?.code ?? null },
];

/**
 * Units in their sorted order, each chi bộ moved right under its đảng ủy cơ sở (in that order among its siblings), so
 * the table reads as the tree does; a chi bộ whose đảng ủy is not among the rows (a search left it out) keeps its
 * place. `sub` says which rows went under another.
 */
export function underTccsd<T extends { code: string; tccsd: { code: string } | null }>(rows: readonly T[]): { rows: T[]; sub: Set<string> } {
  const present = new Set(rows.map((u) => u.code));
  const below = new Map<string, T[]>();
  const top: T[] = [];
  for (const u of rows) {
    const parent = u.tccsd?.code;
    if (parent !== undefined && parent !== u.code && present.has(parent)) {
      below.set(parent, [...(below.get(parent) ?? []), u]);
    } else {
      top.push(u);
    }
  }
  const sub = new Set([...below.values()].flat().map((u) => u.code));
  return { rows: top.flatMap((u) => [u, ...(below.get(u.code) ?? [])]), sub };
}

export const LIST_TITLES: Readonly<Record<ListKind, string>> = {
  candidates: 'Danh sách người vào Đảng',
  members: 'Danh sách đảng viên',
  todo: 'Việc cần làm',
  units: 'Số liệu theo đơn vị',
};

/** The file name offered in the save dialog: the list and the day, without diacritics so every system keeps it. */
export function listFileName(kind: ListKind, today: string): string {
  return `${searchKey(LIST_TITLES[kind]).replace(/[^a-z0-9]+/g, '-')}-${today}.xlsx`;
}
