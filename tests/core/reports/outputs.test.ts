import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportToDocx } from '../../../electron/core/domain/reports/docx';
import { reportToHtml } from '../../../electron/core/domain/reports/html';
import { reportToXlsx } from '../../../electron/core/domain/reports/xlsx';
import { pdfPageCount, pdfPageLines, pdfText, renderPages, toPdf } from './libreoffice';
import { sampleMeta, sampleReport } from './sample-report';

const report = sampleReport();

async function workbook(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await reportToXlsx(report)) as unknown as ArrayBuffer);
  return wb;
}

function findRow(ws: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (row.values && (row.values as unknown[]).includes(label)) {
      found = row;
    }
  });
  if (!found) {
    throw new Error(`no row "${label}" in ${ws.name}`);
  }
  return found;
}

describe('reportToXlsx', () => {
  it('writes one sheet per table with Vietnamese names and headers', async () => {
    const wb = await workbook();
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Thông tin', 'Tổng hợp', 'Cơ cấu kết nạp', 'Chỉ tiêu', 'Tồn cuối kỳ', 'Phát sinh trong kỳ', 'Xu hướng theo quý', 'Trùng lặp']));
    const stock = wb.getWorksheet('Tồn cuối kỳ')!;
    expect(stock.getRow(4).values).toEqual(expect.arrayContaining(['STT', 'Đơn vị', 'Cảm tình Đảng', 'Có quyết định kết nạp', 'Đảng viên dự bị']));
    expect(stock.getCell(4, 1).font?.name).toBe('Times New Roman');
    // Printed over several pages, each says which it is.
    expect(stock.headerFooter.oddFooter).toBe('&CTrang &P/&N');
  });

  it('stores counts as numbers, with the total row equal to the sum of the units', async () => {
    const flows = (await workbook()).getWorksheet('Phát sinh trong kỳ')!;
    const admittedCol = (flows.getRow(4).values as unknown[]).indexOf('Kết nạp (theo ngày ký quyết định)');
    const values = ['Chi bộ Khu dân cư số 5', 'Chi bộ Trường THCS Ngọc Hà', 'Chi bộ Tổ dân phố 9', 'Tổng cộng'].map((u) => findRow(flows, u).getCell(admittedCol).value);
    expect(values).toEqual([2, 1, 0, 3]);
    expect(findRow(flows, 'Tổng cộng').getCell(admittedCol).font?.bold).toBe(true);
  });

  it('stores dates as date cells shown dd/mm/yyyy', async () => {
    const targets = (await workbook()).getWorksheet('Chỉ tiêu')!;
    const year = findRow(targets, 'Năm 2026');
    expect(year.getCell(2).value).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(year.getCell(3).value).toEqual(new Date('2026-12-31T00:00:00Z'));
    expect(year.getCell(2).numFmt).toBe('dd/mm/yyyy');
    expect([year.getCell(6).value, year.getCell(7).value, year.getCell(8).value]).toEqual([3, 3, 100]);
  });
});

describe('reportToHtml', () => {
  const html = reportToHtml(report, sampleMeta);

  it('is one self-contained page with the Party header, title and signature', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<link|<script|src=|url\(/);
    for (const text of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'ĐẢNG ỦY PHƯỜNG BA ĐÌNH', 'Số 05-BC/ĐU', 'Hà Nội, ngày 28 tháng 12 năm 2026', 'BÁO CÁO', 'Nơi nhận:', 'T/M ĐẢNG ỦY', 'Trần Văn Bình']) {
      expect(html).toContain(text);
    }
    expect(html).toContain('size: A4');
  });

  it('states the admissions of the period and the year target in the opening text', () => {
    expect(html).toContain('Trong quý IV năm 2026, Đảng ủy phường Ba Đình đã kết nạp 3 đảng viên mới (nữ: 1, đoàn viên: 1, người dân tộc thiểu số: 1)');
    expect(html).toContain('đạt 100% chỉ tiêu năm (3 đảng viên)');
  });
});

describe('DOCX and XLSX through LibreOffice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ptdv-report-'));

  it('converts the DOCX report to a PDF whose text has the Party header, the figures and the appendix', async () => {
    const file = join(dir, 'bao-cao.docx');
    writeFileSync(file, await reportToDocx(report, sampleMeta));
    const [pdf] = toPdf([file], join(dir, 'docx-pdf'));
    renderPages(pdf!, 'report-docx', 4);
    const text = pdfText(pdf!);
    for (const s of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'ĐẢNG BỘ THÀNH PHỐ HÀ NỘI', 'Số 05-BC/ĐU', 'BÁO CÁO', 'Kết quả công tác phát triển đảng viên quý IV năm 2026', 'Nơi nhận:', 'BÍ THƯ', 'PHỤ LỤC', 'Người dân tộc thiểu số']) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/Kết nạp \(theo ngày ký quyết định\)\s+3/);
    expect(text).toMatch(/Chi bộ Khu dân cư số 5(\s+\d+){8}\s+3$/m);
    // Numbered at the top from the second page on, the landscape appendix included; the first page is not.
    const pages = pdfPageCount(pdf!);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pdfPageLines(pdf!, 1)[0]).not.toBe('1');
    for (let page = 2; page <= pages; page++) {
      expect([page, pdfPageLines(pdf!, page)[0]]).toEqual([page, String(page)]);
    }
  });

  it('converts the XLSX report to a PDF whose text has the Vietnamese headers and numbers', async () => {
    const file = join(dir, 'bang-tinh.xlsx');
    writeFileSync(file, await reportToXlsx(report));
    const [pdf] = toPdf([file], join(dir, 'xlsx-pdf'));
    renderPages(pdf!, 'report-xlsx', 3);
    const text = pdfText(pdf!);
    for (const s of ['BÁO CÁO CÔNG TÁC PHÁT TRIỂN ĐẢNG VIÊN', 'Quý IV năm 2026', 'Tổng cộng', 'Cảm tình Đảng', '31/12/2026']) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/Tổng số được kết nạp\s+3\s+100/);
    // Each sheet of this small report prints on one A4 page: no table's columns run onto a page of their own.
    const sheets = (await workbook()).worksheets;
    expect(pdfPageCount(pdf!)).toBe(sheets.length);
    for (const ws of sheets) {
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    }
  });
});
