import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetCount } from '../../electron/core/domain/reports/targets';
import type { TargetTable } from '../../electron/core/model/target-table';
import { openDatabase } from '../../db/client';
import { units } from '../../db/schema/index';
import type { Dashboard } from '../../electron/core/model/dashboard';
import { runCli } from '../helpers/cli';
import { MIGRATIONS_DIR } from '../helpers/temp';
import { api, launchBrowser, makeTempDir, screenshot, startHost, type Browser, type Host } from './harness';

// A committee (DUK01) over three mirrored cells from `ptdv demo --units 3`, with its own year target of 12 people;
// CB002 is moved under a mirrored đảng ủy cơ sở DU009, so the rows below the Khối are CB001, CB003 and DU009.
const PASSPHRASE = 'mat khau chi tieu 2026';
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).slice(0, 4));
const OWN_TARGET = 12;

let dataDir: string;
let host: Host;
let browser: Browser;
let page: Page;
let before: TargetTable;

beforeAll(async () => {
  dataDir = makeTempDir('ptdv-e2e-targets-');
  const demo = await runCli(['demo', '--db', join(dataDir, 'ptdv.db'), '--candidates', '45', '--units', '3'], { PTDV_PASSPHRASE: PASSPHRASE });
  if (demo.code !== 0) {
    throw new Error(`ptdv demo failed: ${demo.stderr}`);
  }
  const database = openDatabase(join(dataDir, 'ptdv.db'), PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  try {
    database.db.insert(units).values({ code: 'DU009', name: 'Đảng ủy Cảng (mẫu)', level: 'dang-bo-co-so', parentCode: 'DUK01', origin: 'mirror' }).run();
    database.db.update(units).set({ parentCode: 'DU009' }).where(eq(units.code, 'CB002')).run();
  } finally {
    database.close();
  }
  host = await startHost(dataDir);
  await api(host, 'session:unlock', { secret: PASSPHRASE });
  await api(host, 'targets:set', { year: YEAR, period: 'year', kind: 'count', value: OWN_TARGET });
  before = await api<TargetTable>(host, 'targets:table', { year: YEAR, period: 'year' });
  browser = await launchBrowser();
  page = browser.page;
  await page.goto(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const table = () => page.getByTestId('targets-table');
const row = (code: string) => table().locator(`[data-testid="table-row"][data-code="${code}"]`);
const unit = (code: string) => before.rows.find((r) => r.code === code)!;
const input = (code: string) => page.getByLabel(`Chỉ tiêu — ${unit(code).name}`);
const kind = (code: string) => page.getByLabel(`Tính theo — ${unit(code).name}`);
const xlsxPath = () => join(dataDir, 'files', `chi-tieu-${YEAR}-year.xlsx`);

describe('the committee’s targets table', () => {
  it('edits every unit below at once, with the total over units with a target and the remainder of its own target', async () => {
    expect(before.rows.map((r) => r.code)).toEqual(['CB001', 'CB003', 'DU009']);
    // DU009 has no people of its own: its row counts CB002's admissions, as the report counts them.
    const dashboard = await api<Dashboard>(host, 'dashboard:get', { year: YEAR });
    expect(unit('DU009').achieved).toBe(dashboard.units.find((u) => u.code === 'CB002')!.admissions);
    expect(unit('DU009').achieved).toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor({ timeout: 20_000 });
    await page.getByRole('navigation').getByRole('link', { name: 'Chỉ tiêu' }).click();
    await table().waitFor();
    await row('CB001').waitFor();
    expect(await row('DU009').textContent()).toContain('gồm 1 đơn vị bên dưới');
    expect(await row('DU009').locator('td.num').nth(2).textContent()).toBe(String(unit('DU009').achieved));
    expect(await page.getByTestId('target-remainder').textContent()).toContain(`tự đặt): ${OWN_TARGET} người · đã giao 0 · còn lại ${OWN_TARGET} người`);
    // The committee's own target is measured over its whole tree, as the table's remainder line counts it.
    expect(before.own?.achieved).toBe(before.total.achievedAllUnits);
    await page.getByTestId('target-row').filter({ hasText: `Năm ${YEAR}` }).getByText(`${before.own?.achieved}/${OWN_TARGET} người`).waitFor();

    await input('CB001').fill('4');
    await kind('DU009').selectOption({ label: '% ĐVCT đầu năm' });
    await input('DU009').fill('năm');
    await row('DU009').getByText('Nhập tỷ lệ bằng số, ví dụ 5 hoặc 7,5 (%).').waitFor();
    expect(await page.getByRole('button', { name: 'Lưu bảng chỉ tiêu' }).isDisabled()).toBe(true);
    await input('DU009').fill('5');
    const du009 = targetCount({ kind: 'percent-of-full-members', value: 5 }, unit('DU009').fullMembersAtYearStart);
    const given = 4 + du009;
    expect(await row('DU009').locator('td.num').nth(1).textContent()).toBe(String(du009));
    const total = page.getByTestId('table-total');
    expect(await total.textContent()).toContain('2/3 đơn vị có chỉ tiêu');
    expect(await total.locator('td.num').nth(1).textContent()).toBe(String(given));
    expect(await total.locator('td.num').nth(2).textContent()).toContain(String(unit('CB001').achieved + unit('DU009').achieved));
    expect(await page.getByTestId('target-remainder').textContent()).toContain(`đã giao ${given} · còn lại ${OWN_TARGET - given} người`);

    await page.getByRole('button', { name: 'Lưu bảng chỉ tiêu' }).click();
    await page.getByText('Đã lưu bảng chỉ tiêu Năm').waitFor();
    const saved = await api<TargetTable>(host, 'targets:table', { year: YEAR, period: 'year' });
    expect(saved.rows.map((r) => [r.code, r.assigned?.kind ?? null, r.assigned?.value ?? null])).toEqual([
      ['CB001', 'count', 4],
      ['CB003', null, null],
      ['DU009', 'percent-of-full-members', 5],
    ]);
    expect([saved.total.unitsWithTarget, saved.total.targetCount, saved.remainder]).toEqual([2, given, OWN_TARGET - given]);
    await screenshot(page, 'targets-table');
  });

  it('exports the table to XLSX as shown, and imports a filled-in copy, refusing a bad cell by row and column', async () => {
    await page.getByRole('button', { name: 'Xuất Excel', exact: true }).click();
    await page.getByText('Đã lưu bảng chỉ tiêu vào').waitFor();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxPath());
    const ws = wb.worksheets[0]!;
    const lines = new Map<string, unknown[]>();
    ws.eachRow((r) => lines.set(String(r.getCell(1).value || r.getCell(2).value), [4, 5, 6, 7].map((c) => r.getCell(c).value)));
    expect(lines.get('CB001')).toEqual(['người', 4, 4, unit('CB001').achieved]);
    expect(lines.get('DU009')).toEqual(['%', 5, targetCount({ kind: 'percent-of-full-members', value: 5 }, unit('DU009').fullMembersAtYearStart), unit('DU009').achieved]);
    expect(lines.get('CB003')).toEqual([null, null, null, unit('CB003').achieved]);
    expect([...lines.keys()].some((k) => k.startsWith('Tổng cộng (2/3 đơn vị có chỉ tiêu)'))).toBe(true);

    const cb003 = [...Array(ws.rowCount).keys()].map((i) => i + 1).find((n) => ws.getCell(n, 1).value === 'CB003')!;
    ws.getCell(cb003, 4).value = 'người';
    ws.getCell(cb003, 5).value = 'ba';
    await wb.xlsx.writeFile(xlsxPath());
    await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
    await table().getByText(`dòng ${cb003}, cột E (Chỉ tiêu): "ba" không phải là số không âm`).waitFor();
    expect(await input('CB003').inputValue()).toBe('');

    ws.getCell(cb003, 5).value = 3;
    await wb.xlsx.writeFile(xlsxPath());
    await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
    await page.getByText('Đã nhập bảng chỉ tiêu Năm').waitFor();
    await expect.poll(() => input('CB003').inputValue()).toBe('3');
    expect(await page.getByTestId('table-total').textContent()).toContain('3/3 đơn vị có chỉ tiêu');
    await screenshot(page, 'targets-table-imported');
  });
});
