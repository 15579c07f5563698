import { rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { api, launchBrowser, makeTempDir, screenshot, SCREENSHOTS, startHost, type Browser, type Host } from './harness';

// A cell's lists behave like a spreadsheet: search without diacritics, sort by a column, and an Excel copy of what
// is on screen. The web host saves exports into <data>/files, where the test reads them back.
const NAMES = ['Nguyễn Thị Lan', 'Trần Văn Đức', 'Lê Thị Ánh', 'Phạm Văn Dũng', 'Nguyễn Văn Bình', 'Đỗ Thị Hà'];
const BIRTHS = ['1999-03-01', '2001-07-15', '1997-11-30', '2000-01-20', '1995-05-05', '2003-09-09'];
/** NAMES in Vietnamese name order (given name first): Ánh, Bình, Dũng, Đức, Hà, Lan. */
const ORDER = ['Lê Thị Ánh', 'Nguyễn Văn Bình', 'Phạm Văn Dũng', 'Trần Văn Đức', 'Đỗ Thị Hà', 'Nguyễn Thị Lan'];
const MEMBERS = ['Trần Văn Bình', 'Đỗ Thị Hoa', 'Nguyễn Đức Long', 'Vũ Thị Mai'];

let dataDir: string;
let host: Host;
let browser: Browser;
let page: Page;

async function seed(): Promise<void> {
  await api(host, 'session:setup', { unit: { code: 'CB-DS', name: 'Chi bộ Phòng Dịch vụ', level: 'chi-bo' }, passphrase: 'mat khau danh sach 2026' });
  for (const [i, fullName] of MEMBERS.entries()) {
    await api(host, 'members:create', { fullName, status: i === 3 ? 'du-bi' : 'chinh-thuc', joinedOn: `201${i}-01-10`, ...(i === 3 ? {} : { fullMemberSince: `201${i + 1}-01-10` }) });
  }
  for (const [i, fullName] of NAMES.entries()) {
    // Listed long ago with no course since: the to-do list has something for each of them.
    const firstEvent = i % 2 === 0 ? { type: 'LISTED', date: '2024-02-05' } : { type: 'SOURCE_PROPOSED', date: '2024-01-10', by: 'doan' };
    await api(host, 'candidates:create', { profile: { fullName, birthDate: BIRTHS[i] }, firstEvent });
  }
}

async function readSheet(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    rows.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''))));
  });
  return rows;
}

/** Clicks Xuất Excel and returns the saved file's rows once the screen says where it went. */
async function exportShown(): Promise<string[][]> {
  await page.getByRole('button', { name: 'Xuất Excel' }).click();
  const saved = page.getByTestId('list-saved');
  await saved.waitFor();
  const path = (await saved.locator('code').textContent()) ?? '';
  expect(path.startsWith(join(dataDir, 'files'))).toBe(true);
  return readSheet(path);
}

const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

/** The 15th of the month `months` after today's month (negative: before): the host runs on the real clock. */
function monthsFromToday(months: number): string {
  const [y, m] = TODAY.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-15`;
}

const names = (selector: string) => page.locator(selector).allTextContents();

beforeAll(async () => {
  dataDir = makeTempDir('ptdv-e2e-lists-');
  host = await startHost(dataDir);
  await seed();
  browser = await launchBrowser();
  page = browser.page;
  await page.goto(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a cell's lists", () => {
  it('candidates: finds a name typed without diacritics, sorts by birth date, exports what is shown', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Người vào Đảng' }).click();
    await expect.poll(() => page.getByTestId('candidate-count').textContent()).toBe(`${NAMES.length} người`);
    await page.getByRole('columnheader', { name: 'Ngày sinh' }).getByRole('button').click();
    await expect.poll(() => names('.vlist-row .name')).toEqual(['Nguyễn Văn Bình', 'Lê Thị Ánh', 'Nguyễn Thị Lan', 'Phạm Văn Dũng', 'Trần Văn Đức', 'Đỗ Thị Hà']);
    await page.getByRole('columnheader', { name: 'Ngày sinh' }).getByRole('button').click();
    await expect.poll(() => names('.vlist-row .name')).toEqual(['Đỗ Thị Hà', 'Trần Văn Đức', 'Phạm Văn Dũng', 'Nguyễn Thị Lan', 'Lê Thị Ánh', 'Nguyễn Văn Bình']);
    expect(await page.getByRole('columnheader', { name: 'Ngày sinh' }).getAttribute('aria-sort')).toBe('descending');
    await page.getByLabel('Tìm theo họ tên').fill('nguyen');
    await expect.poll(() => names('.vlist-row .name')).toEqual(['Nguyễn Thị Lan', 'Nguyễn Văn Bình']);
    await screenshot(page, 'daily-01-candidates-sorted');
    const sheet = await exportShown();
    expect(sheet[0]?.[0]).toBe('DANH SÁCH NGƯỜI VÀO ĐẢNG');
    expect(sheet[2]).toEqual(['Họ và tên', 'Giới tính', 'Ngày sinh', 'Giai đoạn', 'Người giúp đỡ']);
    expect(sheet.slice(3).map((r) => [r[0], r[2]])).toEqual([
      ['Nguyễn Thị Lan', '1999-03-01'],
      ['Nguyễn Văn Bình', '1995-05-05'],
    ]);
    await page.getByLabel('Tìm theo họ tên').fill('');
  });

  it('members: search, sort by the day they became full members, export', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Đảng viên' }).click();
    await page.getByRole('table').waitFor();
    await page.getByRole('columnheader', { name: 'Ngày chính thức' }).getByRole('button').click();
    await page.getByRole('columnheader', { name: 'Ngày chính thức' }).getByRole('button').click();
    // Latest first; the probationary member has no such day and stays at the bottom.
    await expect.poll(() => names('tbody tr td:first-child')).toEqual(['Nguyễn Đức Long', 'Đỗ Thị Hoa', 'Trần Văn Bình', 'Vũ Thị Mai']);
    await page.getByLabel('Tìm đảng viên theo họ tên').fill('THI');
    await expect.poll(() => names('tbody tr td:first-child')).toEqual(['Đỗ Thị Hoa', 'Vũ Thị Mai']);
    await screenshot(page, 'daily-02-members-search');
    const sheet = await exportShown();
    expect(sheet[0]?.[0]).toBe('DANH SÁCH ĐẢNG VIÊN');
    expect(sheet.slice(3).map((r) => [r[0], r[3]])).toEqual([
      ['Đỗ Thị Hoa', 'Chính thức'],
      ['Vũ Thị Mai', 'Dự bị'],
    ]);
  });

  it('to-do: search by a name without diacritics, sort by name, export with the findings in words', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Việc cần làm' }).click();
    await page.getByTestId('todo-row').first().waitFor();
    await page.getByLabel('Tìm theo tên người vào Đảng').fill('nguyen thi lan');
    await expect.poll(async () => new Set(await names('[data-testid="todo-row"] .todo-who .name'))).toEqual(new Set(['Nguyễn Thị Lan']));
    await page.getByLabel('Tìm theo tên người vào Đảng').fill('');
    // Vietnamese name order goes by the given name: Ánh comes before Bình, Dũng, Hà, Lan and Đức.
    const all = await api<{ rows: { name: string }[] }>(host, 'checks:todo-page', { limit: 500 });
    const first = NAMES.filter((n) => all.rows.some((r) => r.name === n)).sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))[0];
    await page.getByRole('columnheader', { name: 'Người vào Đảng' }).getByRole('button').click();
    await expect
      .poll(async () => {
        const shown = await names('[data-testid="todo-row"] .todo-who .name');
        return shown.length > 1 && shown[0] === first;
      })
      .toBe(true);
    await screenshot(page, 'daily-03-todo-sorted');
    const sheet = await exportShown();
    expect(sheet[0]?.[0]).toBe('VIỆC CẦN LÀM');
    const body = sheet.slice(3);
    expect(body[0]?.[2]).toBe(first);
    const total = Number((await page.getByTestId('todo-count').textContent())?.split(' ')[0]);
    expect(body).toHaveLength(total);
    expect(body.every((r) => ['Lỗi', 'Cảnh báo', 'Nhắc việc', 'Quá hạn'].includes(r[0] ?? ''))).toBe(true);
    // The finding's code comes last, for whoever is asked for help.
    expect(sheet[2]?.at(-1)).toBe('Mã lỗi');
    expect(body.every((r) => /^[A-Z_]+$/.test(r.at(-1) ?? ''))).toBe(true);
  });

  it('the pipeline board marks the people with an overdue step or an error', async () => {
    // Voted by the cell nine months ago and still no admission decision: far past its deadline.
    const tuan = await api<{ id: string }>(host, 'candidates:create', { profile: { fullName: 'Vũ Minh Tuấn', birthDate: '1994-10-10' }, firstEvent: { type: 'LISTED', date: monthsFromToday(-20) } });
    for (const event of [
      { type: 'COURSE_CERTIFIED', date: monthsFromToday(-18) },
      { type: 'DOSSIER_STARTED', date: monthsFromToday(-12) },
      { type: 'CHI_BO_VOTED', date: monthsFromToday(-9), yes: 3, eligible: 3 },
    ]) {
      await api(host, 'candidates:add-event', { id: tuan.id, event });
    }
    const todo = await api<{ rows: { candidateId: string; name: string; stage: string; overdue: boolean; severity: string }[] }>(host, 'checks:todo-page', { limit: 500 });
    const late = new Set(todo.rows.filter((r) => r.overdue).map((r) => r.name));
    const erring = new Set(todo.rows.filter((r) => !r.overdue && r.severity === 'error').map((r) => r.name));
    await page.getByRole('navigation').getByRole('link', { name: 'Tiến trình' }).click();
    await page.getByTestId('board-person').first().waitFor();
    await expect.poll(() => page.locator('[data-testid="board-person"][data-mark="overdue"]').count()).toBe(late.size);
    expect(late.has('Vũ Minh Tuấn')).toBe(true);
    expect(erring.size).toBeGreaterThan(0);
    for (const name of late) {
      const person = page.getByTestId('board-person').filter({ hasText: name });
      expect(await person.getAttribute('data-mark')).toBe('overdue');
      expect(await person.textContent()).toContain('Quá hạn');
    }
    for (const name of [...erring].filter((n) => !late.has(n))) {
      const person = page.getByTestId('board-person').filter({ hasText: name });
      expect(await person.getAttribute('data-mark')).toBe('error');
      expect(await person.textContent()).toContain('Có lỗi');
    }
    // Nobody without an error or an overdue step is marked.
    expect(await page.locator('[data-testid="board-person"][data-mark=""]').count()).toBe(NAMES.length + 1 - new Set([...late, ...erring]).size);
    // Someone with an overdue error shows both marks.
    expect(await page.getByTestId('board-person').filter({ hasText: 'Vũ Minh Tuấn' }).locator('.board-mark').allTextContents()).toEqual(['Quá hạn', 'Có lỗi']);
    // Each column says how many of all its people are overdue and how many have an error, not only of the names shown.
    for (const stage of new Set(todo.rows.map((r) => r.stage))) {
      const people = (keep: (r: (typeof todo.rows)[number]) => boolean) => new Set(todo.rows.filter((r) => r.stage === stage && keep(r)).map((r) => r.candidateId)).size;
      const said = (await page.locator(`[data-testid="board-column"][data-stage="${stage}"] [data-testid="board-attention"]`).textContent().catch(() => '')) ?? '';
      const [overdue, errors] = [people((r) => r.overdue), people((r) => r.severity === 'error')];
      expect(said).toBe(`${overdue > 0 ? `${overdue} người quá hạn` : ''}${errors > 0 ? `${errors} người có lỗi` : ''}`);
    }
    await screenshot(page, 'daily-04-pipeline-marks');
  });

  it('the mentor picker narrows the roster to a name typed without diacritics', async () => {
    await page.getByTestId('board-person').filter({ hasText: 'Nguyễn Thị Lan' }).getByRole('link').click();
    await page.getByRole('button', { name: '+ Phân công' }).click();
    const form = page.getByRole('form', { name: 'Phân công người giúp đỡ' });
    const options = () => form.getByLabel('Đảng viên giúp đỡ').locator('option').allTextContents();
    // Full members only: the probationary Vũ Thị Mai is never offered.
    expect(await options()).toEqual(['— Chọn đảng viên —', 'Trần Văn Bình', 'Đỗ Thị Hoa', 'Nguyễn Đức Long']);
    // A name nobody has is said, not left as an empty list.
    await form.getByLabel('Tìm trong danh sách đảng viên').fill('zzz');
    await form.getByText('Không có ai khớp với “zzz”.', { exact: false }).waitFor();
    // Typing the one name is choosing it.
    await form.getByLabel('Tìm trong danh sách đảng viên').fill('duc long');
    await expect.poll(options).toEqual(['— Chọn đảng viên —', 'Nguyễn Đức Long']);
    await expect.poll(async () => (await form.getByLabel('Đảng viên giúp đỡ').locator('option:checked').textContent()) ?? '').toBe('Nguyễn Đức Long');
    // The choice stays while the filter changes.
    await form.getByLabel('Tìm trong danh sách đảng viên').fill('hoa');
    await expect.poll(options).toEqual(['— Chọn đảng viên —', 'Đỗ Thị Hoa', 'Nguyễn Đức Long']);
    await screenshot(page, 'daily-06-mentor-picker');
    await form.getByRole('button', { name: 'Phân công' }).click();
    await page.getByRole('region', { name: 'Người giúp đỡ' }).getByText('Nguyễn Đức Long').waitFor();
  });

  it('the pipeline board says who at «Nguồn» has no event yet, whom Tổng quan does not count', async () => {
    await api(host, 'candidates:create', { profile: { fullName: 'Trần Văn Thử', birthDate: '1998-08-08' } });
    await page.getByRole('navigation').getByRole('link', { name: 'Tiến trình' }).click();
    const nguon = page.locator('[data-testid="board-column"][data-stage="nguon"]');
    await nguon.getByTestId('board-undated').getByText('Trong đó 1 người chưa ghi ngày giới thiệu vào nguồn, nên Tổng quan và báo cáo chưa tính.', { exact: false }).waitFor();
    const onBoard = Number(await nguon.getByTestId('board-count').textContent());
    const dashboard = await api<{ total: { funnel: { stage: string; count: number }[] } }>(host, 'dashboard:get', { year: new Date().getFullYear() });
    expect(dashboard.total.funnel.find((f) => f.stage === 'nguon')?.count).toBe(onBoard - 1);
    await nguon.screenshot({ path: join(SCREENSHOTS, 'daily-07-pipeline-undated.png') });
  });
});

describe("a committee's units table", () => {
  let committee: Host;
  let committeeDir: string;
  const PASSPHRASE = 'mat khau cap tren 2026';

  beforeAll(async () => {
    committeeDir = makeTempDir('ptdv-e2e-units-');
    const demo = await runCli(['demo', '--db', join(committeeDir, 'ptdv.db'), '--candidates', '40', '--units', '4'], { PTDV_PASSPHRASE: PASSPHRASE });
    if (demo.code !== 0) {
      throw new Error(`ptdv demo failed: ${demo.stderr}`);
    }
    committee = await startHost(committeeDir);
    await api(committee, 'session:unlock', { secret: PASSPHRASE });
    dataDir = committeeDir;
    await page.goto(committee.url);
  });

  afterAll(async () => {
    await committee?.stop();
    rmSync(committeeDir, { recursive: true, force: true });
  });

  it('searches units by code, sorts by a column and exports in that order', async () => {
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor({ timeout: 20_000 });
    // One font family: the charts' axis labels use the app's font, not a serif default.
    await page.locator('.recharts-cartesian-axis-tick-value').first().waitFor();
    const fonts = await page.evaluate(() => ({
      axis: getComputedStyle(document.querySelector('.recharts-cartesian-axis-tick-value')!).fontFamily,
      body: getComputedStyle(document.body).fontFamily,
    }));
    expect(fonts.axis).toBe(fonts.body);
    expect(fonts.axis).toContain('Noto Sans');
    const table = page.getByRole('table', { name: 'Số liệu theo đơn vị' });
    await table.waitFor();
    await table.getByRole('columnheader', { name: 'Hồ sơ' }).getByRole('button').click();
    await table.getByRole('columnheader', { name: 'Hồ sơ' }).getByRole('button').click();
    const counts = async () => (await table.locator('tbody tr td:nth-child(2)').allTextContents()).map(Number);
    const shown = await counts();
    expect(shown.length).toBe(4);
    expect(shown).toEqual([...shown].sort((a, b) => b - a));
    await page.getByLabel('Tìm đơn vị theo tên hoặc mã').fill('cb002');
    await expect.poll(() => table.getByTestId('dashboard-unit-row').count()).toBe(1);
    await page.getByLabel('Tìm đơn vị theo tên hoặc mã').fill('');
    await screenshot(page, 'daily-05-units-table');
    const sheet = await exportShown();
    expect(sheet[0]?.[0]).toBe('SỐ LIỆU THEO ĐƠN VỊ');
    expect(sheet.slice(3).map((r) => Number(r[2]))).toEqual(shown);
  });
});
