/** A cell of a report table: text, a number, an ISO day shown as a real date, or empty. */
export type Cell = string | number | { date: string } | null;

/** `percent` and `decimal` are numbers shown with one decimal; the header carries the unit. */
export type ColumnKind = 'text' | 'number' | 'percent' | 'decimal' | 'date';

/** `sheetOnly`: a column for tools reading the spreadsheet (a finding's code), left off printed pages. */
export type Column = { header: string; kind: ColumnKind; width: number; sheetOnly?: boolean };

/**
 * One table of a report, rendered the same way in XLSX (one sheet each), DOCX and HTML.
 * `body` tables describe the whole scope and go in the document text; `appendix` tables have a row per unit.
 */
export type ReportTable = {
  id: string;
  /** Sheet name: at most 31 characters, none of []:*?/\ (Excel's limits). */
  sheet: string;
  title: string;
  placement: 'body' | 'appendix';
  columns: Column[];
  rows: Cell[][];
  /**
   * Per row, 0 for a row of its own and 1 for a row of the drill-down under the last row of level 0 before it (a
   * chi bộ under its đảng ủy cơ sở): printed indented, grouped in the workbook. Absent when every row is level 0.
   */
  rowLevels?: number[];
  /** Bold closing row (Tổng cộng), null when the table has none. */
  totalRow: Cell[] | null;
  /** Said across the whole table when it has no rows, so a reader sees "none" rather than a bare header. */
  emptyText?: string;
};

export const text = (header: string, width = 30): Column => ({ header, kind: 'text', width });
export const num = (header: string, width = 12): Column => ({ header, kind: 'number', width });
export const pct = (header: string, width = 12): Column => ({ header, kind: 'percent', width });
export const dec = (header: string, width = 14): Column => ({ header, kind: 'decimal', width });
export const day = (header: string, width = 16): Column => ({ header, kind: 'date', width });

const NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: 1 });

/** A cell as Vietnamese readers write it: 1.234 and 66,7 and dd/mm/yyyy; empty cells stay empty. */
export function formatCell(cell: Cell, kind: ColumnKind): string {
  if (cell === null) {
    return '';
  }
  if (typeof cell === 'object') {
    const [y, m, d] = cell.date.split('-');
    return `${d}/${m}/${y}`;
  }
  if (typeof cell === 'string') {
    return cell;
  }
  return kind === 'percent' || kind === 'decimal' ? ONE_DECIMAL.format(cell) : NUMBER.format(cell);
}

/** Share of `part` in `whole` in percent with one decimal, null when there is no whole. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/** The table as printed (DOCX, HTML/PDF): without the columns meant for the spreadsheet only. */
export function forPaper(table: ReportTable): ReportTable {
  const keep = table.columns.map((c) => !c.sheetOnly);
  if (keep.every(Boolean)) {
    return table;
  }
  const cells = (row: Cell[]) => row.filter((_, i) => keep[i]);
  return {
    ...table,     columns: table.columns.filter((_, i) => keep[i]),
    rows: table.rows.map(cells),
    totalRow: table.totalRow ? cells(table.totalRow) : null,
  };
}
