import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { api, launchBrowser, makeTempDir, screenshot, startHost, type Browser, type Host } from './harness';

// A cell with four candidates: admissions signed on 15/04 and 30/06 (the last day of quarter II) and on 01/07, and
// one still in the pipeline. Quarter II must count two admissions, quarter III one, the year three.
const PASSPHRASE = 'chi bo ky thuat 2026';
const YEAR = 2026;
const ADMITTED_ROW = /Trong kỳ: Kết nạp \(theo ngày ký quyết định\)/;
const PEOPLE: [string, 'nam' | 'nu', string, string | null][] = [
  ['Nguyễn Thị Lan', 'nu', '2000-03-10', `${YEAR}-04-15`],
  ['Trần Văn Minh', 'nam', '1998-07-21', `${YEAR}-06-30`],
  ['Lê Thị Hồng', 'nu', '1995-11-02', `${YEAR}-07-01`],
  ['Phạm Quốc Huy', 'nam', '2001-01-15', null],
];

let dataDir: string;
let host: Host;
let browser: Browser;
let page: Page;

function writeDossiers(dir: string): string[] {
  return PEOPLE.map(([fullName, gender, birthDate, decided], i) => {
    const events: Record<string, unknown>[] = [
      { type: 'SOURCE_PROPOSED', date: `${YEAR - 1}-01-10`, by: 'doan' },
      { type: 'LISTED', date: `${YEAR - 1}-02-03` },
      { type: 'COURSE_CERTIFIED', date: `${YEAR - 1}-04-07` },
      { type: 'DOSSIER_STARTED', date: `${YEAR - 1}-06-02` },
    ];
    if (decided) {
      events.push(
        { type: 'CHI_BO_VOTED', date: `${YEAR}-03-02`, yes: 10, eligible: 12 },
        { type: 'DUCS_VOTED', date: `${YEAR}-03-20`, yes: 8, members: 9 },
        { type: 'ADMISSION_DECIDED', date: decided, number: `${i + 10}-QĐ/ĐU` },
      );
    }
    const file = join(dir, `dossier-${i}.json`);
    const candidate = { fullName, gender, birthDate, education: 'dai-hoc', youthUnionMember: true, tradeUnionMember: false, introductionPath: 'doan', ethnicity: 'Kinh', religion: null, occupation: 'vien-chuc', nonStateEnterprise: false };
    const unit = { code: 'CB014', hasYouthUnion: true, fullMembers: 12, ducsMembers: 9 };
    writeFileSync(file, JSON.stringify({ format: 'ptdv.dossier/1', unit, candidate, events, documents: [], introducers: [], mentors: [] }));
    return file;
  });
}

beforeAll(async () => {
  dataDir = makeTempDir('ptdv-e2e-reports-');
  const db = join(dataDir, 'ptdv.db');
  const env = { PTDV_PASSPHRASE: PASSPHRASE };
  for (const argv of [
    ['init', '--db', db, '--code', 'CB014', '--name', 'Chi bộ Phòng Kỹ thuật', '--level', 'chi-bo', '--parent', 'DU-KHOI'],
    ['dossier', 'import', '--db', db, ...writeDossiers(dataDir)],
  ]) {
    const result = await runCli(argv, env);
    if (result.code !== 0) {
      throw new Error(`ptdv ${argv[0]} failed: ${result.stderr}`);
    }
  }
  host = await startHost(dataDir);
  browser = await launchBrowser();
  page = browser.page;
  await page.goto(host.url);
  await page.getByLabel('Mật khẩu hoặc mã khôi phục', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Mở khóa' }).click();
  await page.getByText('Chi bộ Phòng Kỹ thuật').first().waitFor({ timeout: 20_000 });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const select = (name: string) => page.getByRole('combobox', { name, exact: true });
const preview = () => page.getByTestId('report-preview');

/** The number in the report's "admissions in the period" row, as the preview prints it. */
async function admittedInPreview(): Promise<string> {
  const row = preview().getByRole('row', { name: ADMITTED_ROW });
  return ((await row.locator('td').last().textContent()) ?? '').trim();
}

/** Exports the report on screen and returns where the file was written. */
/** Exports with `button`; `whileRunning` looks at the page while the export is held open (so a fast one is seen too). */
async function exportAs(button: string, whileRunning?: () => Promise<void>): Promise<string> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  if (whileRunning) {
    await page.route('**/api/reports%3Aexport', async (route) => {
      await held;
      await route.continue();
    });
  }
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/reports%3Aexport'), { timeout: 60_000 });
  await page.getByRole('button', { name: button, exact: true }).click();
  if (whileRunning) {
    await whileRunning();
    release();
  }
  await answered;
  if (whileRunning) {
    await page.unroute('**/api/reports%3Aexport');
  }
  const notice = page.getByTestId('report-saved');
  await notice.waitFor();
  return /tại: (.+)$/.exec((await notice.textContent()) ?? '')?.[1]?.trim() ?? '';
}

async function freeze(number: string, reason?: string) {
  await page.getByRole('button', { name: 'Chốt báo cáo gửi cấp trên' }).click();
  const dialog = page.getByRole('dialog', { name: 'Chốt báo cáo gửi cấp trên' });
  await dialog.getByLabel('Số và ký hiệu báo cáo').fill(number);
  if (reason !== undefined) {
    await dialog.getByRole('button', { name: 'Chốt bản sửa' }).click();
    await dialog.getByText('Bản sửa cần ghi rõ lý do sửa.').waitFor();
    await screenshot(page, 'reports-freeze-correction');
    await dialog.getByLabel('Lý do sửa').fill(reason);
  }
  await dialog.getByRole('button', { name: reason === undefined ? 'Chốt báo cáo' : 'Chốt bản sửa' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
}

describe('targets and the quarterly report of a cell', () => {
  it('sets a year target and sees how far the cell has got towards it', async () => {
    await page.getByRole('link', { name: 'Chỉ tiêu' }).click();
    await page.getByRole('heading', { name: 'Chỉ tiêu kết nạp' }).waitFor();
    await select('Năm').selectOption(String(YEAR));

    await page.getByLabel('Tính theo').selectOption('percent-of-full-members');
    await page.getByLabel('Chỉ tiêu (%)').fill('150');
    await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
    await page.getByText('Tỷ lệ phải từ 0 đến 100%.').waitFor();

    await page.getByLabel('Kỳ chỉ tiêu').selectOption('year');
    await page.getByLabel('Tính theo').selectOption('count');
    await page.getByLabel('Chỉ tiêu (người)').fill('4');
    await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();

    const row = page.getByTestId('target-row').filter({ hasText: `Năm ${YEAR}` });
    await row.getByText('3/4').waitFor();
    expect(await row.textContent()).toContain('75%');
    expect(await row.textContent()).toContain('Đơn vị tự đặt');
    expect(await page.getByTestId('year-progress').textContent()).toContain('3/4');
    expect(await page.getByRole('progressbar', { name: `Tiến độ chỉ tiêu năm ${YEAR}` }).getAttribute('aria-valuenow')).toBe('3');
  });

  it("shows the superior's target for a quarter as the one that applies, read-only, over the cell's own", async () => {
    await api(host, 'targets:set', { year: YEAR, period: 'Q3', kind: 'count', value: 2, source: 'superior' });
    await page.getByLabel('Kỳ chỉ tiêu').selectOption('Q3');
    await page.getByLabel('Chỉ tiêu (người)').fill('1');
    await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();

    const superior = page.getByTestId('target-row').filter({ has: page.getByText('Cấp trên giao', { exact: true }) });
    await superior.getByText('1/2').waitFor();
    expect(await superior.textContent()).toContain('Chỉ xem');
    expect(await superior.getByRole('button', { name: 'Xóa' }).count()).toBe(0);
    const own = page.getByTestId('target-row').filter({ hasText: `Quý III/${YEAR}` }).filter({ has: page.getByText('Đơn vị tự đặt', { exact: true }) });
    expect(await own.textContent()).toContain('Không áp dụng');
    await screenshot(page, 'reports-targets');
  });

  it('builds the quarter II report and shows its numbers in the printed layout, the last day of the quarter included', async () => {
    await page.getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByRole('heading', { name: 'Báo cáo', exact: true }).waitFor();
    await select('Kỳ báo cáo').selectOption('quarter');
    await select('Năm').selectOption(String(YEAR));
    await select('Quý').selectOption('3');
    await preview().getByText(`quý III năm ${YEAR}`).first().waitFor();
    await expect.poll(admittedInPreview).toBe('1');

    await select('Quý').selectOption('2');
    await preview().getByText(`quý II năm ${YEAR}`).first().waitFor();
    await expect.poll(admittedInPreview).toBe('2');
    // The page lives in the preview's shadow root, which locators reach and the host's own textContent does not.
    const printed = await preview().locator('main').textContent();
    expect(printed).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(printed).toContain('đã kết nạp 2 đảng viên mới');
    await screenshot(page, 'reports-preview');
  });

  it('exports the report as XLSX with the same number, and as DOCX and PDF', async () => {
    const xlsx = await exportAs('Xuất Excel');
    expect(xlsx.startsWith(join(dataDir, 'files'))).toBe(true);
    expect(statSync(xlsx).size).toBeGreaterThan(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.getWorksheet('Tổng hợp');
    const values: unknown[] = [];
    sheet?.eachRow((r) => {
      if (ADMITTED_ROW.test(String(r.getCell(1).value))) {
        values.push(r.getCell(2).value);
      }
    });
    expect(values).toEqual([2]);

    const docx = await exportAs('Xuất Word');
    expect(readFileSync(docx).subarray(0, 2).toString('latin1')).toBe('PK');
    // Nothing else of the report can be started while it is being written: not another format, not the freezing.
    const pdf = await exportAs('In / Xuất PDF', async () => {
      await expect.poll(() => page.getByRole('button', { name: 'Chốt báo cáo gửi cấp trên' }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Xuất Excel', exact: true }).isDisabled()).toBe(true);
    });
    expect(existsSync(pdf)).toBe(true);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('freezes the report as sent, then a correction: both versions stay listed with their numbers and dates', async () => {
    await freeze('05-BC/CB');
    await page.getByTestId('report-frozen').getByText('phiên bản 1').waitFor();
    await freeze('05a-BC/CB', 'Bổ sung một quyết định kết nạp nhận muộn');
    await page.getByTestId('report-frozen').getByText('phiên bản 2').waitFor();

    const versions = page.getByTestId('frozen-version');
    await expect.poll(() => versions.count()).toBe(2);
    const first = versions.filter({ hasText: 'Phiên bản 1' });
    const second = versions.filter({ hasText: 'Phiên bản 2' });
    expect(await first.textContent()).toContain('05-BC/CB');
    expect(await second.textContent()).toContain('05a-BC/CB');
    expect(await second.textContent()).toContain('Bổ sung một quyết định kết nạp nhận muộn');
    expect(await first.textContent()).toMatch(/\d{2}\/\d{2}\/\d{4}/);

    await first.getByRole('button', { name: 'Xem' }).click();
    await page.getByText('Đang xem bản đã chốt: số 05-BC/CB').waitFor();
    await preview().getByText('Số 05-BC/CB').waitFor();
    await screenshot(page, 'reports-versions');
  });

  it("shows a cell its own overview: the year's admissions against its target and the quarterly trend", async () => {
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await page.getByRole('combobox', { name: 'Năm', exact: true }).selectOption(String(YEAR));
    const figures = page.getByTestId('unit-figures');
    await figures.getByText('3/4').waitFor();
    const trend = page.getByRole('region', { name: `Kết nạp theo quý năm ${YEAR}` });
    // Quarter I none, quarter II two (15/04 and 30/06), quarter III one (01/07).
    expect((await trend.locator('.recharts-label-list text').allTextContents()).slice(0, 3)).toEqual(['0', '2', '1']);
    await screenshot(page, 'reports-cell-overview');
  });
});
