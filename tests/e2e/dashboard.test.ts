import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportedFindings } from '../../db/schema/index';
import { openDatabase } from '../../db/client';
import { evaluateDossier } from '../../electron/core/domain/rules/index';
import { DUE_CODES } from '../../electron/core/domain/rules/findings';
import type { Dashboard } from '../../electron/core/model/dashboard';
import { formatViDate } from '../../electron/core/model/dates';
import type { UnitDetail } from '../../electron/core/model/sync';
import { evalContext } from '../../electron/core/services/check-service';
import { loadDossiers } from '../../electron/core/store/dossiers';
import { runCli } from '../helpers/cli';
import { MIGRATIONS_DIR } from '../helpers/temp';
import { api, launchBrowser, makeTempDir, screenshot, startHost, type Browser, type Host } from './harness';

// A committee (DUK01) over five mirrored cells made by `ptdv demo --units 5`. The committee also follows one person
// itself who is already a candidate of CB002: the same person in two units, and a unit with no admission for sure.
const PASSPHRASE = 'mat khau cap tren 2026';
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).slice(0, 4));
/** The day the units computed the findings their bundles carry: yesterday, so the committee's today differs. */
const SENT_ON = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(Date.now() - 86_400_000));
const TARGETS: Record<string, number> = { CB001: 3, CB002: 2, CB003: 4, CB004: 1, CB005: 2 };

type CandidateList = { total: number; rows: { id: string; fullName: string }[] };
type CandidateDetail = { profile: Record<string, unknown> };

let dataDir: string;
let host: Host;
let browser: Browser;
let page: Page;
let expected: Dashboard;
let twin = '';

/** Stores each mirrored candidate's findings as its unit's bundle reports them, computed by the unit on SENT_ON. */
function storeSentFindings(file: string): void {
  const database = openDatabase(file, PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  try {
    const ctx = evalContext(database.db);
    database.db.transaction((tx) => {
      for (const code of Object.keys(TARGETS)) {
        for (const c of loadDossiers(database.db, code)) {
          const e = evaluateDossier(c.dossier, SENT_ON, ctx);
          tx.insert(reportedFindings).values({ candidateId: c.id, asOf: SENT_ON, rulebookVersion: e.rulebookVersion, findings: e.findings }).run();
        }
      }
    });
  } finally {
    database.close();
  }
}

async function seed(): Promise<void> {
  await api(host, 'session:unlock', { secret: PASSPHRASE });
  for (const [unitCode, value] of Object.entries(TARGETS)) {
    await api(host, 'targets:set', { unitCode, year: YEAR, period: 'year', kind: 'count', value });
  }
  const cb002 = await api<CandidateList>(host, 'candidates:list', { unitCode: 'CB002', limit: 1 });
  const original = await api<CandidateDetail>(host, 'candidates:get', { id: cb002.rows[0]!.id });
  twin = cb002.rows[0]!.fullName;
  await api(host, 'candidates:create', { profile: original.profile, firstEvent: { type: 'SOURCE_PROPOSED', date: `${YEAR}-01-05`, by: 'chi-bo' } });
  expected = await api<Dashboard>(host, 'dashboard:get', { year: YEAR });
}

beforeAll(async () => {
  dataDir = makeTempDir('ptdv-e2e-dashboard-');
  const demo = await runCli(['demo', '--db', join(dataDir, 'ptdv.db'), '--candidates', '60', '--units', '5'], { PTDV_PASSPHRASE: PASSPHRASE });
  if (demo.code !== 0) {
    throw new Error(`ptdv demo failed: ${demo.stderr}`);
  }
  storeSentFindings(join(dataDir, 'ptdv.db'));
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

const unitRow = (name: string) => page.getByTestId('dashboard-unit-row').filter({ has: page.getByRole('link', { name }) });

describe("the committee's dashboard", () => {
  it('lands on the dashboard after unlocking, wherever the app was when it was locked', async () => {
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor({ timeout: 20_000 });
    await page.getByRole('navigation').getByRole('link', { name: 'Người vào Đảng' }).click();
    await page.getByRole('button', { name: 'Khóa' }).click();
    await page.getByLabel('Mật khẩu hoặc mã khôi phục', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Mở khóa' }).click();
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).hash).toBe('#/dashboard');
  });

  it('shows admissions against the target for every unit and in total, with the chart drawn from the same numbers', async () => {
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor({ timeout: 20_000 });
    await page.getByTestId('dashboard-unit-row').first().waitFor();
    expect(await page.getByTestId('dashboard-unit-row').count()).toBe(expected.units.length);

    const mirrored = expected.units.filter((u) => u.code in TARGETS);
    const shown = await Promise.all(mirrored.map(async (u) => /^\d+\/\d+ người/.exec((await unitRow(u.name).locator('.progress-figures').textContent()) ?? '')?.[0]));
    expect(shown).toEqual(mirrored.map((u) => `${u.admissions}/${TARGETS[u.code]} người`));
    const totalTarget = Object.values(TARGETS).reduce((a, b) => a + b, 0);
    expect(expected.total.admissions).toBe(expected.units.reduce((sum, u) => sum + u.admissions, 0));
    expect(await page.getByTestId('dashboard-figures').textContent()).toContain(`${expected.total.admissions}/${totalTarget} người`);

    // Every bar of the admissions chart carries its number: the units' admissions, then their targets.
    const chart = page.getByRole('region', { name: 'Kết nạp so với chỉ tiêu năm, theo đơn vị' });
    const labels = await chart.locator('.recharts-label-list').first().locator('text').allTextContents();
    expect(labels).toEqual(expected.units.map((u) => String(u.admissions)));
    await screenshot(page, 'dashboard-overview');

    // Each quarter of the trend opens the admissions signed in it, as many as the chart shows.
    const quarters = page.getByTestId('trend-links').getByRole('link');
    expect(await quarters.allTextContents()).toEqual(expected.total.trend.map((p) => `${p.admissions} người`));
    const busiest = expected.total.trend.reduce((a, b) => (b.admissions > a.admissions ? b : a));
    await quarters.nth(expected.total.trend.indexOf(busiest)).click();
    await page.getByTestId('people-count').getByText(new RegExp(`^${busiest.admissions} người · `)).waitFor();
    await page.getByRole('heading', { name: /^Kết nạp từ ngày / }).waitFor();
    await page.goBack();
    await page.getByTestId('dashboard-figures').waitFor();
  });

  it('lists the units with no admission this year where they cannot be missed, and flags the person in two units', async () => {
    const list = page.getByTestId('no-admission');
    expect(expected.unitsWithoutAdmission.map((u) => u.code)).toContain('DUK01');
    expect(await list.getByRole('link').allTextContents()).toEqual(expected.unitsWithoutAdmission.map((u) => `${u.name} (${u.code})`));
    // Units that sent no report are in neither number.
    expect(await list.getByRole('heading').textContent()).toContain(`${expected.unitsWithoutAdmission.length} trong ${expected.units.length - expected.unitsNotReported.length} đơn vị có số liệu kỳ này`);

    const duplicates = page.getByTestId('duplicates');
    await duplicates.getByText(twin).first().waitFor();
    expect(await duplicates.getByRole('link').count()).toBeGreaterThanOrEqual(2);
    // The figure "Trùng ở hai đơn vị" opens the people it counts: the list below, scrolled into view.
    const figure = page.getByTestId('dashboard-figures').getByRole('button', { name: String(expected.duplicates.length) });
    await page.evaluate(() => window.scrollTo(0, 0));
    await figure.click();
    await expect.poll(() => duplicates.evaluate((el) => el.getBoundingClientRect().top < window.innerHeight)).toBe(true);
    expect(await duplicates.locator('li').count()).toBe(expected.duplicates.length);

    // The person's page names the other record too, with its unit.
    const [one, other] = expected.duplicates[0]!.occurrences;
    await duplicates.locator(`a[href$="/candidates/${one!.candidateId}"]`).first().click();
    const card = page.getByTestId('same-person');
    await card.waitFor();
    expect(await card.textContent()).toContain(`${other!.unitName} (${other!.unitCode})`);
    await screenshot(page, 'dashboard-same-person');
    await page.goBack();
    await duplicates.waitFor();
  });

  it('drills down from a unit to its read-only candidates and on to one candidate', async () => {
    const unit = expected.units.find((u) => u.code === 'CB003')!;
    await unitRow(unit.name).getByRole('link', { name: unit.name }).click();
    await page.getByRole('heading', { name: unit.name }).waitFor();
    expect(await page.getByText('dữ liệu do đơn vị gửi lên, chỉ xem').isVisible()).toBe(true);
    await page.getByTestId('unit-candidate-count').getByText(`${unit.candidates} người`).waitFor();
    const rows = page.getByRole('table', { name: 'Người vào Đảng của đơn vị' }).getByRole('row');
    expect(await rows.count()).toBe(unit.candidates + 1);
    const findings = page.getByRole('table', { name: 'Lỗi và việc quá hạn theo loại' });
    // A header row over one row per finding code, or no table at all when the unit has none.
    expect(await findings.getByRole('row').count()).toBe(unit.findings.length === 0 ? 0 : unit.findings.length + 1);
    await screenshot(page, 'dashboard-unit');

    // A candidate the unit found something to fix for (not only a date coming up), so the findings list has rows.
    const due = new Set<string>(DUE_CODES);
    const sent = (await api<UnitDetail>(host, 'units:get', { code: unit.code })).findings.find((f) => f.findings.some((x) => !due.has(x.code)))!;
    await page.locator(`a[href$="/candidates/${sent.candidateId}"]`).click();
    await page.getByRole('heading', { name: sent.fullName }).first().waitFor();
    expect(await page.getByTestId('read-only-note').textContent()).toBe(`Dữ liệu do ${unit.name} gửi lên, chỉ xem.`);
    const editing = ['+ Ghi sự kiện', 'Sửa', '+ Phân công', '+ Thêm', '+ Thêm tài liệu', 'Hủy bản ghi', 'Đánh dấu đã nhận'];
    const shownButtons = await Promise.all(editing.map((name) => page.getByRole('button', { name, exact: true }).count()));
    expect(Object.fromEntries(editing.map((name, i) => [name, shownButtons[i]]))).toEqual(Object.fromEntries(editing.map((name) => [name, 0])));
    expect(await page.getByTestId('forms-card').count()).toBe(0);

    const panel = page.getByTestId('checks-panel');
    // The committee re-checks the dossier itself; what the unit reported stands beside it.
    expect(await panel.getByTestId('checks-compare').textContent()).toContain(`Đơn vị báo (ngày ${formatViDate(SENT_ON)})`);
    const shown = await panel.getByTestId('finding').evaluateAll((items) => items.map((i) => i.getAttribute('data-code')));
    expect(shown.sort()).toEqual(sent.findings.map((f) => f.code).filter((c) => !due.has(c)).sort());
    expect(await panel.getByText('Không phát hiện sai sót nào theo bộ quy tắc.').count()).toBe(0);
    await screenshot(page, 'dashboard-candidate');

    await page.getByRole('link', { name: `← ${unit.name}` }).click();
    await page.getByRole('heading', { name: unit.name }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/dashboard/units/${unit.code}/${YEAR}`);
  });

  it('opens a unit from its bar in the chart', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
    const chart = page.getByRole('region', { name: 'Kết nạp so với chỉ tiêu năm, theo đơn vị' });
    await chart.locator('.recharts-bar-rectangle').first().waitFor();
    await chart.locator('.recharts-bar-rectangle path').first().click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`/dashboard/units/\\w+/${YEAR}$`));
    const code = /units\/(\w+)\//.exec(page.url())?.[1];
    const unit = expected.units.find((u) => u.code === code);
    expect(unit, `no unit ${code}`).toBeDefined();
    await page.getByRole('heading', { name: unit!.name }).waitFor();
  });

  it("builds the committee's year report over all its units, the total being the sum of the units", async () => {
    await page.getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByRole('combobox', { name: 'Kỳ báo cáo', exact: true }).selectOption('year');
    await page.getByRole('combobox', { name: 'Năm', exact: true }).selectOption(String(YEAR));
    const preview = page.getByTestId('report-preview');
    await preview.getByText(`Kết quả công tác phát triển đảng viên năm ${YEAR}`).waitFor();
    const yearRow = preview.getByRole('row', { name: /^Kết nạp từ đầu năm/ }).first();
    expect((await yearRow.locator('td').last().textContent())?.trim()).toBe(String(expected.total.admissions));
    await preview.getByText('PHỤ LỤC: SỐ LIỆU THEO ĐƠN VỊ').waitFor();
    await screenshot(page, 'dashboard-year-report');
  });

  it('lets the committee review and change the target it assigned to a unit below', async () => {
    await page.getByRole('link', { name: 'Chỉ tiêu' }).click();
    await page.getByRole('combobox', { name: 'Năm', exact: true }).selectOption(String(YEAR));
    // The committee's own line counts the units below, with the same figures as Tổng quan.
    const yearProgress = page.getByTestId('year-progress');
    await yearProgress.getByText(`${expected.total.target!.achieved}/${expected.total.target!.targetCount} người`).waitFor();
    expect(expected.total.target!.achieved).toBe(expected.total.admissions);
    expect(await yearProgress.textContent()).toContain(`Tổng chỉ tiêu của ${Object.keys(TARGETS).length} đơn vị có chỉ tiêu`);
    await screenshot(page, 'dashboard-targets-committee');
    await page.getByRole('combobox', { name: 'Đơn vị', exact: true }).selectOption('CB003');
    const row = page.getByTestId('target-row').filter({ hasText: `Năm ${YEAR}` });
    await row.getByText(`0/${TARGETS.CB003} người`).waitFor();
    expect(await row.getByText('Cấp trên giao', { exact: true }).isVisible()).toBe(true);

    await page.getByLabel('Chỉ tiêu (người)').fill('5');
    await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
    await row.getByText('0/5 người').waitFor();
    expect(await page.getByTestId('target-row').count()).toBe(1);
    // The table of all units above reads the same target, not the one it was opened with.
    const cell = page.getByTestId('targets-table').getByLabel(/^Chỉ tiêu — .*CB003|^Chỉ tiêu — Chi bộ 3/);
    await expect.poll(() => cell.inputValue()).toBe('5');
    // 99999 typed for 9 is held back until confirmed: more admissions than the unit has full members is rare.
    await page.getByLabel('Chỉ tiêu (người)').fill('99999');
    await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
    await page.getByText(/^99\.999 người nhiều hơn số đảng viên chính thức của đơn vị ngày 01\/01\/\d{4} \(\d+\)\. Kiểm tra lại; nếu đúng, đánh dấu xác nhận rồi lưu\.$/).waitFor();
    expect(await row.textContent()).toContain('0/5 người');
    await screenshot(page, 'target-large-confirm');
    await page.getByLabel('Đúng, chỉ tiêu là 99.999 người').check();
    await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
    await row.getByText('0/99.999 người').waitFor();
    await expect.poll(() => cell.inputValue()).toBe('99.999');
    await page.getByLabel('Chỉ tiêu (người)').fill('5');
    await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
    await row.getByText('0/5 người').waitFor();
    await expect.poll(() => cell.inputValue()).toBe('5');

    // The table of all units holds back the same number until confirmed, and says which unit and why.
    const table = page.getByTestId('targets-table');
    const saveTable = table.getByRole('button', { name: 'Lưu bảng chỉ tiêu' });
    await cell.fill('99999');
    await table.getByTestId('target-large').getByText(/^Nhiều hơn \d+ đảng viên chính thức ngày 01\/01: kiểm tra lại\.$/).waitFor();
    expect(await saveTable.isDisabled()).toBe(true);
    await table.getByLabel('Đúng, giữ chỉ tiêu này').check();
    await screenshot(page, 'targets-table-large');
    expect(await saveTable.isEnabled()).toBe(true);
    await cell.fill('6');
    expect(await table.getByTestId('target-large').count()).toBe(0);
    await table.getByRole('button', { name: 'Hoàn tác' }).click();
    await expect.poll(() => cell.inputValue()).toBe('5');
    await screenshot(page, 'dashboard-targets');
  });
});
