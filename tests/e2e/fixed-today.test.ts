import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { api, launchBrowser, makeTempDir, screenshot, startHost, type Browser, type Host } from './harness';

// A demo replayed on a past day, as README says PTDV_TODAY does: the web host's services and its screens' forms must
// both take that day as today, or a form refuses as "not yet come" what the data already holds.
const PASSPHRASE = 'mat khau ngay co dinh 2025';
const DAY = '2025-06-30';

let dataDir: string;
let host: Host;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dataDir = makeTempDir('ptdv-e2e-fixed-today-');
  const demo = await runCli(['demo', '--db', join(dataDir, 'ptdv.db'), '--candidates', '20'], { PTDV_PASSPHRASE: PASSPHRASE, PTDV_TODAY: DAY });
  if (demo.code !== 0) {
    throw new Error(`ptdv demo failed: ${demo.stderr}`);
  }
  host = await startHost(dataDir, { PTDV_TODAY: DAY });
  browser = await launchBrowser();
  page = browser.page;
  await page.goto(host.url);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the web host under PTDV_TODAY', () => {
  it('counts Tổng quan to that day and opens a new event on it', async () => {
    await page.getByLabel('Mật khẩu hoặc mã khôi phục', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Mở khóa' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
    await expect.poll(() => page.getByText('số liệu tính đến ngày 30/06/2025').count(), { timeout: 60_000 }).toBe(1);

    const list = await api<{ rows: { id: string }[] }>(host, 'candidates:list', { limit: 1 });
    await page.goto(`${host.origin}/#/candidates/${list.rows[0]!.id}`);
    await page.getByRole('button', { name: '+ Ghi sự kiện' }).click();
    const form = page.getByRole('form', { name: 'Ghi sự kiện' });
    expect(await form.getByLabel('Ngày', { exact: true }).inputValue()).toBe('30/06/2025');
    await screenshot(page, 'fixed-today-event-form');
  }, 120_000);
});
