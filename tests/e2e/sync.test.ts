import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { api, launchBrowser, makeTempDir, screenshot, startHost, type Browser, type Host } from './harness';

// A committee (DUK01) and one of its cells (CB014), each with its own data folder, host and browser tab. Files travel
// between the two hosts' files/ folders (what the web host's dialogs open and save into) as they would on a USB stick.
const PASSPHRASE = 'mat khau dong bo 2026';
const CANDIDATES = 12;
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).slice(0, 4));

let superiorDir: string;
let cellDir: string;
let superior: Host;
let cell: Host;
let browser: Browser;
let duk: Page;
let cb: Page;
let label = '';

const files = (dir: string) => join(dir, 'files');
const digits = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\D/g, '');

/** Carries a file from one host's folder to the other's, as a USB stick would; the original stays. */
function carry(name: string, from: string, to: string): string {
  copyFileSync(join(files(from), name), join(files(to), name));
  return join(files(to), name);
}

async function cli(argv: string[]): Promise<void> {
  const result = await runCli(argv, { PTDV_PASSPHRASE: PASSPHRASE });
  if (result.code !== 0) {
    throw new Error(`ptdv ${argv.join(' ')} failed: ${result.stderr}`);
  }
}

async function openTab(page: Page, nav: string, tab: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: nav }).click();
  await page.getByRole('navigation', { name: /^Các mục/ }).getByRole('link', { name: tab }).click();
}

beforeAll(async () => {
  superiorDir = makeTempDir('ptdv-e2e-sync-duk-');
  cellDir = makeTempDir('ptdv-e2e-sync-cb-');
  await cli(['init', '--db', join(superiorDir, 'ptdv.db'), '--code', 'DUK01', '--name', 'Đảng ủy Khối Doanh nghiệp tỉnh', '--level', 'cap-tren']);
  await cli(['init', '--db', join(cellDir, 'ptdv.db'), '--code', 'CB014', '--name', 'Chi bộ Phòng Kỹ thuật', '--level', 'chi-bo', '--parent', 'DUK01']);
  await cli(['demo', '--db', join(cellDir, 'ptdv.db'), '--candidates', String(CANDIDATES)]);
  [superior, cell] = await Promise.all([startHost(superiorDir), startHost(cellDir)]);
  await api(superior, 'session:unlock', { secret: PASSPHRASE });
  await api(cell, 'session:unlock', { secret: PASSPHRASE });
  browser = await launchBrowser();
  duk = browser.page;
  cb = await browser.context.newPage();
  // Two hosts and two tabs share the machine's two cores: give each step more room than the single-host tests.
  duk.setDefaultTimeout(20_000);
  cb.setDefaultTimeout(20_000);
  await duk.goto(superior.url);
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

describe('sync bundles between a committee and its cell, in the browser', () => {
  it('enrols the cell: trust file, enrolment file, the code compared by phone, then verified', async () => {
    await openTab(duk, 'Đơn vị trực thuộc', 'Khóa và đăng ký');
    await duk.getByRole('button', { name: 'Xuất tệp tin cậy…' }).click();
    await duk.getByText(`Đã lưu tại: ${join(files(superiorDir), 'tin-cay-DUK01.json')}`).waitFor();
    const superiorCode = await digits(duk.getByTestId('own-code'));
    expect(superiorCode).toMatch(/^\d{20}$/);
    await screenshot(duk, 'sync-superior-keys');
    carry('tin-cay-DUK01.json', superiorDir, cellDir);

    await cb.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Kết nối cấp trên' }).click();
    const ownCode = cb.getByTestId('own-code');
    const cellCode = await digits(ownCode);
    expect(cellCode).toMatch(/^\d{20}$/);
    // Big enough to read out over the phone without leaning in.
    expect(await ownCode.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(30);
    await cb.getByRole('button', { name: 'Chọn tệp tin cậy…' }).click();
    await cb.getByRole('button', { name: 'Chọn thư mục…' }).click();
    await cb.getByRole('button', { name: 'Tạo gói đăng ký' }).click();
    const made = cb.getByTestId('enrolment-made');
    await made.getByText('CB014_DUK01_DANGKY_s000001.ptdv', { exact: true }).waitFor();
    await made.getByText(join(files(cellDir), 'CB014_DUK01_DANGKY_s000001.ptdv')).waitFor();
    // The cell hears the committee read its code and compares it with the one in the trust file.
    expect(await digits(made.getByRole('figure'))).toContain(superiorCode);
    await screenshot(cb, 'sync-cell-enrolment');
    carry('CB014_DUK01_DANGKY_s000001.ptdv', cellDir, superiorDir);

    await duk.getByRole('button', { name: 'Chọn gói đăng ký…' }).click();
    expect(await digits(duk.getByTestId('received-code'))).toBe(cellCode);
    const spoken = duk.getByLabel('Mã chi bộ đọc qua điện thoại');
    await spoken.fill('1111 2222 3333 4444 5555');
    await duk.getByText('✗ Hai mã KHÁC nhau.').waitFor();
    await duk.getByRole('button', { name: 'Xác nhận đơn vị' }).click();
    await duk.getByRole('alert').filter({ hasText: 'Mã vân tay không khớp' }).waitFor();
    await screenshot(duk, 'sync-superior-confirm-mismatch');

    await spoken.fill(cellCode.replace(/(\d{4})(?=\d)/g, '$1 '));
    await duk.getByText('✓ Hai mã khớp nhau.').waitFor();
    await duk.getByRole('button', { name: 'Xác nhận đơn vị' }).click();
    await duk.getByTestId('unit-verified').getByText('Đã xác nhận Chi bộ Phòng Kỹ thuật (CB014).').waitFor();
    await screenshot(duk, 'sync-superior-verified');
    // Accepted and done with: the committee's folder now holds only what it is about to receive.
    rmSync(join(files(superiorDir), 'CB014_DUK01_DANGKY_s000001.ptdv'));
  });

  it('exports two reports from the cell through the wizard and keeps them in its outbox', async () => {
    await openTab(cb, 'Kết nối cấp trên', 'Gửi báo cáo');
    const labelInput = cb.getByLabel('Nhãn kỳ');
    label = await labelInput.inputValue();
    expect(label).toMatch(/^\d{4}Q[1-4]$/);
    // The period is picked from a list in words; the label follows it.
    const period = cb.getByLabel('Chọn kỳ', { exact: true });
    const roman = ['I', 'II', 'III', 'IV'][Number(label.slice(5)) - 1];
    expect(await period.locator('option:checked').textContent()).toBe(`Quý ${roman}/${label.slice(0, 4)}`);
    await period.selectOption({ label: `Năm ${label.slice(0, 4)}` });
    expect(await labelInput.inputValue()).toBe(label.slice(0, 4));
    await period.selectOption(label);
    expect(await labelInput.inputValue()).toBe(label);
    await cb.getByTestId('next-file-name').getByText(`CB014_DUK01_${label}_s000002.ptdv`).waitFor();
    await labelInput.fill('2026 quý 4');
    await cb.getByText('Nhãn kỳ chỉ gồm chữ không dấu, chữ số và dấu gạch ngang, ví dụ 2026Q4.').waitFor();
    expect(await cb.getByRole('button', { name: 'Tạo gói và lưu' }).isDisabled()).toBe(true);
    await labelInput.fill(label);
    await cb.getByRole('button', { name: 'Chọn thư mục…' }).click();
    await screenshot(cb, 'sync-cell-export-wizard');

    await cb.getByRole('button', { name: 'Tạo gói và lưu' }).click();
    const done = cb.getByTestId('export-done');
    await done.getByText(`CB014_DUK01_${label}_s000002.ptdv`, { exact: true }).waitFor();
    expect(await done.getByTestId('saved-seq').textContent()).toBe('2');
    expect(await done.textContent()).toContain(`${CANDIDATES} hồ sơ người vào Đảng`);
    expect(existsSync(join(files(cellDir), `CB014_DUK01_${label}_s000002.ptdv`))).toBe(true);
    await cb.getByTestId('next-file-name').getByText(`CB014_DUK01_${label}_s000003.ptdv`).waitFor();
    await screenshot(cb, 'sync-cell-export-done');

    await cb.getByRole('button', { name: 'Tạo gói và lưu' }).click();
    await done.getByText(`CB014_DUK01_${label}_s000003.ptdv`, { exact: true }).waitFor();

    await openTab(cb, 'Kết nối cấp trên', 'Đã gửi');
    const rows = cb.getByTestId('outbox-row');
    await rows.first().waitFor();
    expect(await rows.locator('.file-cell').allTextContents()).toEqual([
      `CB014_DUK01_${label}_s000003.ptdv`,
      `CB014_DUK01_${label}_s000002.ptdv`,
      'CB014_DUK01_DANGKY_s000001.ptdv',
    ]);
    await rows.first().getByRole('button', { name: 'Mở lại' }).click();
    const dialog = cb.getByRole('dialog', { name: `Gói CB014_DUK01_${label}_s000003.ptdv` });
    await dialog.getByText(`${CANDIDATES} hồ sơ người vào Đảng`, { exact: false }).waitFor();
    await screenshot(cb, 'sync-cell-outbox-reopened');
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await screenshot(cb, 'sync-cell-outbox');
  });

  it('imports both reports with a tampered copy among them: the copy is refused in Vietnamese, the others apply', async () => {
    const second = `CB014_DUK01_${label}_s000002.ptdv`;
    const third = `CB014_DUK01_${label}_s000003.ptdv`;
    const tampered = `CB014_DUK01_${label}_s000002-ban-sao.ptdv`;
    const bytes = readFileSync(carry(second, cellDir, superiorDir));
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(join(files(superiorDir), tampered), bytes);
    carry(third, cellDir, superiorDir);

    await openTab(duk, 'Đơn vị trực thuộc', 'Nhận gói dữ liệu');
    await duk.getByRole('button', { name: 'Chọn tệp…' }).click();
    const chosen = duk.getByRole('list', { name: 'Các tệp sẽ nhập' });
    await chosen.waitFor();
    // Ordered by sender and sequence, whatever order the dialog gave them in.
    expect(await chosen.locator('.file-cell').allTextContents()).toEqual([second, third, tampered]);
    await screenshot(duk, 'sync-superior-import-chosen');
    await duk.getByRole('button', { name: 'Nhập 3 tệp' }).click();
    const summary = duk.getByTestId('import-summary');
    await summary.waitFor();

    expect(await duk.getByRole('progressbar', { name: 'Tiến độ nhập tệp' }).getAttribute('aria-valuenow')).toBe('3');
    const row = (name: string) => duk.getByTestId('import-row').filter({ has: duk.getByText(name, { exact: true }) });
    expect(await row(second).getAttribute('data-status')).toBe('applied');
    expect(await row(third).getAttribute('data-status')).toBe('applied');
    expect(await row(tampered).getAttribute('data-status')).toBe('rejected');
    expect(await row(tampered).textContent()).toContain('Bị từ chối');
    expect(await row(tampered).textContent()).toContain('Không giải mã được tệp: tệp đã bị hỏng hoặc bị sửa đổi.');
    expect(await summary.textContent()).toContain('2 tệp: đã cập nhật');
    expect(await summary.textContent()).toContain('1 tệp: bị từ chối');
    await screenshot(duk, 'sync-superior-import-done');
  });

  it('shows the unit verified with its last bundle, and opens its candidates read-only', async () => {
    await openTab(duk, 'Đơn vị trực thuộc', 'Danh sách đơn vị');
    const unit = duk.getByTestId('unit-row').filter({ hasText: 'CB014' });
    await unit.waitFor();
    const text = (await unit.textContent()) ?? '';
    expect(text).toContain('Đã xác nhận');
    expect(text).toContain(`Số 3 · Báo cáo ${label}`);
    expect(text).toContain('Không');
    expect((await unit.locator('td').last().textContent())?.trim()).toBe(String(CANDIDATES));
    await screenshot(duk, 'sync-superior-units');

    await unit.getByRole('link', { name: 'Chi bộ Phòng Kỹ thuật' }).click();
    await duk.getByRole('heading', { name: 'Chi bộ Phòng Kỹ thuật', level: 1 }).waitFor();
    const received = duk.getByRole('table', { name: 'Các tệp đã nhận' }).getByRole('row');
    // The enrolment and two reports; the tampered copy left nothing behind.
    await expect.poll(() => received.count()).toBe(4);
    await screenshot(duk, 'sync-superior-unit');

    await duk.getByRole('link', { name: 'Xem hồ sơ và lỗi của đơn vị (chỉ xem) →' }).click();
    await duk.getByTestId('unit-candidate-count').getByText(`${CANDIDATES} người`).waitFor();
    expect(await duk.getByText('dữ liệu do đơn vị gửi lên, chỉ xem').isVisible()).toBe(true);
  });

  it('sends a directive back: the cell sees the receipts, the comment and the target that arrived', async () => {
    await api(superior, 'targets:set', { unitCode: 'CB014', year: YEAR, period: 'year', kind: 'count', value: 3 });
    await duk.goto(`${superior.origin}/#/units/CB014`);
    await duk.getByRole('heading', { name: 'Gửi chỉ đạo cho đơn vị' }).waitFor();
    await expect.poll(() => duk.getByTestId('pending-item').count()).toBe(3);
    const comment = 'Đề nghị chi bộ hoàn thiện lý lịch của các quần chúng ưu tú trước ngày 15/12.';
    await duk.getByLabel('Nội dung').fill(comment);
    await duk.getByRole('button', { name: 'Thêm ý kiến' }).click();
    await duk.getByTestId('pending-item').filter({ hasText: comment }).waitFor();
    await duk.getByRole('button', { name: 'Chọn nơi lưu (ví dụ ổ USB)…' }).click();
    await duk.getByRole('button', { name: 'Tạo gói chỉ đạo' }).click();
    const done = duk.getByTestId('directive-done');
    await done.waitFor();
    const name = readdirSync(files(superiorDir)).find((f) => f.startsWith('DUK01_CB014_'));
    expect(name).toMatch(/^DUK01_CB014_\d{4}Q[1-4]_s000001\.ptdv$/);
    expect(await done.textContent()).toContain(name);
    await expect.poll(() => duk.getByTestId('pending-item').count()).toBe(0);
    await duk.getByTestId('sent-item').filter({ hasText: comment }).getByText('Đã gửi, chờ đơn vị xác nhận').waitFor();
    await screenshot(duk, 'sync-superior-directive');
    carry(name!, superiorDir, cellDir);

    await openTab(cb, 'Kết nối cấp trên', 'Nhận chỉ đạo');
    await cb.getByRole('button', { name: 'Chọn tệp…' }).click();
    // The cell's own bundles are still on the stick; they are left out rather than refused.
    await cb.getByTestId('import-skipped').getByText('Đã bỏ qua 3 tệp do chính đơn vị này gửi đi', { exact: false }).waitFor();
    await cb.getByRole('button', { name: 'Nhập 1 tệp' }).click();
    await cb.getByTestId('import-summary').waitFor();
    expect(await cb.getByTestId('import-row').getAttribute('data-status')).toBe('applied');

    const arrived = cb.getByTestId('arrived');
    await arrived.getByTestId('arrived-item').filter({ hasText: comment }).waitFor();
    const texts = await arrived.getByTestId('arrived-item').allTextContents();
    expect(texts.filter((t) => t.includes('Biên nhận'))).toHaveLength(3);
    expect(texts.some((t) => t.includes(`Biên nhận gói số 3 (${label}): đã cập nhật`))).toBe(true);
    expect(await arrived.getByTestId('arrived-target').textContent()).toContain(`Năm ${YEAR}: 3 người`);
    await screenshot(cb, 'sync-cell-received');
  });

  it("counts the comment as received only once the cell's next report acknowledges the directive", async () => {
    const next = await api<{ fileName: string }>(cell, 'bundles:export', { label, path: files(cellDir) });
    const [outcome] = await api<{ status: string }[]>(superior, 'bundles:import', { paths: [carry(next.fileName, cellDir, superiorDir)] });
    expect(outcome?.status).toBe('applied');
    // The tab is still on this page from the directive step: load it afresh.
    await duk.goto(`${superior.origin}/#/units/CB014`);
    await duk.reload();
    const sent = duk.getByTestId('sent-item').filter({ hasText: 'Đề nghị chi bộ hoàn thiện lý lịch' });
    await sent.getByText('Đơn vị đã nhận').waitFor();
    expect(await sent.textContent()).not.toContain('chờ đơn vị xác nhận');
    await sent.scrollIntoViewIfNeeded();
    await screenshot(duk, 'sync-superior-directive-delivered');
  });

  it('lets the cell continue its numbering after a number the superior gives, never below what it sent', async () => {
    await openTab(cb, 'Kết nối cấp trên', 'Gửi báo cáo');
    const box = cb.getByTestId('continue-numbering');
    await box.getByText('Cấp trên báo gói bị giữ lại vì trùng số thứ tự?').click();
    const input = box.getByLabel('Số gói cuối cùng cấp trên đã nhận');
    await input.fill('2');
    await box.getByRole('button', { name: 'Đánh số tiếp sau số này' }).click();
    await box.getByText('Máy này đã gửi cấp trên đến gói số 4', { exact: false }).waitFor();
    expect(await cb.getByTestId('next-file-name').textContent()).toBe(`CB014_DUK01_${label}_s000005.ptdv`);
    await input.fill('9');
    await box.getByRole('button', { name: 'Đánh số tiếp sau số này' }).click();
    await box.getByText('Gói báo cáo tiếp theo sẽ mang số 10.').waitFor();
    await cb.getByTestId('next-file-name').getByText(`CB014_DUK01_${label}_s000010.ptdv`).waitFor();
    await screenshot(cb, 'sync-cell-continue-numbering');
  });

  it("revokes the unit's key after a lost laptop, and the next report signed with it is refused", async () => {
    const next = await api<{ fileName: string }>(cell, 'bundles:export', { label, path: files(cellDir) });
    carry(next.fileName, cellDir, superiorDir);

    await duk.goto(`${superior.origin}/#/units/CB014`);
    await duk.getByRole('button', { name: 'Thu hồi khóa…' }).click();
    const dialog = duk.getByRole('dialog', { name: 'Thu hồi khóa của Chi bộ Phòng Kỹ thuật' });
    const revoke = dialog.getByRole('button', { name: 'Thu hồi khóa' });
    expect(await revoke.isDisabled()).toBe(true);
    await dialog.getByLabel('Gõ mã đơn vị CB014 để xác nhận').fill('cb014');
    await screenshot(duk, 'sync-superior-revoke');
    await revoke.click();
    await duk.getByTestId('unit-state').getByText('Đã thu hồi khóa').waitFor();

    await openTab(duk, 'Đơn vị trực thuộc', 'Nhận gói dữ liệu');
    await duk.getByRole('button', { name: 'Chọn tệp…' }).click();
    const list = duk.getByRole('list', { name: 'Các tệp sẽ nhập' });
    await list.waitFor();
    for (const other of (await list.locator('.file-cell').allTextContents()).filter((f) => f !== next.fileName)) {
      await list.getByRole('button', { name: `Bỏ ${other}` }).click();
    }
    await duk.getByRole('button', { name: 'Nhập 1 tệp' }).click();
    await duk.getByTestId('import-summary').waitFor();
    const row = duk.getByTestId('import-row');
    expect(await row.getAttribute('data-status')).toBe('rejected');
    expect(await row.textContent()).toContain('Khóa ký của đơn vị gửi đã bị thu hồi: gói dữ liệu bị từ chối.');
    await screenshot(duk, 'sync-superior-import-revoked');
  });
});
