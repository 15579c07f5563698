import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText } from '../helpers/docx-text';
import { reportToXlsx } from '../../electron/core/domain/reports/xlsx';
import { reportSchema, type Report } from '../../electron/core/model/report';
import { pdfPageCount, pdfPageLines, pdfText, renderPages, toPdf } from '../core/reports/libreoffice';
import { TEST_PASSPHRASE, testContext } from '../helpers/db';
import { recordCell, recordRoster, recordSuperior, superiorContext } from '../services/report-fixtures';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'electron/cli/bin.mjs');
const AS_OF = '2026-11-23';
const env = { ...process.env, PTDV_PASSPHRASE: TEST_PASSPHRASE, PTDV_TODAY: AS_OF, PTDV_CHROMIUM: '/usr/bin/chromium' };

/** `ptdv …` as a user runs it: a separate process through the package's bin entry. */
function ptdv(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every cell value of every sheet, dates as ISO days, so two workbooks can be compared as data. */
async function workbookValues(bytes: Buffer): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))));
    out[ws.name] = rows;
  });
  return out;
}

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  return wb;
}

function rowOf(ws: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if ((row.values as unknown[]).includes(label)) {
      found = row;
    }
  });
  if (!found) {
    throw new Error(`no row "${label}" in ${ws.name}`);
  }
  return found;
}

/** Collapses the spaces pdftotext puts between table cells, so a row reads "label 1 2 3". */
const flat = (text: string) => text.replace(/[ \t]+/g, ' ');

describe('ptdv report on a cell (recordCell: An decided 31/03/2026, Bình 01/04/2026)', () => {
  let dir = '';
  let db = '';
  const out = (name: string) => join(dir, name);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const common = () => ['report', '--db', db, '--period', '2026-Q1', '--number', '05-BC/CB', '--place', 'Hà Nội'];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ptdv-report-cli-'));
    const made = testContext(AS_OF, undefined, dir);
    recordRoster(made.ctx, 10);
    recordCell(made.ctx);
    made.database.close();
    db = made.file;
  });

  it('writes the JSON document with the quarter’s numbers and exits 0', () => {
    const r = ptdv([...common(), '--format', 'json', '--out', out('q1.json')]);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('Đã ghi báo cáo Quý I năm 2026 (1 đơn vị, 4 hồ sơ, tính đến 31/03/2026)');
    const report = reportSchema.parse(JSON.parse(readFileSync(out('q1.json'), 'utf8')));
    const u = report.units[0]!;
    expect([report.period.code, report.countedTo, u.code, u.flows.admitted, u.flows.withdrawn, u.admissions.women, u.fullMembersAtYearStart]).toEqual(['2026-Q1', '2026-03-31', 'CB014', 1, 1, 1, 10]);
  });

  it('says in Vietnamese that the folder of --out does not exist, and writes nothing', () => {
    const r = ptdv([...common(), '--format', 'json', '--out', out('khong-co/q1.json')]);
    // Input to correct, refused before anything is counted (README: exit 2).
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--out: thư mục ${out('khong-co')} không tồn tại`);
    expect(r.stderr).not.toMatch(/không mong đợi|ENOENT/);
    expect(existsSync(out('khong-co'))).toBe(false);
  });

  it('takes an --out whose folder is a file for a folder that does not exist, not for an unexpected error', () => {
    writeFileSync(out('ghi-chu.txt'), 'x');
    const r = ptdv([...common(), '--format', 'json', '--out', out('ghi-chu.txt/q1.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--out: thư mục ${out('ghi-chu.txt')} không tồn tại`);
    expect(r.stderr).not.toMatch(/không mong đợi|ENOTDIR/);
  });

  it('writes an XLSX whose sheets carry the numbers as numbers and the dates as dates, and every number is in the JSON', async () => {
    const r = ptdv([...common(), '--format', 'xlsx', '--out', out('q1.xlsx')]);
    expect(r).toMatchObject({ code: 0 });
    const wb = await workbook(out('q1.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Thông tin', 'Tổng hợp', 'Cơ cấu kết nạp', 'Chỉ tiêu', 'Chất lượng', 'Tồn cuối kỳ', 'Phát sinh trong kỳ', 'Xu hướng theo quý']));
    const summary = wb.getWorksheet('Tổng hợp')!;
    expect(rowOf(summary, 'Trong kỳ: Kết nạp (theo ngày ký quyết định)').getCell(2).value).toBe(1);
    expect(rowOf(summary, 'Trong kỳ: Dừng xem xét').getCell(2).value).toBe(1);
    expect(rowOf(summary, 'Đảng viên chính thức đầu năm').getCell(2).value).toBe(10);
    const info = wb.getWorksheet('Thông tin')!;
    const dates: Date[] = [];
    info.eachRow((row) => (row.values as unknown[]).forEach((v) => v instanceof Date && dates.push(v)));
    expect(dates.map((d) => d.toISOString().slice(0, 10))).toEqual(expect.arrayContaining(['2026-01-01', '2026-03-31']));
    // The JSON carries every number the workbook shows: the same workbook rebuilt from the JSON alone is identical.
    ptdv([...common(), '--format', 'json', '--out', out('same.json')]);
    const fromJson = await reportToXlsx(JSON.parse(readFileSync(out('same.json'), 'utf8')) as Report);
    expect(await workbookValues(fromJson)).toEqual(await workbookValues(readFileSync(out('q1.xlsx'))));
  });

  it('writes a DOCX Party document that LibreOffice prints with the Vietnamese header, title and numbers', () => {
    expect(ptdv([...common(), '--format', 'docx', '--out', out('bao-cao-q1.docx')]).code).toBe(0);
    const [pdf] = toPdf([out('bao-cao-q1.docx')], join(dir, 'lo-docx'));
    renderPages(pdf!, 'cli-cell-docx', 2);
    const text = flat(pdfText(pdf!));
    for (const s of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'CHI BỘ KỸ THUẬT', 'Số 05-BC/CB', 'Hà Nội, ngày', 'BÁO CÁO', 'Kết quả công tác phát triển đảng viên quý I năm 2026', 'Nơi nhận:', 'T/M CHI BỘ', 'BÍ THƯ']) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/Trong kỳ: Kết nạp \(theo ngày ký quyết định\) 1\b/);
    expect(text).toMatch(/Đảng viên chính thức đầu năm 10\b/);
  });

  it('writes an XLSX that LibreOffice prints with the Vietnamese headers and numbers', () => {
    const [pdf] = toPdf([out('q1.xlsx')], join(dir, 'lo-xlsx'));
    renderPages(pdf!, 'cli-cell-xlsx', 2);
    const text = flat(pdfText(pdf!));
    for (const s of ['BÁO CÁO CÔNG TÁC PHÁT TRIỂN ĐẢNG VIÊN', 'Quý I năm 2026', 'Cảm tình Đảng', '31/03/2026']) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/Tổng số được kết nạp 1 100/);
  });

  it('writes a PDF printed by Chromium from the report page, with the header, the numbers and Vietnamese text', () => {
    const r = ptdv([...common(), '--format', 'pdf', '--out', out('q1.pdf')]);
    expect(r).toMatchObject({ code: 0 });
    expect(readFileSync(out('q1.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    renderPages(out('q1.pdf'), 'cli-cell-pdf', 2);
    const text = flat(pdfText(out('q1.pdf')));
    for (const s of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'CHI BỘ KỸ THUẬT', 'Số 05-BC/CB', 'BÁO CÁO', 'quý I năm 2026', 'Nơi nhận:', 'T/M CHI BỘ', 'Cảm tình Đảng', 'Nguồn (quần chúng ưu tú)']) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/Trong kỳ: Kết nạp \(theo ngày ký quyết định\) 1\b/);
    // Numbered in the top margin from the second page on, like the DOCX.
    expect(pdfPageCount(out('q1.pdf'))).toBeGreaterThanOrEqual(2);
    expect(pdfPageLines(out('q1.pdf'), 1)[0]).not.toBe('1');
    expect(pdfPageLines(out('q1.pdf'), 2)[0]).toBe('2');
  });

  it('refuses a bad period, an unknown unit, an unknown format and both --unit and --all in Vietnamese, writing nothing', () => {
    const badPeriod = ptdv(['report', '--db', db, '--period', '2026-Q5', '--format', 'json', '--out', out('x1.json')]);
    expect([badPeriod.code, badPeriod.stdout]).toEqual([2, '']);
    expect(badPeriod.stderr).toContain('Kỳ báo cáo "2026-Q5" không hợp lệ');
    const badUnit = ptdv(['report', '--db', db, '--period', '2026-Q1', '--unit', 'CB99', '--format', 'json', '--out', out('x2.json')]);
    expect(badUnit.code).toBe(1);
    expect(badUnit.stderr).toContain('Không có đơn vị mã CB99');
    const badFormat = ptdv(['report', '--db', db, '--period', '2026-Q1', '--format', 'odt', '--out', out('x3.odt')]);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('Định dạng "odt" không hỗ trợ');
    const both = ptdv(['report', '--db', db, '--period', '2026-Q1', '--unit', 'CB014', '--all', '--format', 'json', '--out', out('x4.json')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Chọn --unit MÃ hoặc --all');
    const notStarted = ptdv(['report', '--db', db, '--period', '2027-Q1', '--format', 'json', '--out', out('x5.json')]);
    expect(notStarted.code).toBe(2);
    expect(notStarted.stderr).toContain('chưa bắt đầu');
    // A report counts what has happened: a day after today would project stages and findings nobody has seen.
    const ahead = ptdv(['report', '--db', db, '--period', '2026-Q4', '--as-of', '2027-03-31', '--format', 'json', '--out', out('x6.json')]);
    expect(ahead.code).toBe(2);
    expect(ahead.stderr).toContain('là ngày sau hôm nay');
    expect(['x1.json', 'x2.json', 'x3.odt', 'x4.json', 'x5.json', 'x6.json'].some((f) => existsSync(out(f)))).toBe(false);
  });

  it('prints a frozen version again as it was sent, with its number and date, and refuses one that was not saved', async () => {
    const freeze = ptdv(['report', 'freeze', '--db', db, '--period', '2026-Q1', '--number', '07-BC/CB', '--issued', '2026-04-05', '--place', 'Hà Nội']);
    expect(freeze.code).toBe(0);
    const r = ptdv(['report', '--db', db, '--period', '2026-Q1', '--format', 'docx', '--out', out('q1-sent.docx'), '--frozen', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('số 07-BC/CB ngày 05/04/2026 (phiên bản 1, như đã gửi)');
    const text = await docxText(readFileSync(out('q1-sent.docx')));
    expect(text).toContain('Số 07-BC/CB');
    expect(text).toContain('Hà Nội, ngày 05 tháng 04 năm 2026');
    const missing = ptdv(['report', '--db', db, '--period', '2026-Q1', '--format', 'docx', '--out', out('q1-v2.docx'), '--frozen', '2']);
    expect([missing.code, missing.stderr.includes('chưa lưu phiên bản 2 của báo cáo Quý I năm 2026')]).toEqual([2, true]);
    const mixed = ptdv(['report', '--db', db, '--period', '2026-Q1', '--format', 'docx', '--out', out('q1-v3.docx'), '--frozen', '1', '--as-of', '2026-02-01']);
    expect([mixed.code, mixed.stderr.includes('không dùng cùng --as-of')]).toEqual([2, true]);
    expect(existsSync(out('q1-v2.docx')) || existsSync(out('q1-v3.docx'))).toBe(false);
  });
});

describe('ptdv report --all at a superior (recordSuperior)', () => {
  let dir = '';
  let db = '';
  const out = (name: string) => join(dir, name);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ptdv-report-cli-all-'));
    const made = superiorContext(AS_OF, dir);
    recordSuperior(made.ctx);
    made.database.close();
    db = made.file;
  });

  it('sums the units below in the JSON, with the total equal to the sum', () => {
    const r = ptdv(['report', '--db', db, '--period', '2026', '--all', '--format', 'json', '--out', out('nam.json')]);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('3 đơn vị, 8 hồ sơ');
    const report = reportSchema.parse(JSON.parse(readFileSync(out('nam.json'), 'utf8')));
    expect(report.units.map((u) => [u.code, u.flows.admitted])).toEqual([
      ['CB01', 2],
      ['CB02', 1],
      ['CB03', 0],
    ]);
    expect(report.total).toMatchObject({ code: 'DUK01', flows: { admitted: 3 }, quality: { admissionsThisYear: 3 } });
    expect(report.unitsWithoutAdmission).toEqual([{ code: 'CB03', name: 'Chi bộ Vận tải' }]);
  });

  // Three whole CLI processes, each writing a document (the PDF through Chromium): slow on a loaded machine.
  it('prints the total and a landscape appendix with one row per unit in the DOCX, XLSX and PDF', async () => {
    for (const format of ['docx', 'xlsx', 'pdf']) {
      const r = ptdv(['report', '--db', db, '--period', '2026', '--all', '--format', format, '--number', '12-BC/ĐUK', '--place', 'Hà Nội', '--out', out(`tong-hop-${format}.${format}`)]);
      expect(r).toMatchObject({ code: 0 });
    }
    const flows = (await workbook(out('tong-hop-xlsx.xlsx'))).getWorksheet('Phát sinh trong kỳ')!;
    const admitted = (flows.getRow(4).values as unknown[]).indexOf('Kết nạp (theo ngày ký quyết định)');
    expect(['Chi bộ Cơ khí', 'Chi bộ Dệt may', 'Chi bộ Vận tải', 'Tổng cộng'].map((u) => rowOf(flows, u).getCell(admitted).value)).toEqual([2, 1, 0, 3]);
    const [docxPdf] = toPdf([out('tong-hop-docx.docx')], join(dir, 'lo-all'));
    renderPages(docxPdf!, 'cli-all-docx', 3);
    renderPages(out('tong-hop-pdf.pdf'), 'cli-all-pdf', 3);
    for (const text of [flat(pdfText(docxPdf!)), flat(pdfText(out('tong-hop-pdf.pdf')))]) {
      // The committee's name wraps in the header column, so only its start is on one line.
      for (const s of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'ĐẢNG ỦY KHỐI', 'Số 12-BC/ĐUK', 'T/M BAN THƯỜNG VỤ', 'PHỤ LỤC', 'Chi bộ Dệt may', 'ĐƠN VỊ CHƯA KẾT NẠP ĐẢNG VIÊN TỪ ĐẦU NĂM', 'NGƯỜI XUẤT HIỆN Ở NHIỀU ĐƠN VỊ', 'Chi bộ Vận tải']) {
        expect(text).toContain(s);
      }
      // Appendix rows: flows (…, admitted 2, ceremonies 1, …), year targets, and medians of the total.
      expect(text).toContain('1 Chi bộ Cơ khí 0 1 0 0 2 1 0 0 0 0');
      expect(text).toContain('Tổng cộng 1 2 1 0 3 1 1 0 1 0');
      expect(text).toContain('1 Chi bộ Cơ khí 10 3 2 66,7');
      expect(text).toContain('Tổng cộng 35 5 3 60');
      expect(text).toContain('Tổng cộng 3 227 375');
    }
  }, 180_000);

  it('refuses --all in a database with no units below', () => {
    const cell = testContext(AS_OF);
    cell.database.close();
    const r = ptdv(['report', '--db', cell.file, '--period', '2026', '--all', '--format', 'json', '--out', out('none.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Chưa có đơn vị cấp dưới nào gửi dữ liệu lên');
  });
});
