import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { api, launchBrowser, makeTempDir, screenshot, startHost, type Browser, type Host } from './harness';

// A cell set up with a mistyped superior code (DUCS01 instead of DUK01) corrects it in Cài đặt, then enrols.
const PASSPHRASE = 'mat khau sua loi 2026';

let superiorDir: string;
let cellDir: string;
let superior: Host;
let cell: Host;
let browser: Browser;
let cb: Page;

const files = (dir: string) => join(dir, 'files');

async function cli(argv: string[]): Promise<void> {
  const result = await runCli(argv, { PTDV_PASSPHRASE: PASSPHRASE });
  if (result.code !== 0) {
    throw new Error(`ptdv ${argv.join(' ')} failed: ${result.stderr}`);
  }
}

beforeAll(async () => {
  superiorDir = makeTempDir('ptdv-e2e-fix-duk-');
  cellDir = makeTempDir('ptdv-e2e-fix-cb-');
  await cli(['init', '--db', join(superiorDir, 'ptdv.db'), '--code', 'DUK01', '--name', 'Đảng ủy Khối Doanh nghiệp tỉnh', '--level', 'cap-tren']);
  await cli(['init', '--db', join(cellDir, 'ptdv.db'), '--code', 'CB014', '--name', 'Chi bộ Phòng Kỹ thuật', '--level', 'chi-bo', '--parent', 'DUCS01']);
  [superior, cell] = await Promise.all([startHost(superiorDir), startHost(cellDir)]);
  await api(superior, 'session:unlock', { secret: PASSPHRASE });
  await api(cell, 'session:unlock', { secret: PASSPHRASE });
  browser = await launchBrowser();
  cb = browser.page;
  cb.setDefaultTimeout(20_000);
  await cb.goto(cell.url);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([superior?.stop(), cell?.stop()]);
  for (const dir of [superiorDir, cellDir]) {
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

describe('corrections in the browser', () => {
  it('corrects the parent code in Cài đặt before enrolment, enrols, and then the code is locked', async () => {
    await cb.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    const parent = cb.getByLabel('Mã cấp trên');
    await expect.poll(() => parent.inputValue()).toBe('DUCS01');
    await parent.fill('DUK01');
    await cb.getByLabel('Bí thư (người ký)').fill('Nguyễn Văn Hùng');
    await cb.getByLabel('Địa danh trên văn bản').fill('Hà Nội');
    await cb.getByRole('button', { name: 'Lưu thông tin đơn vị' }).click();
    await cb.getByText('Đã lưu thông tin đơn vị.').waitFor();
    await cb.getByText('Cấp trên DUK01').waitFor();
    await screenshot(cb, 'corrections-parent-code-fixed');

    await api(superior, 'keys:export-trust', { path: join(files(superiorDir), 'tin-cay-DUK01.json') });
    copyFileSync(join(files(superiorDir), 'tin-cay-DUK01.json'), join(files(cellDir), 'tin-cay-DUK01.json'));
    const request = await api<{ path: string }>(cell, 'enrol:request', { trustPath: join(files(cellDir), 'tin-cay-DUK01.json'), path: files(cellDir) });
    copyFileSync(request.path, join(files(superiorDir), 'dang-ky.ptdv'));
    const accepted = await api<{ enrolment?: { unitCode: string } }>(superior, 'enrol:accept', { path: join(files(superiorDir), 'dang-ky.ptdv') });
    expect(accepted.enrolment?.unitCode).toBe('CB014');

    await cb.reload();
    await expect.poll(() => cb.getByLabel('Mã cấp trên').inputValue()).toBe('DUK01');
    expect(await cb.getByLabel('Mã cấp trên').isDisabled()).toBe(true);
    await cb.getByText(/Chuyển sang cấp trên khác là đăng ký lại/).waitFor();
    await screenshot(cb, 'corrections-parent-code-locked');
  });
});
