import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { api, launchBrowser, makeTempDir, SCREENSHOTS, startHost, type Browser, type Host } from './harness';

// A cell with 15,000 dossiers (a database of tens of megabytes) backs up and restores from Cài đặt: each shows a bar
// with the step it is doing and the megabytes done, which goes away when the operation ends. Long by size, not by
// waiting: the test records every state the bar showed, however quickly it passed.
const PASSPHRASE = 'mat khau tien do 2026';
const CANDIDATES = 15_000;

let dataDir: string;
let host: Host;
let browser: Browser;
let page: Page;
let candidates: number;

/** Records every text and label the operation's progress bar shows, from now on, in the page. */
async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="operation-progress"]');
      if (bar) {
        seen.push(`${bar.textContent ?? ''} | ${bar.querySelector('[role="progressbar"]')?.getAttribute('aria-label') ?? ''}`);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/**
 * A picture of the bar for people to look at, if it is still there when the browser gets to it; whether it appeared is
 * asserted from what recordProgress saw, which does not depend on how fast this machine is.
 */
async function snapshot(bar: Locator, name: string): Promise<void> {
  await bar
    .waitFor({ timeout: 5_000 })
    .then(() => bar.screenshot({ path: join(SCREENSHOTS, `${name}.png`) }))
    .catch(() => undefined);
}

const progressSeen = (page: Page) => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen.splice(0));

beforeAll(async () => {
  dataDir = makeTempDir('ptdv-e2e-progress-');
  const env = { PTDV_PASSPHRASE: PASSPHRASE };
  for (const argv of [
    ['init', '--db', join(dataDir, 'ptdv.db'), '--code', 'CB014', '--name', 'Chi bộ Phòng Kỹ thuật', '--level', 'chi-bo', '--parent', 'DUK01'],
    ['demo', '--db', join(dataDir, 'ptdv.db'), '--candidates', String(CANDIDATES)],
  ]) {
    const made = await runCli(argv, env);
    if (made.code !== 0) {
      throw new Error(`ptdv ${argv.join(' ')} failed: ${made.stderr}`);
    }
  }
  host = await startHost(dataDir);
  await api(host, 'session:unlock', { secret: PASSPHRASE });
  candidates = (await api<{ total: number }>(host, 'candidates:list', { limit: 1 })).total;
  browser = await launchBrowser();
  page = browser.page;
  page.setDefaultTimeout(60_000);
  await page.goto(host.url);
  await page.getByRole('navigation').waitFor();
  await recordProgress(page);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('long operations show what they are doing and how far', () => {
  it('backs up with a bar by megabytes that goes away when the backup is saved', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('button', { name: 'Tạo bản sao lưu' }).click();
    const bar = page.getByTestId('operation-progress');
    await snapshot(bar, 'progress-backup');
    await page.getByTestId('backup-saved').waitFor();
    expect(await bar.count()).toBe(0);
    const seen = await progressSeen(page);
    // After the snapshot the passes over it go by bytes; the first is seen whatever the machine's speed, since the
    // screen's question waits for the snapshot and is answered as the pass starts.
    expect(seen.filter((s) => /^(Kiểm tra dữ liệu cần sao lưu|Ghi tệp sao lưu) · [\d.,]+ [KM]B\/[\d.,]+ MB/.test(s)).length).toBeGreaterThan(0);
    expect(seen.every((s) => s.includes('| Tiến độ sao lưu: '))).toBe(true);
    const backup = readdirSync(join(dataDir, 'files')).find((n) => n.endsWith('.ptdvbak'))!;
    expect(statSync(join(dataDir, 'files', backup)).size).toBeGreaterThan(10 * 1024 * 1024);
  });

  it('restores with a bar while it reads and checks the backup, then the restored data is open', async () => {
    await page.getByRole('button', { name: 'Chọn tệp sao lưu…' }).click();
    await page.getByLabel('Mật khẩu của bản sao lưu', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Khôi phục' }).click();
    const bar = page.getByTestId('operation-progress');
    await snapshot(bar, 'progress-restore');
    await page.getByTestId('restore-done').waitFor({ timeout: 120_000 });
    expect(await bar.count()).toBe(0);
    const seen = await progressSeen(page);
    expect(seen.filter((s) => /^Đọc và kiểm tra tệp sao lưu · [\d.,]+ [KM]B\/[\d.,]+ MB/.test(s)).length).toBeGreaterThan(0);
    expect(seen.every((s) => s.includes('| Tiến độ khôi phục: '))).toBe(true);
    const people = await api<{ total: number }>(host, 'candidates:list', { limit: 1 });
    expect(people.total).toBe(candidates);
  });
});
