import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchBrowser, makeTempDir, screenshot, startHost, type Browser, type Host } from './harness';

// A secretary restores last week's backup from Cài đặt, and later finds the data folder with only the copy that
// restore moved aside: the app offers to take it back instead of setting up anew.
const PASSPHRASE = 'mat khau kiem tra 2026';

let dataDir: string;
let host: Host;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dataDir = makeTempDir('ptdv-e2e-restore-');
  host = await startHost(dataDir);
  await api(host, 'session:setup', { unit: { code: 'CB-KT', name: 'Chi bộ Phòng Kỹ thuật', level: 'chi-bo' }, passphrase: PASSPHRASE });
  await api(host, 'members:create', { fullName: 'Trần Văn Bình', status: 'chinh-thuc', joinedOn: '2010-03-01', fullMemberSince: '2011-03-01' });
  await api(host, 'backup:create', { path: join(dataDir, 'files', 'tuan-truoc.ptdvbak') });
  await api(host, 'members:create', { fullName: 'Lê Thị Sau Sao Lưu', status: 'chinh-thuc', joinedOn: '2012-03-01', fullMemberSince: '2013-03-01' });
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

const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name });

describe('restoring from the app', () => {
  it('refuses a wrong passphrase in Vietnamese, then restores and keeps the replaced data aside', async () => {
    await nav('Cài đặt').click();
    await page.getByRole('button', { name: 'Chọn tệp sao lưu…' }).click();
    await page.getByText('tuan-truoc.ptdvbak').waitFor();
    await page.getByLabel('Mật khẩu của bản sao lưu', { exact: true }).fill('mat khau sai');
    // Asked once more before the data in use is replaced; «Đóng» leaves everything as it was.
    await page.getByRole('button', { name: 'Khôi phục' }).click();
    const asked = page.getByRole('dialog', { name: 'Thay dữ liệu đang dùng bằng bản sao lưu?' });
    expect(await asked.textContent()).toContain('tuan-truoc.ptdvbak');
    await screenshot(page, 'restore-00-confirm');
    await asked.getByRole('button', { name: 'Đóng' }).click();
    await expect.poll(() => asked.count()).toBe(0);
    expect(await page.getByTestId('operation-progress').count()).toBe(0);
    await page.getByRole('button', { name: 'Khôi phục' }).click();
    await page.getByRole('dialog', { name: 'Thay dữ liệu đang dùng bằng bản sao lưu?' }).getByRole('button', { name: 'Thay bằng bản sao lưu' }).click();
    await page.getByText(/không mở được bản sao lưu này/).waitFor({ timeout: 20_000 });

    await page.getByLabel('Mật khẩu của bản sao lưu', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Khôi phục' }).click();
    await page.getByRole('dialog', { name: 'Thay dữ liệu đang dùng bằng bản sao lưu?' }).getByRole('button', { name: 'Thay bằng bản sao lưu' }).click();
    const done = page.getByTestId('restore-done');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toMatch(/ptdv\.db\.truoc-khoi-phuc-/);
    // When, in words: the backup's own time and the time the replaced data was put aside.
    expect(await done.textContent()).toMatch(/^Đã khôi phục bản sao lưu lập lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}\. Dữ liệu đang dùng trước đó được cất lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4} /);
    await screenshot(page, 'restore-01-settings-restored');

    await nav('Đảng viên').click();
    await page.getByRole('row', { name: /Trần Văn Bình/ }).waitFor();
    expect(await page.getByText('Lê Thị Sau Sao Lưu').count()).toBe(0);
  });

  it('offers the moved-aside copy instead of first-run setup when ptdv.db is gone, and takes it back', async () => {
    await host.stop();
    for (const name of ['ptdv.db', 'ptdv.db.key', 'ptdv.db-wal', 'ptdv.db-shm']) {
      rmSync(join(dataDir, name), { force: true });
    }
    host = await startHost(dataDir);
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Cần khôi phục dữ liệu' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('heading', { name: 'Thiết lập lần đầu' }).count()).toBe(0);
    await screenshot(page, 'restore-02-needs-recovery');

    await page.getByRole('button', { name: 'Dùng lại bản này' }).click();
    await page.getByRole('heading', { name: 'Mở khóa dữ liệu' }).waitFor({ timeout: 20_000 });
    await page.getByLabel('Mật khẩu hoặc mã khôi phục', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Mở khóa' }).click();
    await nav('Đảng viên').click();
    await page.getByRole('row', { name: /Lê Thị Sau Sao Lưu/ }).waitFor({ timeout: 20_000 });
    expect(readdirSync(dataDir).filter((n) => n.includes('truoc-khoi-phuc'))).toEqual([]);
  });

  it('puts the archive of received files back, keeps a different file of the same name aside, and says so', async () => {
    // A received file a superior keeps in luu-tru, byte for byte; the backup carries it.
    const unitFolder = join(dataDir, 'luu-tru', 'CB-KT');
    mkdirSync(unitFolder, { recursive: true });
    const archived = join(unitFolder, '0123456789ab-CB-KT-bao-cao-quy-3.ptdv');
    writeFileSync(archived, 'tệp báo cáo quý 3 như khi nhận');
    await api(host, 'backup:create', { path: join(dataDir, 'files', 'co-luu-tru.ptdvbak') });
    writeFileSync(archived, 'một tệp khác mang cùng tên');

    await nav('Cài đặt').click();
    await page.getByRole('button', { name: 'Chọn tệp sao lưu…' }).click();
    await page.getByText('co-luu-tru.ptdvbak').waitFor();
    await page.getByLabel('Mật khẩu của bản sao lưu', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Khôi phục' }).click();
    await page.getByRole('dialog', { name: 'Thay dữ liệu đang dùng bằng bản sao lưu?' }).getByRole('button', { name: 'Thay bằng bản sao lưu' }).click();
    const done = page.getByTestId('restore-done');
    await done.waitFor({ timeout: 30_000 });
    const aside = readdirSync(unitFolder).filter((n) => n.includes('.truoc-khoi-phuc-'));
    expect(aside).toHaveLength(1);
    expect(await done.textContent()).toContain(`có 1 tệp khác nội dung với tệp cùng tên trong bản sao lưu; chúng không bị xóa mà được giữ lại với tên mới: luu-tru/CB-KT/${aside[0]}.`);
    await screenshot(page, 'restore-03-archive-kept-aside');
    expect(readFileSync(archived, 'utf8')).toBe('tệp báo cáo quý 3 như khi nhận');
    expect(readFileSync(join(unitFolder, aside[0]!), 'utf8')).toBe('một tệp khác mang cùng tên');
  });
});
