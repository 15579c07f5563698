import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchBrowser, makeTempDir, screenshot, startHost, type Browser, type Host } from './harness';

// A secretary's day on the to-do list: the search says it needs no diacritics, each row says its message once.
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const FULL_MEMBERS = 12;

function monthsFromToday(months: number): string {
  const [y, m] = TODAY.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-15`;
}

let dataDir: string;
let host: Host;
let browser: Browser;
let page: Page;

async function candidate(fullName: string, birthDate: string, events: { type: string; date: string; yes?: number; eligible?: number }[]): Promise<void> {
  const [first, ...rest] = events;
  const created = await api<{ id: string }>(host, 'candidates:create', { profile: { fullName, birthDate }, firstEvent: first });
  for (const event of rest) {
    await api(host, 'candidates:add-event', { id: created.id, event });
  }
}

beforeAll(async () => {
  dataDir = makeTempDir('ptdv-e2e-daily-');
  host = await startHost(dataDir);
  await api(host, 'session:setup', { unit: { code: 'CB-HC', name: 'Chi bộ Hành chính', level: 'chi-bo' }, passphrase: 'mat khau hang ngay 2026' });
  for (let i = 1; i <= FULL_MEMBERS; i++) {
    await api(host, 'members:create', { fullName: `Đảng viên Số ${i}`, status: 'chinh-thuc', joinedOn: '2014-01-10', fullMemberSince: '2015-01-10' });
  }
  await candidate('Vũ Minh Tuấn', '1994-10-10', [
    { type: 'LISTED', date: monthsFromToday(-20) },
    { type: 'COURSE_CERTIFIED', date: monthsFromToday(-18) },
    { type: 'DOSSIER_STARTED', date: monthsFromToday(-12) },
    { type: 'CHI_BO_VOTED', date: monthsFromToday(-9), yes: 10, eligible: FULL_MEMBERS },
  ]);
  await candidate('Nguyễn Thị Lan', '1996-05-14', [
    { type: 'SOURCE_PROPOSED', date: monthsFromToday(-60) },
    { type: 'LISTED', date: monthsFromToday(-58) },
    { type: 'COURSE_CERTIFIED', date: monthsFromToday(-56) },
  ]);
  await candidate('Trần Văn Nam', '2000-01-20', [{ type: 'SOURCE_PROPOSED', date: monthsFromToday(-2) }]);
  browser = await launchBrowser();
  page = browser.page;
  await page.goto(host.url);
  await page.getByRole('navigation').waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('to-do list', () => {
  it('says the search needs no diacritics, and finds a name typed without them', async () => {
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.getByRole('navigation').getByRole('link', { name: 'Việc cần làm' }).click();
    await page.getByTestId('todo-row').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('search-hint').textContent()).toContain('không dấu');
    await screenshot(page, 'daily-todo-1024');
    // The toolbar wraps onto a second line rather than running past the page's right edge.
    const toolbar = await page.locator('.toolbar').evaluate((el) => ({ right: el.getBoundingClientRect().right, scroll: el.scrollWidth, width: el.clientWidth }));
    expect(toolbar.scroll).toBeLessThanOrEqual(toolbar.width);
    expect(toolbar.right).toBeLessThanOrEqual(1024);
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'daily-todo-1440');
    await page.getByRole('searchbox').fill('vu minh tuan');
    // The list filters as the user types: wait until it shows only that person's rows.
    await expect
      .poll(async () => {
        const rows = await page.getByTestId('todo-row').allTextContents();
        return rows.length > 0 && rows.every((row) => row.includes('Vũ Minh Tuấn'));
      })
      .toBe(true);
    await page.getByRole('searchbox').fill('');
  });

  it('shows each row its message once', async () => {
    const rows = await page.getByTestId('todo-row').evaluateAll((els) => els.map((e) => ({ row: e.textContent ?? '', what: e.querySelector('.todo-what')?.textContent ?? '' })));
    expect(rows.length).toBeGreaterThan(0);
    for (const { row, what } of rows) {
      // The kind's name, then its message: the message itself is not repeated anywhere in the row.
      const message = what.slice(what.indexOf('. ') + 2);
      expect(message.length).toBeGreaterThan(10);
      expect(row.split(message)).toHaveLength(2);
      // Nor the kind's name said twice ("Quá hạn tổ chức lễ kết nạp. Quá hạn tổ chức lễ kết nạp (hạn …").
      expect(what).not.toMatch(/^(.{10,}?)\. \1/);
    }
  });
});
