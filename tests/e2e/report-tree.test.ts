import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { units } from '../../db/schema/index';
import type { Dashboard } from '../../electron/core/model/dashboard';
import type { Report } from '../../electron/core/model/report';
import { runCli } from '../helpers/cli';
import { MIGRATIONS_DIR } from '../helpers/temp';
import { api, launchBrowser, makeTempDir, screenshot, SCREENSHOTS, startHost, type Browser, type Host } from './harness';

// A Khối (DUK01) over four mirrored cells from `ptdv demo --units 4`; CB002 and CB003 are moved under a mirrored
// đảng ủy cơ sở DU009, so the report's rows are CB001, CB004 and DU009 with CB002 and CB003 below it.
const PASSPHRASE = 'mat khau bao cao cay 2026';
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).slice(0, 4));

let dataDir: string;
let host: Host;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dataDir = makeTempDir('ptdv-e2e-report-tree-');
  const demo = await runCli(['demo', '--db', join(dataDir, 'ptdv.db'), '--candidates', '60', '--units', '4'], { PTDV_PASSPHRASE: PASSPHRASE });
  if (demo.code !== 0) {
    throw new Error(`ptdv demo failed: ${demo.stderr}`);
  }
  const database = openDatabase(join(dataDir, 'ptdv.db'), PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  try {
    database.db.insert(units).values({ code: 'DU009', name: 'Đảng ủy Cảng (mẫu)', level: 'dang-bo-co-so', parentCode: 'DUK01', origin: 'mirror' }).run();
    database.db.update(units).set({ parentCode: 'DU009' }).where(inArray(units.code, ['CB002', 'CB003'])).run();
    if (database.db.select().from(units).where(eq(units.parentCode, 'DU009')).all().length !== 2) {
      throw new Error('the demo has no CB002 and CB003 to put under DU009');
    }
  } finally {
    database.close();
  }
  host = await startHost(dataDir);
  await api(host, 'session:unlock', { secret: PASSPHRASE });
  browser = await launchBrowser();
  page = browser.page;
  await page.goto(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const select = (name: string) => page.getByRole('combobox', { name, exact: true });
const preview = () => page.getByTestId('report-preview');

describe('the Khối’s report preview', () => {
  it('shows one row per TCCSĐ and opens a đảng ủy cơ sở’s row to its chi bộ, whose figures add up to it', async () => {
    const { report } = await api<{ report: Report }>(host, 'reports:preview', { period: String(YEAR), all: true });
    const du = report.groups.find((g) => g.code === 'DU009')!;
    expect(report.groups.map((g) => [g.code, g.units.map((u) => u.code)])).toEqual([
      ['CB001', []],
      ['CB004', []],
      ['DU009', ['CB002', 'CB003']],
    ]);
    expect(du.candidates).toBe(du.units.reduce((s, u) => s + u.candidates, 0));
    expect(du.candidates).toBeGreaterThan(0);

    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor({ timeout: 20_000 });
    await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByRole('heading', { name: 'Báo cáo', exact: true }).waitFor();
    await select('Kỳ báo cáo').selectOption('year');
    await select('Năm').selectOption(String(YEAR));
    await preview().getByText(`năm ${YEAR}`).first().waitFor();

    // The first per-unit table (stock at the end of the period): DU009's row, its chi bộ folded away.
    const stock = preview().locator('section.appendix table.data').first();
    const duRow = stock.locator('tr.group', { hasText: 'Đảng ủy Cảng (mẫu)' });
    const cb002 = stock.locator('tr.sub', { hasText: report.units.find((u) => u.code === 'CB002')!.name });
    await duRow.waitFor();
    expect(await cb002.isVisible()).toBe(false);
    const fold = duRow.getByTestId('report-unit-fold');
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
    await duRow.getByRole('button', { name: 'Xem 2 chi bộ của Đảng ủy Cảng (mẫu)' }).click();
    await cb002.waitFor();
    expect(await fold.getAttribute('aria-expanded')).toBe('true');
    // The row's last column (Cộng) is the sum of its chi bộ's.
    const lastNumber = async (row: ReturnType<typeof stock.locator>) => Number((await row.locator('td').last().textContent())!.replace(/\./g, ''));
    const subs = stock.locator('tr.sub[data-parent]');
    expect(await subs.count()).toBe(2);
    expect(await lastNumber(duRow)).toBe((await lastNumber(subs.nth(0))) + (await lastNumber(subs.nth(1))));
    await preview().getByText('Mỗi tổ chức cơ sở đảng một dòng').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'report-tree-expanded');
    // The appendix's note, the button opening every committee, and the first table with DU009 open.
    const top = (await preview().locator('section.appendix .note').boundingBox())!;
    const bottom = (await stock.boundingBox())!;
    await page.screenshot({ path: join(SCREENSHOTS, 'report-tree-expanded-table.png'), fullPage: true, clip: { x: bottom.x, y: top.y, width: bottom.width, height: bottom.y + bottom.height - top.y } });

    await duRow.getByRole('button', { name: 'Thu gọn các chi bộ của Đảng ủy Cảng (mẫu)' }).click();
    expect(await cb002.isVisible()).toBe(false);
    // One button opens every committee's chi bộ in every table, as the appendix prints.
    const subRows = preview().locator('section.appendix tr.sub');
    await preview().getByRole('button', { name: 'Mở tất cả các chi bộ' }).click();
    await expect.poll(async () => (await subRows.evaluateAll((rows) => rows.filter((r) => !(r as HTMLElement).hidden).length))).toBe(await subRows.count());
    await preview().getByRole('button', { name: 'Thu gọn tất cả các chi bộ' }).click();
    await expect.poll(async () => (await subRows.evaluateAll((rows) => rows.filter((r) => !(r as HTMLElement).hidden).length))).toBe(0);
  });

  it('opens a chi bộ’s count under its đảng ủy cơ sở as the list of that chi bộ’s people, as many', async () => {
    const { report } = await api<{ report: Report }>(host, 'reports:preview', { period: String(YEAR), all: true });
    const cb002 = report.units.find((u) => u.code === 'CB002')!;
    const stock = preview().locator('section.appendix table.data[data-table="stock"]');
    const duRow = stock.locator('tr.group', { hasText: 'Đảng ủy Cảng (mẫu)' });
    // The committee's row counts its whole subtree, which no one unit's list holds: its chi bộ's rows are the links.
    expect(await duRow.getByTestId('report-count-link').count()).toBe(0);
    await duRow.getByRole('button', { name: 'Xem 2 chi bộ của Đảng ủy Cảng (mẫu)' }).click();
    const link = stock.locator('tr.sub', { hasText: cb002.name }).getByTestId('report-count-link').filter({ hasNotText: /^0$/ }).first();
    const shown = (await link.textContent())!.trim();
    await link.click();
    await page.getByTestId('people-count').getByText(new RegExp(`^${shown} người của đơn vị CB002`)).waitFor();
  });

  it('on Tổng quan, names each chi bộ’s đảng ủy cơ sở and what the committee’s subtree holds, not flagging it as without admission', async () => {
    const dashboard = await api<Dashboard>(host, 'dashboard:get', { year: YEAR });
    const du = dashboard.units.find((u) => u.code === 'DU009')!;
    const below = dashboard.units.filter((u) => u.tccsd?.code === 'DU009');
    expect(below.map((u) => u.code)).toEqual(['CB002', 'CB003']);
    expect(du.subtree).toEqual({ units: 2, candidates: below.reduce((s, u) => s + u.candidates, 0), admissions: below.reduce((s, u) => s + u.admissions, 0) });
    await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
    const table = page.getByRole('table', { name: 'Số liệu theo đơn vị' });
    const duRow = table.getByTestId('dashboard-unit-row').filter({ hasText: 'DU009' });
    await duRow.getByTestId('unit-subtree').getByText(`cả đảng bộ (2 chi bộ): ${du.subtree!.candidates} hồ sơ, kết nạp ${du.subtree!.admissions}`).waitFor();
    expect(await duRow.getAttribute('class') ?? '').not.toContain('row-alert');
    await table.getByTestId('dashboard-unit-row').filter({ hasText: 'CB002' }).getByText('thuộc Đảng ủy Cảng (mẫu)').waitFor();
    // The table reads as the tree, whatever the order: each chi bộ right under its đảng ủy cơ sở, set in.
    for (const column of ['Hồ sơ', 'Đơn vị']) {
      await table.getByRole('columnheader', { name: column }).getByRole('button').click();
      const rows = await table.getByTestId('dashboard-unit-row').evaluateAll((trs) => trs.map((tr) => ({ text: tr.textContent ?? '', sub: tr.classList.contains('row-sub') })));
      const at = rows.findIndex((r) => r.text.includes('· DU009'));
      const under = rows.slice(at + 1, at + 1 + below.length);
      expect(under.map((r) => below.find((u) => r.text.includes(`· ${u.code}`))?.code).sort()).toEqual(below.map((u) => u.code).sort());
      expect(under.every((r) => r.sub)).toBe(true);
      expect(rows.filter((r) => r.sub)).toHaveLength(dashboard.units.filter((u) => u.tccsd !== null).length);
    }
    // A total row under the units, as the report's: each unit's own people once, so the rows add up to it.
    const total = table.getByTestId('dashboard-total-row');
    expect(await total.locator('td').nth(0).textContent()).toBe(`Tổng cộng (${dashboard.units.length} đơn vị)`);
    expect(await total.locator('td').nth(1).textContent()).toBe(dashboard.total.candidates.toLocaleString('vi-VN'));
    expect(dashboard.total.candidates).toBe(dashboard.units.reduce((s, u) => s + u.candidates, 0));
    await table.scrollIntoViewIfNeeded();
    await table.screenshot({ path: join(SCREENSHOTS, 'report-tree-dashboard-units.png') });

    // Its bar in the chart is its whole subtree, which its year target is measured against, not its own line.
    expect(du.subtree!.admissions).toBeGreaterThan(du.admissions);
    const chart = page.getByRole('region', { name: 'Kết nạp so với chỉ tiêu năm, theo đơn vị' });
    await chart.locator('.recharts-label-list').first().waitFor();
    const names = (await chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()).map((n) => n.replace(/\s/g, ''));
    const at = names.indexOf('ĐảngủyCảng(mẫu)(cảđảngbộ)');
    expect(at).toBeGreaterThanOrEqual(0);
    // Its chi bộ are inside that bar, not bars of their own beside it (their admissions would show twice).
    for (const cell of below) {
      expect(names).not.toContain(cell.name.replace(/\s/g, ''));
    }
    const admitted = await chart.locator('.recharts-label-list').first().locator('text').allTextContents();
    expect(admitted[at]).toBe(du.subtree!.admissions.toLocaleString('vi-VN'));
    await chart.screenshot({ path: join(SCREENSHOTS, 'report-tree-dashboard-chart.png') });

    // The committee's own page says the same, and a chi bộ's page names its committee.
    await duRow.getByRole('link', { name: /Đảng ủy Cảng \(mẫu\)/ }).click();
    await page.getByTestId('unit-tree-note').getByText(`Cả đảng bộ (2 chi bộ trực thuộc): ${du.subtree!.candidates} hồ sơ, kết nạp ${du.subtree!.admissions} người`).waitFor();
    expect(await page.getByText('Đơn vị chưa kết nạp được đảng viên nào').count()).toBe(0);
    await screenshot(page, 'report-tree-dashboard-committee');
  });

  it('on Đơn vị trực thuộc, lists each đảng ủy cơ sở’s chi bộ under it, with what its whole subtree holds', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Đơn vị trực thuộc' }).click();
    const rows = page.getByRole('table', { name: 'Đơn vị cấp dưới' }).getByTestId('unit-row');
    await rows.first().waitFor();
    const codes = async () => (await rows.allTextContents()).map((t) => /· (CB\d+|DU\d+)/.exec(t)?.[1]);
    expect(await codes()).toEqual(['CB001', 'CB004', 'DU009', 'CB002', 'CB003']);
    const cb002 = rows.filter({ hasText: 'CB002' });
    expect(await cb002.getAttribute('data-depth')).toBe('1');
    await cb002.getByText('thuộc Đảng ủy Cảng (mẫu)').waitFor();
    const dashboard = await api<Dashboard>(host, 'dashboard:get', { year: YEAR });
    await rows.filter({ hasText: 'DU009' }).getByTestId('unit-subtree').getByText(`cả đảng bộ: ${dashboard.units.find((u) => u.code === 'DU009')!.subtree!.candidates}`).waitFor();
    await page.getByRole('table', { name: 'Đơn vị cấp dưới' }).screenshot({ path: join(SCREENSHOTS, 'report-tree-units-page.png') });
  });
});
