import ExcelJS from 'exceljs';
import type { Report } from '../../model/report';
import { reportTables } from './report-tables';
import type { Cell, Column, ColumnKind, ReportTable } from './table-model';

/** Liberation Serif (fonts-liberation2) has the metrics of Times New Roman and full Vietnamese coverage. */
const FONT = 'Times New Roman';
const FONT_SIZE = 12;
const SMALL_FONT_SIZE = 9;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };
const THIN: ExcelJS.Borders = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
  diagonal: {},
};
const NUM_FMT: Record<ColumnKind, string | undefined> = {
  text: undefined,
  number: '#,##0',
  percent: '#,##0.0',
  decimal: '#,##0.0',
  date: 'dd/mm/yyyy',
};
const HEADER_ROW = 4;
/** About what fits across an A4 page upright at 12 points, in Excel's column width units; wider tables lie down. */
const PORTRAIT_WIDTH = 95;
/** The height of one line of 12-point text in a row, in points. */
const ROW_LINE_PT = 16;

/** An ISO day as the UTC midnight Excel stores, so the sheet shows the same calendar day everywhere. */
function excelDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function cellValue(cell: Cell): ExcelJS.CellValue {
  return cell !== null && typeof cell === 'object' ? excelDate(cell.date) : cell;
}

/**
 * The report as a workbook: an information sheet, then one sheet per table with Vietnamese headers, numbers as
 * numbers and dates as date cells formatted dd/mm/yyyy (the format is set on each cell: a column style set after
 * the rows does not reach them, TOOLCHAIN.md pitfall 9).
 */
export async function reportToXlsx(report: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ptdv';
  wb.created = excelDate(report.asOf);
  addInfoSheet(wb, report);
  for (const table of reportTables(report)) {
    addTableSheet(wb, table, `${report.period.label} (số liệu đến ngày ${report.countedTo.split('-').reverse().join('/')})`);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One list from the screens (docs/lists.md) as a one-sheet workbook laid out like a report table. */
export async function listToXlsx(table: ReportTable, subtitle: string, created: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ptdv';
  wb.created = excelDate(created);
  addTableSheet(wb, table, subtitle);
  const ws = wb.worksheets[0]!;
  // Neither Excel nor LibreOffice grows a row for wrapped text on opening, so long messages would overlap the next row.
  table.rows.forEach((cells, r) => {
    const lines = Math.max(1, ...cells.map((cell, c) => (typeof cell === 'string' && !table.columns[c]?.sheetOnly ? wrappedLines(cell, table.columns[c]?.width ?? 10) : 1)));
    if (lines > 1) {
      ws.getRow(HEADER_ROW + 1 + r).height = lines * ROW_LINE_PT;
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** About how many lines a text takes in a wrapping column of `width` units (a 12-point letter is about one unit). */
function wrappedLines(text: string, width: number): number {
  return Math.ceil(text.length / Math.max(1, width - 2));
}

function styleCell(cell: ExcelJS.Cell, kind: ColumnKind, bold = false): void {
  cell.font = { name: FONT, size: FONT_SIZE, bold };
  cell.border = THIN;
  // Whole medians and percentages read better without a trailing ",0".
  const fmt = Number.isInteger(cell.value) ? NUM_FMT.number : NUM_FMT[kind];
  if (fmt) {
    cell.numFmt = fmt;
  }
  cell.alignment = { vertical: 'middle', horizontal: kind === 'text' ? 'left' : 'right', wrapText: kind === 'text' };
}

function addInfoSheet(wb: ExcelJS.Workbook, report: Report): void {
  const ws = wb.addWorksheet('Thông tin', { pageSetup: { orientation: 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.getColumn(1).width = 30;
  ws.getColumn(2).width = 40;
  const rows: [string, Cell, ColumnKind][] = [
    ['Đơn vị báo cáo', report.scope?.name ?? report.units[0]?.name ?? '', 'text'],
    ['Kỳ báo cáo', report.period.label, 'text'],
    ['Từ ngày', { date: report.period.start }, 'date'],
    ['Đến ngày', { date: report.period.end }, 'date'],
    ['Số liệu tính đến ngày', { date: report.countedTo }, 'date'],
    ['Ngày lập', { date: report.asOf }, 'date'],
    ['Số đơn vị', report.units.length, 'number'],
    ...(report.groups.some((g) => g.units.length > 0) ? [['Số tổ chức cơ sở đảng', report.groups.length, 'number'] as [string, Cell, ColumnKind]] : []),
  ];
  title(ws, 'BÁO CÁO CÔNG TÁC PHÁT TRIỂN ĐẢNG VIÊN', report.period.label, 2);
  rows.forEach(([label, value, kind], i) => {
    const row = ws.getRow(HEADER_ROW + i);
    row.getCell(1).value = label;
    styleCell(row.getCell(1), 'text', true);
    row.getCell(2).value = cellValue(value);
    styleCell(row.getCell(2), kind);
    row.getCell(2).alignment = { horizontal: 'left' };
  });
}

function title(ws: ExcelJS.Worksheet, heading: string, subtitle: string, span: number): void {
  ws.mergeCells(1, 1, 1, span);
  ws.mergeCells(2, 1, 2, span);
  const top = ws.getCell(1, 1);
  top.value = heading;
  top.font = { name: FONT, size: 14, bold: true };
  top.alignment = { horizontal: 'center' };
  const sub = ws.getCell(2, 1);
  sub.value = subtitle;
  sub.font = { name: FONT, size: FONT_SIZE, italic: true };
  sub.alignment = { horizontal: 'center' };
}

function addTableSheet(wb: ExcelJS.Workbook, table: ReportTable, subtitle: string): void {
  const ws = wb.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  // Printed, a table keeps all its columns on one A4 page width and its header on every page; the rows run on.
  const width = table.columns.reduce((sum, col) => sum + col.width, 0);
  ws.pageSetup = { orientation: width > PORTRAIT_WIDTH ? 'landscape' : 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` };
  // A printed sheet of many pages says which page each is, as the report's DOCX and PDF do.
  ws.headerFooter = { oddFooter: '&CTrang &P/&N' };
  title(ws, table.title.toUpperCase(), subtitle, table.columns.length);
  const header = ws.getRow(HEADER_ROW);
  table.columns.forEach((col: Column, i) => {
    ws.getColumn(i + 1).width = col.width;
    const cell = header.getCell(i + 1);
    cell.value = col.header;
    styleCell(cell, 'text', true);
    cell.fill = HEADER_FILL;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  // A wrapped header keeps the height of one line unless told (Excel and LibreOffice alike), hiding its second line.
  header.height = Math.max(1, ...table.columns.map((col) => wrappedLines(col.header, col.width))) * ROW_LINE_PT;
  if (table.rows.length === 0 && table.emptyText) {
    ws.mergeCells(HEADER_ROW + 1, 1, HEADER_ROW + 1, table.columns.length);
    const cell = ws.getCell(HEADER_ROW + 1, 1);
    cell.value = table.emptyText;
    styleCell(cell, 'text');
    cell.font = { name: FONT, size: FONT_SIZE, italic: true };
    cell.alignment = { horizontal: 'center' };
  }
  const body = table.totalRow ? [...table.rows, table.totalRow] : table.rows;
  const levels = table.rowLevels;
  // A chi bộ's row is grouped under its đảng ủy cơ sở's row above it, so Excel folds and unfolds the drill-down.
  ws.properties.outlineProperties = { summaryBelow: false, summaryRight: false };
  body.forEach((cells, r) => {
    const row = ws.getRow(HEADER_ROW + 1 + r);
    const sub = levels?.[r] === 1;
    const bold = (table.totalRow !== null && r === table.rows.length) || (levels?.[r] === 0 && levels[r + 1] === 1);
    table.columns.forEach((col, c) => {
      const cell = row.getCell(c + 1);
      cell.value = cellValue(cells[c] ?? null);
      styleCell(cell, col.kind, bold);
      if (col.sheetOnly) {
        // A code in small print on one line: readable when asked for, never the widest thing in the row.
        cell.font = { name: FONT, size: SMALL_FONT_SIZE, bold, color: { argb: 'FF666666' } };
        cell.alignment = { ...cell.alignment, wrapText: false };
      }
      if (sub && c === 1) {
        cell.alignment = { ...cell.alignment, indent: 2 };
      }
    });
    if (sub) {
      row.outlineLevel = 1;
    }
  });
}
