import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchBrowser, makeTempDir, screenshot, startHost, type Browser, type Host } from './harness';

// More candidates than one page of `candidates:list` (200), so scrolling must fetch further pages on demand.
const TOTAL = 450;
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Thanh', 'Ngọc', 'Đức', 'Quang'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Đạt', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Hùng', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Minh', 'Nam', 'Nga', 'Phong', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Thủy', 'Trang', 'Tuấn', 'Việt', 'Xuân', 'Yến'];

type Row = { fullName: string };

let dataDir: string;
let host: Host;
let browser: Browser;
let page: Page;

async function seed(): Promise<void> {
  await api(host, 'session:setup', { unit: { code: 'CB-DEMO', name: 'Chi bộ Xưởng Cơ khí', level: 'chi-bo' }, passphrase: 'mat khau demo 2025' });
  for (let i = 0; i < TOTAL; i++) {
    const fullName = `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i * 7) % MIDDLE.length]} ${GIVEN[(i * 13) % GIVEN.length]}`;
    const birthDate = `${1980 + (i % 25)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    const firstEvent = i % 3 === 0 ? { type: 'LISTED', date: '2025-02-05' } : { type: 'SOURCE_PROPOSED', date: '2025-01-10', by: 'doan' };
    await api(host, 'candidates:create', { profile: { fullName, birthDate }, firstEvent });
  }
}

beforeAll(async () => {
  dataDir = makeTempDir('ptdv-e2e-list-');
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

const count = () => page.getByTestId('candidate-count').textContent();

describe('the candidate list', () => {
  it('shows the total and renders only the rows on screen', async () => {
    await expect.poll(count).toBe(`${TOTAL} người`);
    const rendered = await page.locator('.vlist-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    await screenshot(page, '11-candidates-list');
  });

  it('fetches later pages while scrolling, down to the last candidate in the service order', async () => {
    const last = await api<{ rows: Row[] }>(host, 'candidates:list', { offset: TOTAL - 1, limit: 1 });
    const lastName = last.rows[0]?.fullName ?? '';
    await page.locator('.vlist-body').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const lastRow = page.locator('.vlist-row').last();
    await expect.poll(() => lastRow.locator('.name').textContent()).toBe(lastName);
    expect(await page.locator('.vlist-row').count()).toBeLessThan(60);
  });

  it('filters by stage with the count of that stage', async () => {
    await page.getByLabel('Lọc theo giai đoạn').selectOption('cam-tinh');
    await expect.poll(count).toBe(`${TOTAL / 3} người`);
    const stages = await page.locator('.vlist-row .badge').allTextContents();
    expect(new Set(stages)).toEqual(new Set(['Cảm tình Đảng']));
    await page.getByLabel('Lọc theo giai đoạn').selectOption('');
    await expect.poll(count).toBe(`${TOTAL} người`);
  });
});
