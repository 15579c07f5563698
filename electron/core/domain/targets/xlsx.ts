import ExcelJS from 'exceljs';
import { AppError } from '../../errors';
import type { TargetTable } from '../../model/target-table';
import { TARGET_PERIODS, type TargetKind, type TargetPeriod } from '../../model/targets';

/**
 * The targets table as a workbook (docs/targets.md "XLSX"): a few labelled lines naming the year and period, then
 * one row per unit under a header row whose first cell is "Mã đơn vị". People fill in "Tính theo" and "Chỉ tiêu" and
 * send the file back; everything else is read-only information and is ignored on import.
 */

const FONT = { name: 'Times New Roman', size: 12 };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8DC' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

const CODE_HEADER = 'Mã đơn vị';
const YEAR_LABEL = 'Năm';
const PERIOD_LABEL = 'Kỳ';
const COLUMNS = [
  { header: CODE_HEADER, width: 20 },
  { header: 'Tên đơn vị', width: 36 },
  { header: 'Đảng viên chính thức 01/01', width: 16 },
  { header: 'Tính theo (người / %)', width: 14 },
  { header: 'Chỉ tiêu', width: 12 },
  { header: 'Quy ra người', width: 12 },
  { header: 'Đã kết nạp', width: 12 },
  { header: 'Tỷ lệ đạt (%)', width: 12 },
  // Information only, like the columns after E: what a superior further up gave the unit straight (docs/targets.md).
  { header: 'Cấp trên giao thẳng', width: 36 },
] as const;
const KIND_COL = 4;
const VALUE_COL = 5;
const KIND_TEXT: Record<TargetKind, string> = { count: 'người', 'percent-of-full-members': '%' };
/** A filled-in table is a few kilobytes; anything far bigger is not one. */
export const MAX_TARGET_SHEET_BYTES = 5 * 1024 * 1024;

const letter = (col: number) => String.fromCharCode(64 + col);

export async function targetTableToXlsx(table: TargetTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ptdv';
  const ws = wb.addWorksheet('Chỉ tiêu', { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  ws.addRow([`Chỉ tiêu kết nạp đảng viên — ${table.periodLabel}`]).font = { ...FONT, bold: true, size: 14 };
  const info = [
    ws.addRow(['Đơn vị giao', `${table.self.name} (${table.self.code})`]),
    ws.addRow([YEAR_LABEL, table.year]),
    ws.addRow([PERIOD_LABEL, table.period, table.periodLabel]),
    ws.addRow(['Tính đến ngày', new Date(`${table.countedTo}T00:00:00Z`)]),
    ws.addRow(['Chỉ tiêu của đơn vị', table.own ? `${table.own.targetCount} người` : 'chưa có', table.remainder === null ? '' : `còn lại để giao: ${table.remainder} người`]),
  ];
  info.forEach((row) => {
    row.font = FONT;
    row.getCell(2).alignment = { horizontal: 'left' };
  });
  info[3]!.getCell(2).numFmt = 'dd/mm/yyyy';
  ws.addRow([]);
  const header = ws.addRow(COLUMNS.map((c) => c.header));
  // The header stays in sight while the units scroll by, as in the report's sheets.
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  header.height = 34;
  header.eachCell((cell) => {
    cell.font = { ...FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  for (const r of table.rows) {
    const row = ws.addRow([
      r.code,
      r.name,
      r.fullMembersAtYearStart,
      r.assigned ? KIND_TEXT[r.assigned.kind] : null,
      r.assigned ? r.assigned.value : null,
      r.assigned ? r.assigned.targetCount : null,
      r.achieved,
      r.percentAchieved,
      r.fromAbove.map((a) => `${a.issuerName} (${a.issuerCode}): ${a.targetCount} người`).join('; ') || null,
    ]);
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.font = FONT;
      cell.border = THIN;
      if (col === KIND_COL || col === VALUE_COL) {
        cell.fill = INPUT_FILL;
      }
    });
  }
  // The total counts the units with a target only (so one without cannot lift the rate), and says so in its label;
  // when some have none, a second line gives the figures of all units, so each column still adds up somewhere.
  const withTarget = table.rows.filter((r) => r.assigned !== null);
  const members = (rows: typeof table.rows) => rows.reduce((sum, r) => sum + r.fullMembersAtYearStart, 0);
  const totals = [
    ws.addRow(['', `Tổng cộng (${table.total.unitsWithTarget}/${table.total.units} đơn vị có chỉ tiêu)`, members(withTarget), '', null, table.total.targetCount, table.total.achieved, table.total.percentAchieved, null]),
    ...(withTarget.length < table.rows.length ? [ws.addRow(['', `Tất cả ${table.total.units} đơn vị`, members(table.rows), '', null, null, table.total.achievedAllUnits, null, null])] : []),
  ];
  for (const total of totals) {
    total.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { ...FONT, bold: true };
      cell.border = THIN;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type TargetSheetEntry = { row: number; unitCode: string; kind: TargetKind; value: number | null };
export type TargetSheet = { year: number; period: TargetPeriod; codeColumn: string; entries: TargetSheetEntry[] };

/** A cell as what a person typed: a number, a trimmed text, or null when empty (formula cells give their result). */
function content(cell: ExcelJS.Cell): number | string | null {
  let v: unknown = cell.value;
  if (v !== null && typeof v === 'object' && 'result' in v) {
    v = (v as { result: unknown }).result;
  }
  if (typeof v === 'number') {
    return v;
  }
  if (v === null || v === undefined) {
    return null;
  }
  const text = (typeof v === 'object' ? cell.text : String(v)).trim();
  return text === '' ? null : text;
}

function kindOf(raw: number | string | null): TargetKind | null {
  const text = String(raw ?? 'người').trim().toLowerCase();
  if (['người', 'nguoi', 'số người', 'count'].includes(text)) {
    return 'count';
  }
  if (['%', 'phần trăm', 'percent', 'tỷ lệ', 'tỉ lệ'].includes(text)) {
    return 'percent-of-full-members';
  }
  return null;
}

function periodOf(raw: number | string | null): TargetPeriod | null {
  const text = String(raw ?? '').trim().toUpperCase();
  return TARGET_PERIODS.find((p) => p.toUpperCase() === text || (text === 'NĂM' && p === 'year')) ?? null;
}

function numberOf(raw: number | string): number | null {
  if (typeof raw === 'number') {
    return raw;
  }
  return /^\d{1,6}([.,]\d{1,4})?$/.test(raw) ? Number(raw.replace(',', '.')) : null;
}

/**
 * Reads a targets workbook. Each problem names its row and column; any problem refuses the file (AppError listing
 * them all). A row with an empty code ends the table (the totals line); an empty "Chỉ tiêu" means no target.
 */
export async function parseTargetTableXlsx(bytes: Uint8Array): Promise<TargetSheet> {
  if (bytes.byteLength > MAX_TARGET_SHEET_BYTES) {
    throw new AppError('validation', 'Tệp quá lớn để là bảng chỉ tiêu (tối đa 5 MB).');
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError('validation', 'Không đọc được tệp: cần tệp Excel (.xlsx) xuất từ màn hình Chỉ tiêu hoặc lệnh ptdv targets export.');
  }
  const ws = wb.worksheets[0];
  if (!ws) {
    throw new AppError('validation', 'Tệp Excel không có trang tính nào.');
  }
  let year: number | null = null;
  let period: TargetPeriod | null = null;
  let headerRow = 0;
  const problems: string[] = [];
  for (let r = 1; r <= Math.min(ws.rowCount, 50) && headerRow === 0; r++) {
    const label = content(ws.getCell(r, 1));
    const value = content(ws.getCell(r, 2));
    if (label === YEAR_LABEL) {
      year = typeof value === 'number' && Number.isInteger(value) && value >= 2000 && value <= 2100 ? value : null;
      if (year === null) {
        problems.push(`dòng ${r}, cột B (Năm): "${value ?? ''}" không phải là năm (ví dụ 2026)`);
      }
    } else if (label === PERIOD_LABEL) {
      period = periodOf(value);
      if (period === null) {
        problems.push(`dòng ${r}, cột B (Kỳ): "${value ?? ''}" không phải là kỳ (year, Q1…Q4, M01…M12)`);
      }
    } else if (label === CODE_HEADER) {
      headerRow = r;
    }
  }
  if (headerRow === 0) {
    throw new AppError('validation', `Không thấy dòng tiêu đề có ô "${CODE_HEADER}" ở cột A: tệp không phải bảng chỉ tiêu.`);
  }
  if (year === null && problems.length === 0) {
    problems.push(`thiếu dòng "${YEAR_LABEL}" (cột A) cho biết năm của chỉ tiêu`);
  }
  if (period === null && !problems.some((p) => p.includes('(Kỳ)'))) {
    problems.push(`thiếu dòng "${PERIOD_LABEL}" (cột A) cho biết kỳ của chỉ tiêu`);
  }
  const entries: TargetSheetEntry[] = [];
  const kindHeader = 'Tính theo';
  const valueHeader = 'Chỉ tiêu';
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const code = content(ws.getCell(r, 1));
    if (code === null) {
      break;
    }
    const unitCode = String(code).trim().toUpperCase();
    const kindRaw = content(ws.getCell(r, KIND_COL));
    const valueRaw = content(ws.getCell(r, VALUE_COL));
    const kind = kindOf(kindRaw);
    if (kind === null) {
      problems.push(`dòng ${r}, cột ${letter(KIND_COL)} (${kindHeader}): "${kindRaw}" cần là "người" hoặc "%"`);
      continue;
    }
    if (valueRaw === null) {
      entries.push({ row: r, unitCode, kind, value: null });
      continue;
    }
    const value = numberOf(valueRaw);
    if (value === null || value < 0) {
      problems.push(`dòng ${r}, cột ${letter(VALUE_COL)} (${valueHeader}): "${valueRaw}" không phải là số không âm`);
    } else if (kind === 'count' && !Number.isInteger(value)) {
      problems.push(`dòng ${r}, cột ${letter(VALUE_COL)} (${valueHeader}): số người phải là số nguyên, không phải ${valueRaw}`);
    } else if (kind === 'percent-of-full-members' && value > 100) {
      problems.push(`dòng ${r}, cột ${letter(VALUE_COL)} (${valueHeader}): tỷ lệ phải từ 0 đến 100%, không phải ${valueRaw}`);
    } else if (value > 100000) {
      problems.push(`dòng ${r}, cột ${letter(VALUE_COL)} (${valueHeader}): ${valueRaw} người là quá lớn`);
    } else {
      entries.push({ row: r, unitCode, kind, value });
    }
  }
  const seen = new Map<string, number>();
  for (const e of entries) {
    const first = seen.get(e.unitCode);
    if (first !== undefined) {
      problems.push(`dòng ${e.row}, cột A (${CODE_HEADER}): ${e.unitCode} đã có ở dòng ${first}`);
    }
    seen.set(e.unitCode, first ?? e.row);
  }
  if (problems.length > 0 || year === null || period === null) {
    throw new AppError('validation', `Tệp chỉ tiêu có lỗi, không có chỉ tiêu nào được lưu: ${problems.join('; ')}.`);
  }
  return { year, period, codeColumn: 'A', entries };
}
