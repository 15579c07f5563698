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

/** One state of the bar: its text and label, and when the page showed it (milliseconds). */
type Seen = { text: string; at: number };

/** Records every text and label the operation's progress bar shows, from now on, in the page, with the time. */
async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Seen[] = [];
    (window as unknown as { progressSeen: Seen[] }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="operation-progress"]');
      if (bar) {
        const text = `${bar.textContent ?? ''} | ${bar.querySelector('[role="progressbar"]')?.getAttribute('aria-label') ?? ''}`;
        if (seen.at(-1)?.text !== text) {
          seen.push({ text, at: performance.now() });
        }
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
    .catch((e: Error) => console.log(`no picture ${name}: ${e.message.split("\n")[0]}`));
}

const progressSeen = (page: Page) => page.evaluate(() => (window as unknown as { progressSeen: Seen[] }).progressSeen.splice(0));

type Received = { step: string; done: number; total: number; unit: string };

/**
 * Every state of an operation the page was told of, in order: each look at the progress answers the latest state and
 * those passed since the previous look, so this is the service's whole sequence up to the last look before the
 * operation ended, not what a look happened to catch.
 */
const received: Received[] = [];

function recordReceived(page: Page): void {
  page.on('response', (response) => {
    if (response.url().endsWith('/api/progress%3Aget')) {
      void response
        .json()
        .then((r: { ok: boolean; value: (Received & { passed: Received[] }) | null }) => {
          if (r.ok && r.value) {
            const { passed, ...latest } = r.value;
            received.push(...passed, latest);
          }
        })
        .catch(() => undefined);
    }
  });
}

/** The "done/total" figure of a state of the bar in `step`, e.g. "12,5 MB/61,2 MB"; null for another step. */
function figure(seen: Seen, step: string): string | null {
  return seen.text.startsWith(`${step} · `) ? (seen.text.split(' | ')[0]!.slice(step.length + 3).split(' · ')[0] ?? null) : null;
}

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
  // The day's re-evaluation of 15,000 people is done before the screen opens, so what the bars show is the backup's
  // and the restore's own pace, not the screen's steps of re-evaluation taking turns with them.
  for (let step = await api<{ done: number; total: number }>(host, 'checks:refresh-step', {}); step.done < step.total; ) {
    step = await api<{ done: number; total: number }>(host, 'checks:refresh-step', {});
  }
  browser = await launchBrowser();
  page = browser.page;
  page.setDefaultTimeout(60_000);
  await page.goto(host.url);
  await page.getByRole('navigation').waitFor();
  await recordProgress(page);
  recordReceived(page);
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
    // The snapshot runs on a thread of its own and the bar follows the bytes it has written: a picture of it moving.
    await snapshot(bar.filter({ hasText: /^Chụp lại dữ liệu hiện tại · (?!0 KB\/)[\d.,]+ [KM]B\// }), 'progress-backup-snapshot');
    await snapshot(bar.filter({ hasText: /^(Kiểm tra dữ liệu cần sao lưu|Ghi tệp sao lưu) · / }), 'progress-backup');
    await page.getByTestId('backup-saved').waitFor();
    expect(await bar.count()).toBe(0);
    const seen = await progressSeen(page);
    // Every step of a backup goes by bytes, the snapshot too. The steps after the snapshot may pass between two looks
    // on a busy machine, so what is asserted of them is how each state the bar or the page got reads, not that one came.
    const later = seen.filter((s) => /^(Kiểm tra dữ liệu cần sao lưu|Ghi tệp sao lưu) · /.test(s.text));
    expect(later.every((s) => /^(Kiểm tra dữ liệu cần sao lưu|Ghi tệp sao lưu) · [\d.,]+ [KM]B\/[\d.,]+ MB/.test(s.text))).toBe(true);
    expect(received.every((r) => r.unit === 'bytes')).toBe(true);
    expect(seen.every((s) => s.text.includes('| Tiến độ sao lưu: '))).toBe(true);
    const step = 'Chụp lại dữ liệu hiện tại';
    const shots = seen.filter((s) => s.text.startsWith(step));
    expect(shots.length).toBeGreaterThan(0);
    expect(shots.every((s) => /^[\d.,]+ [KM]B\/[\d.,]+ MB$/.test(figure(s, step) ?? ''))).toBe(true);
    // How long the snapshot was on screen: from its first state to the first state of the next step.
    const next = seen.find((s) => s.at > shots[0]!.at && !s.text.startsWith(step));
    const lasted = (next?.at ?? shots.at(-1)!.at) - shots[0]!.at;
    console.log(`snapshot step on screen ${Math.round(lasted)} ms, showing ${[...new Set(shots.map((s) => figure(s, step)))].join(' → ')}`);
    // The bar moved while the snapshot was written: the page was told of its start (nothing written yet) and of its
    // end (all of it), whatever the looks in between caught, on a machine of any speed.
    const snapshotStates = received.filter((r) => r.step === step);
    const first = snapshotStates[0]!;
    const last = snapshotStates.at(-1)!;
    expect(first).toMatchObject({ done: 0, unit: 'bytes' });
    expect(first.total).toBeGreaterThan(1024 * 1024);
    expect(last.done).toBe(last.total);
    const dones = snapshotStates.map((r) => r.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    // And the steps came in the order the backup does them. What follows the last look before the backup ended is
    // not seen (the bar is gone by then), so on a busy machine the last step may be missing, never out of order.
    const order = [step, 'Kiểm tra dữ liệu cần sao lưu', 'Ghi tệp sao lưu'];
    const steps = [...new Set(received.map((r) => r.step))];
    expect(steps).toEqual(order.slice(0, steps.length));
    received.length = 0;
    const backup = readdirSync(join(dataDir, 'files')).find((n) => n.endsWith('.ptdvbak'))!;
    expect(statSync(join(dataDir, 'files', backup)).size).toBeGreaterThan(10 * 1024 * 1024);
  });

  it('restores with a bar while it reads and checks the backup, then the restored data is open', async () => {
    await page.getByRole('button', { name: 'Chọn tệp sao lưu…' }).click();
    await page.getByLabel('Mật khẩu của bản sao lưu', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Khôi phục' }).click();
    await page.getByRole('dialog', { name: 'Thay dữ liệu đang dùng bằng bản sao lưu?' }).getByRole('button', { name: 'Thay bằng bản sao lưu' }).click();
    const bar = page.getByTestId('operation-progress');
    await snapshot(bar, 'progress-restore');
    await snapshot(bar.filter({ hasText: /^Kiểm tra tính toàn vẹn dữ liệu khôi phục · bước/ }), 'progress-restore-integrity');
    await page.getByTestId('restore-done').waitFor({ timeout: 120_000 });
    expect(await bar.count()).toBe(0);
    const seen = await progressSeen(page);
    // Reading the file goes by bytes: the page was told of it whether or not a look of the bar caught it.
    const reading = 'Đọc và kiểm tra tệp sao lưu';
    expect(seen.filter((s) => s.text.startsWith(reading)).every((s) => /^[\d.,]+ [KM]B\/[\d.,]+ MB$/.test(figure(s, reading) ?? ''))).toBe(true);
    const read = received.filter((r) => r.step === reading);
    expect(read.length).toBeGreaterThan(0);
    expect(read.every((r) => r.unit === 'bytes')).toBe(true);
    expect(seen.every((s) => s.text.includes('| Tiến độ khôi phục: '))).toBe(true);
    // The integrity check shows which part of it is running, a table at a time.
    const checks = seen.map((s) => figure(s, 'Kiểm tra tính toàn vẹn dữ liệu khôi phục')).filter((f) => f !== null);
    console.log(`integrity check seen as ${checks.join(', ') || 'nothing (it was quicker than a look)'}`);
    expect(checks.every((f) => /^bước \d+\/\d+$/.test(f))).toBe(true);
    const people = await api<{ total: number }>(host, 'candidates:list', { limit: 1 });
    expect(people.total).toBe(candidates);
  });
});
