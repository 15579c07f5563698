import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../electron/core/model/dashboard';
import type { CandidateRow } from '../../electron/core/model/entities';
import { runCli } from '../helpers/cli';
import { api, launchBrowser, makeTempDir, screenshot, SCREENSHOTS, startHost, type Browser, type Host } from './harness';

// A committee (DUK01) over twenty mirrored cells made by `ptdv demo --units 20`: its home is the oversight of them.
const PASSPHRASE = 'mat khau cap tren 2026';
const UNITS = 20;
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).slice(0, 4));

type CandidateList = { total: number; rows: CandidateRow[] };

let dataDir: string;
let host: Host;
let browser: Browser;
let page: Page;
let expected: Dashboard;

/** What a user types without Vietnamese marks: "Nguyễn Thị Đào" → "nguyen thi dao". */
function plain(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

const n = (value: number) => value.toLocaleString('vi-VN');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

beforeAll(async () => {
  dataDir = makeTempDir('ptdv-e2e-oversight-');
  const demo = await runCli(['demo', '--db', join(dataDir, 'ptdv.db'), '--candidates', String(UNITS * 15), '--units', String(UNITS)], { PTDV_PASSPHRASE: PASSPHRASE });
  if (demo.code !== 0) {
    throw new Error(`ptdv demo failed: ${demo.stderr}`);
  }
  host = await startHost(dataDir);
  await api(host, 'session:unlock', { secret: PASSPHRASE });
  expected = await api<Dashboard>(host, 'dashboard:get', { year: YEAR });
  browser = await launchBrowser();
  page = browser.page;
  await page.goto(host.url);
  await page.getByRole('heading', { name: 'Tổng quan' }).waitFor({ timeout: 20_000 });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const figures = () => page.getByTestId('dashboard-figures');
const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });

describe("the committee's home is its oversight of the units below", () => {
  it('finds a person of any unit by a name typed without diacritics, naming the unit', async () => {
    const unitName = 'Chi bộ 17 (mẫu)';
    const someone = (await api<CandidateList>(host, 'candidates:list', { unitCode: 'CB017', limit: 5 })).rows.find((r) => plain(r.fullName) !== r.fullName.toLowerCase())!;
    await nav('Người vào Đảng').click();
    const count = page.getByTestId('candidate-count');
    await count.getByText(`${n(expected.units.reduce((s, u) => s + u.candidates, 0))} người ở mọi đơn vị`).waitFor();
    await page.getByLabel('Tìm theo họ tên').fill(plain(someone.fullName));
    const found = await api<CandidateList>(host, 'candidates:list', { unitCode: '*', query: plain(someone.fullName), limit: 500 });
    expect(found.total).toBeLessThan(expected.units.reduce((s, u) => s + u.candidates, 0));
    await count.getByText(`${n(found.total)} người ở mọi đơn vị`).waitFor();
    expect(await page.locator('a.vlist-row .name').allTextContents()).toEqual(found.rows.slice(0, await page.locator('a.vlist-row').count()).map((r) => r.fullName));
    const row = page.locator(`a.vlist-row[href$="/candidates/${someone.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('candidate-unit').textContent()).toBe(unitName);
    expect(await row.locator('.name').textContent()).toBe(someone.fullName);
    await screenshot(page, 'oversight-people-search');

    // Narrowed to the committee's own unit, the list is its own (empty here) and says so.
    await page.getByLabel('Tìm theo họ tên').fill('');
    await page.getByRole('combobox', { name: 'Lọc theo đơn vị' }).selectOption('DUK01');
    await count.getByText('0 người do đơn vị mình theo dõi').waitFor();
    await page.getByRole('combobox', { name: 'Lọc theo đơn vị' }).selectOption('*');
  });

  it("opens the dashboard's error count as the to-do list over all units, the same number, filterable by unit", async () => {
    await nav('Tổng quan').click();
    const figures = page.getByTestId('dashboard-figures');
    await figures.getByRole('link', { name: n(expected.total.overdue), exact: true }).click();
    const count = page.getByTestId('todo-count');
    // Only the units with an error are counted in the header, not every unit overseen.
    await count.getByText(new RegExp(`^${n(expected.total.overdue)} việc ở ${expected.units.filter((u) => u.overdue > 0).length} đơn vị`)).waitFor();
    expect(expected.total.overdue).toBeGreaterThan(0);
    expect(new URL(page.url()).hash).toBe('#/todo');
    const units = new Set(await page.getByTestId('todo-unit').allTextContents());
    expect(units.size).toBeGreaterThan(1);
    await screenshot(page, 'oversight-todo');

    const unit = [...expected.units].sort((a, b) => b.overdue - a.overdue)[0]!;
    await page.getByRole('combobox', { name: 'Lọc theo đơn vị' }).selectOption(unit.code);
    await count.getByText(new RegExp(`^${n(unit.overdue)} việc của ${escape(unit.name)}`)).waitFor();
    expect(new Set(await page.getByTestId('todo-unit').allTextContents())).toEqual(new Set([unit.name]));
  });

  it("opens a unit's findings of one kind from its page with the count shown there", async () => {
    const unit = [...expected.units].sort((a, b) => b.findings.length - a.findings.length)[0]!;
    const finding = unit.findings[0]!;
    await page.goto(`${host.origin}/#/dashboard/units/${unit.code}/${YEAR}`);
    await page.getByRole('heading', { name: unit.name }).waitFor();
    const table = page.getByRole('table', { name: 'Lỗi và việc quá hạn theo loại' });
    await table.getByTestId('finding-count-link').first().click();
    await page.getByTestId('todo-count').getByText(new RegExp(`^${n(finding.count)} việc của ${escape(unit.name)}`)).waitFor();
    const codes = await page.getByTestId('todo-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
    expect(new Set(codes)).toEqual(new Set([finding.code]));
  });

  it('opens the people a number of Tổng quan counts: admissions, a stage of the funnel, a unit’s dossiers', async () => {
    await nav('Tổng quan').click();
    await page.getByTestId('dashboard-unit-row').first().waitFor();
    await screenshot(page, 'oversight-dashboard');
    await page.getByRole('table', { name: 'Số liệu theo đơn vị' }).screenshot({ path: join(SCREENSHOTS, 'oversight-units-table.png') });
    await figures().screenshot({ path: join(SCREENSHOTS, 'oversight-figures.png') });
    await page.getByTestId('admissions-people').first().click();
    const count = page.getByTestId('people-count');
    await count.getByText(new RegExp(`^${n(expected.total.admissions)} người · `)).waitFor();
    if (expected.total.admissions > 0) {
      await page.getByTestId('people-row').first().waitFor();
    }
    await screenshot(page, 'oversight-people-admitted');

    await nav('Tổng quan').click();
    const funnel = page.getByRole('region', { name: 'Số người ở từng bước' });
    // The steps are the report's end-of-period rows: full members are counted from the roster, not as a bar of files.
    await funnel.getByText('Đảng viên dự bị').waitFor();
    expect(await funnel.getByText('Đảng viên chính thức').count()).toBe(0);
    await funnel.locator('.recharts-bar-rectangle path').nth(1).click();
    await expect.poll(() => page.url()).toContain('/dashboard/people/');
    const stage = /stage%253D([a-z-]+)|stage%3D([a-z-]+)|stage=([a-z-]+)/.exec(page.url())!.slice(1).find(Boolean)!;
    const step = expected.total.funnel.find((s) => s.stage === stage)!;
    await count.getByText(new RegExp(`^${n(step.count)} người · `)).waitFor();
    await page.getByRole('heading', { name: `Ở bước «` }).waitFor();

    await nav('Tổng quan').click();
    const unit = expected.units.find((u) => u.code === 'CB005')!;
    const row = page.getByTestId('dashboard-unit-row').filter({ has: page.getByRole('link', { name: unit.name }) });
    await row.getByTestId('unit-candidates-link').click();
    await count.getByText(new RegExp(`^${n(unit.candidates)} người của đơn vị CB005`)).waitFor();
    const shown = await page.getByTestId('people-row').locator('span:nth-child(2)').allTextContents();
    expect(new Set(shown)).toEqual(new Set([unit.name]));
  });

  it("opens the people a report preview's summary counts", async () => {
    const preview = page.getByTestId('report-preview');
    const yearReport = async () => {
      await nav('Báo cáo').click();
      await page.getByRole('combobox', { name: 'Kỳ báo cáo', exact: true }).selectOption('year');
      await page.getByRole('combobox', { name: 'Năm', exact: true }).selectOption(String(YEAR));
      await preview.getByText(`Kết quả công tác phát triển đảng viên năm ${YEAR}`).waitFor();
    };
    await yearReport();
    await preview.getByTestId('report-count-link').first().waitFor();
    await preview.locator('table.data').first().screenshot({ path: join(SCREENSHOTS, 'oversight-report-summary.png') });
    const row = preview.getByRole('row', { name: /^Cuối kỳ: Cảm tình Đảng/ }).first();
    const shown = (await row.getByTestId('report-count-link').textContent())!.trim();
    await row.getByTestId('report-count-link').click();
    await page.getByTestId('people-count').getByText(new RegExp(`^${escape(shown)} người · `)).waitFor();
    expect(Number(shown.replace(/\./g, ''))).toBe(expected.total.funnel.find((f) => f.stage === 'cam-tinh')!.count);

    // A flow of the period (people listed as cảm tình Đảng this year) opens as many people.
    await yearReport();
    const listed = preview.getByRole('row', { name: /^Trong kỳ: Vào danh sách cảm tình Đảng/ }).first().getByTestId('report-count-link');
    const listedShown = (await listed.textContent())!.trim();
    await listed.click();
    await page.getByTestId('people-count').getByText(new RegExp(`^${escape(listedShown)} người · `)).waitFor();
    await page.getByRole('heading', { name: /^Vào danh sách cảm tình Đảng từ ngày 01\/01\// }).waitFor();

    // An error kind of the quality table, counted to today, opens Việc cần làm on it with the same number.
    await yearReport();
    const quality = preview.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Lỗi, việc quá hạn' }) });
    const kind = quality.getByTestId('report-count-link').first();
    const kindShown = (await kind.textContent())!.trim();
    await kind.click();
    // How many units the header names is checked in tests/services/oversight.test.ts (only units with items).
    await page.getByTestId('todo-count').getByText(new RegExp(`^${escape(kindShown)} việc ở \\d+ đơn vị`)).waitFor();
    expect(new Set(await page.getByTestId('todo-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-severity'))))).toEqual(new Set(['error']));

    await yearReport();
    const admitted = preview.getByRole('row', { name: /^Kết nạp từ đầu năm/ }).first().getByTestId('report-count-link');
    await admitted.click();
    await page.getByTestId('people-count').getByText(new RegExp(`^${n(expected.total.admissions)} người · `)).waitFor();

    // Every other number that counts people is a link too: the breakdown of admissions, the lead-time cases, and the
    // appendix's stages, flows and admissions of each unit and of all of them.
    await yearReport();
    const countCells = [
      'table.data[data-table="breakdown"] tbody td:nth-child(2)',
      'table.data[data-table="lead-time"] tbody td:nth-child(2)',
      'table.data[data-table="targets"] tbody td:nth-child(7)',
      ...[3, 4, 5, 6, 7, 8, 9, 10].map((c) => `table.data[data-table="stock"] tbody td:nth-child(${c})`),
      ...[3, 4, 5, 6, 7, 8, 9, 10, 11].map((c) => `table.data[data-table="flows"] tbody td:nth-child(${c})`),
      ...[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((c) => `table.data[data-table="unit-admissions"] tbody td:nth-child(${c})`),
      'table.data[data-table="unit-targets"] tbody td:nth-child(5)',
      ...[3, 4, 5, 6].map((c) => `table.data[data-table="trend"] tbody td:nth-child(${c})`),
    ];
    const cells = await preview.locator(countCells.join(', ')).evaluateAll((tds) => tds.map((td) => ({ text: td.textContent?.trim() ?? '', linked: td.querySelector('a') !== null })));
    expect(cells.length).toBeGreaterThan(UNITS * 20);
    expect(cells.filter((c) => c.text !== '' && !c.linked)).toEqual([]);
    await preview.locator('table.data[data-table="unit-admissions"]').screenshot({ path: join(SCREENSHOTS, 'oversight-report-appendix-links.png') });

    // Each opens as many people as it shows: a row of the breakdown, a unit's stage and the total's admissions.
    const opens = async (link: ReturnType<typeof preview.getByTestId>, heading: RegExp) => {
      const shown = (await link.textContent())!.trim();
      expect(Number(shown.replace(/\./g, ''))).toBeGreaterThan(0);
      await link.click();
      await page.getByTestId('people-count').getByText(new RegExp(`^${escape(shown)} người`)).waitFor();
      await page.getByRole('heading', { name: heading }).waitFor();
      await yearReport();
    };
    await opens(preview.getByRole('row', { name: /^Tuổi: Từ 18 đến 30 tuổi/ }).first().getByTestId('report-count-link'), /^Kết nạp từ ngày 01\/01\/.* · Tuổi: Từ 18 đến 30 tuổi$/);
    const stock = preview.locator('table.data[data-table="stock"] tbody tr:not(.total) td:nth-child(4) a').filter({ hasNotText: /^0$/ }).first();
    await opens(stock, /^Ở bước «Cảm tình Đảng»/);
    await opens(preview.locator('table.data[data-table="unit-admissions"] tbody tr.total td:nth-child(3) a'), /^Kết nạp từ ngày 01\/01\/.*\d$/);
  });

  it('draws the board over every unit', async () => {
    await nav('Tiến trình').click();
    await page.getByTestId('board-total').getByText('ở mọi đơn vị').waitFor();
    const counts = await page.getByTestId('board-count').allTextContents();
    // Every candidate of every unit, and at «Đảng viên dự bị» the units' probationary members with no file, as the report counts them.
    const offFile = (await api<{ offFile: number }[]>(host, 'checks:stage-counts', {})).reduce((s, c) => s + c.offFile, 0);
    expect(counts.reduce((s, c) => s + Number(c.replace(/\./g, '')), 0)).toBe(expected.units.reduce((s, u) => s + u.candidates, 0) + offFile);
    await screenshot(page, 'oversight-board');

    // A column's number opens the list of every unit's people at that stage, as many as the column counts.
    const column = page.getByTestId('board-column').filter({ has: page.locator('.board-more') }).first();
    const shown = (await column.getByTestId('board-count').textContent())!;
    await column.locator('.board-more').click();
    await page.getByTestId('candidate-count').getByText(`${shown} người ở mọi đơn vị`).waitFor();
  });

  it('does not offer a decision for a person at the wrong stage, and says why when searched', async () => {
    const rows = (await api<CandidateList>(host, 'candidates:list', { unitCode: 'CB003', limit: 100 })).rows;
    const early = rows.find((r) => ['nguon', 'cam-tinh', 'da-hoc-lop'].includes(r.stage))!;
    await page.goto(`${host.origin}/#/units/CB003`);
    const form = page.getByRole('form', { name: 'Thêm quyết định' });
    await form.waitFor({ timeout: 20_000 });
    const person = form.getByLabel('Người được quyết định');
    const offered = await person.locator('option').allTextContents();
    expect(offered.some((o) => o.startsWith(`${early.fullName} ·`))).toBe(false);

    await form.getByLabel('Tìm người được quyết định').fill(plain(early.fullName));
    const notOffered = form.getByTestId('decision-not-offered');
    await notOffered.getByText(early.fullName).first().waitFor();
    expect(await notOffered.textContent()).toContain('Chưa đủ điều kiện ra quyết định kết nạp');
    expect((await person.locator('option').allTextContents()).some((o) => o.startsWith(`${early.fullName} ·`))).toBe(false);
    await screenshot(page, 'oversight-decision');

    // The unit page's own count of errors opens Việc cần làm on them, as many.
    const recheck = page.getByTestId('recheck-errors-link');
    const shown = (await recheck.textContent())!.replace(' lỗi', '');
    await recheck.click();
    await page.getByTestId('todo-count').getByText(new RegExp(`^${escape(shown)} việc của Chi bộ 3 \\(mẫu\\)`)).waitFor();
  });
});
