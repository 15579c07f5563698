import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEFORE_VOTE_SEVERITY, CODE_SEVERITY, DUE_CODES, FINDING_CODES } from '../../electron/core/domain/rules/findings';
import { FINDING_LABELS, SEVERITY_LABELS } from '../../electron/core/model/labels';
import { launchBrowser, makeTempDir, screenshot, startHost, type Browser, type Host } from './harness';

// The first day: setting up, keeping the recovery code safely (copy, print, type part of it back), finding the
// help from every screen, and the day the passphrase is forgotten.
const PASSPHRASE = 'Chi bộ họp ngày mùng 5';
const NEW_PASSPHRASE = 'Lá cờ đỏ sao vàng năm cánh';

let dataDir: string;
let host: Host;
let browser: Browser;
let page: Page;
let recoveryCode = '';

beforeAll(async () => {
  dataDir = makeTempDir('ptdv-e2e-help-');
  host = await startHost(dataDir);
  browser = await launchBrowser();
  page = browser.page;
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await page.goto(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const field = (label: string) => page.getByLabel(label, { exact: true });

async function askedGroup(): Promise<number> {
  const text = (await page.locator('label', { hasText: 'Nhóm thứ' }).textContent()) ?? '';
  return Number(/Nhóm thứ (\d)/.exec(text)?.[1]);
}

describe('the recovery code', () => {
  it('can be copied and printed, and the app goes on only once part of it is typed back right', async () => {
    await field('Mã đơn vị').fill('CB-HD');
    // A one-letter name is too short, not missing: the message says which.
    await field('Tên đơn vị').fill('C');
    await page.getByRole('button', { name: 'Tạo cơ sở dữ liệu' }).click();
    await page.getByText('Tên đơn vị quá ngắn: cần ít nhất 2 ký tự').waitFor();
    expect(await page.getByText('Nhập tên đơn vị.').count()).toBe(0);
    await field('Tên đơn vị').fill('Chi bộ Hướng Dẫn');
    await field('Cấp').selectOption('chi-bo');
    await field('Mật khẩu').fill(PASSPHRASE);
    await field('Nhập lại mật khẩu').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Tạo cơ sở dữ liệu' }).click();
    const code = page.getByTestId('recovery-code');
    await code.waitFor({ timeout: 30_000 });
    recoveryCode = (await code.textContent())?.trim() ?? '';

    await page.getByRole('button', { name: 'Chép mã' }).click();
    await page.getByText('Đã chép mã vào bộ nhớ tạm').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(recoveryCode);

    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await page.getByRole('button', { name: 'In mã' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // On paper only the code and the warning remain.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'In mã' }).isVisible()).toBe(false);
    expect(await code.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await screenshot(page, 'daily-10-recovery-code');

    await page.getByLabel('Tôi đã ghi lại mã khôi phục').check();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    expect(await page.getByTestId('recovery-code').count()).toBe(0);
    const group = await askedGroup();
    expect(group).toBeGreaterThanOrEqual(2);
    const right = recoveryCode.split('-')[group - 1] ?? '';
    const wrong = right.startsWith('A') ? `B${right.slice(1)}` : `A${right.slice(1)}`;
    await page.getByRole('button', { name: 'Xác nhận và bắt đầu' }).click();
    await page.getByText(`Hãy gõ nhóm thứ ${group} của mã (4 ký tự), chép từ giấy đã ghi.`).waitFor();
    await page.getByLabel(/^Nhóm thứ/).fill(wrong);
    await page.getByRole('button', { name: 'Xác nhận và bắt đầu' }).click();
    await page.getByText(`Nhóm thứ ${group} chưa khớp với mã`).waitFor();
    await screenshot(page, 'daily-11-recovery-confirm-wrong');
    // Typed from paper in lower case: still the same group.
    await page.getByLabel(/^Nhóm thứ/).fill(right.toLowerCase());
    await page.getByRole('button', { name: 'Xác nhận và bắt đầu' }).click();
    await page.getByRole('heading', { name: 'Người vào Đảng' }).waitFor();
  });
});

describe('Hướng dẫn', () => {
  const SCREENS = ['Người vào Đảng', 'Việc cần làm', 'Tiến trình', 'Đảng viên', 'Tổng quan', 'Chỉ tiêu', 'Báo cáo', 'Kết nối cấp trên', 'Bộ quy tắc', 'Lịch ngày nghỉ', 'Cài đặt'];

  // The topic the "?" of a screen opens at, scrolled into view.
  const TOPIC: Record<string, string> = {
    'Người vào Đảng': 'Tìm, sắp xếp và xuất Excel',
    'Đảng viên': 'Tìm, sắp xếp và xuất Excel',
    'Việc cần làm': 'Ý nghĩa từng lỗi, cảnh báo và việc cần làm',
    'Tiến trình': 'Tiến trình và Tổng quan',
    'Chỉ tiêu': 'Chỉ tiêu kết nạp',
    'Báo cáo': 'Gửi báo cáo quý lên cấp trên',
    'Lịch ngày nghỉ': 'Bộ quy tắc và lịch ngày nghỉ',
    'Cài đặt': 'Sao lưu và khôi phục dữ liệu',
  };

  it('is one click away from every screen, by the "?" in the header, at the topic of that screen', async () => {
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    for (const screen of SCREENS) {
      await nav.getByRole('link', { name: screen, exact: true }).click();
      await page.locator('main h1').first().waitFor();
      await page.getByRole('banner').getByRole('link', { name: 'Hướng dẫn' }).click();
      await page.getByRole('heading', { name: 'Hướng dẫn', level: 1 }).waitFor();
      expect(new URL(page.url()).hash).toMatch(/^#\/help(\?muc=[a-z-]+)?$/);
    }
    for (const [screen, topic] of Object.entries(TOPIC)) {
      await nav.getByRole('link', { name: screen, exact: true }).click();
      await page.locator('main h1').first().waitFor();
      await page.getByRole('banner').getByRole('link', { name: 'Hướng dẫn' }).click();
      const heading = page.getByRole('heading', { name: topic, level: 2 });
      await expect.poll(async () => (await heading.boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(0);
      expect((await heading.boundingBox())!.y).toBeLessThan(page.viewportSize()!.height);
    }
    expect(await nav.getByRole('link', { name: 'Hướng dẫn' }).getAttribute('class')).toContain('active');
  });

  it('covers the first day, the quarterly report, directives, backup, and every finding as the rules engine names it', async () => {
    for (const topic of ['Ngày đầu làm bí thư chi bộ', 'Gửi báo cáo quý lên cấp trên', 'Nhận chỉ đạo của cấp trên', 'Sao lưu và khôi phục dữ liệu', 'Ý nghĩa từng lỗi, cảnh báo và việc cần làm']) {
      expect(await page.getByRole('heading', { name: topic, level: 2 }).isVisible()).toBe(true);
    }
    const rows = page.getByTestId('help-finding');
    const codes = [...FINDING_CODES, ...DUE_CODES];
    expect(await rows.count()).toBe(codes.length);
    for (const code of codes) {
      const row = page.locator(`[data-testid="help-finding"][data-code="${code}"]`);
      const text = (await row.textContent()) ?? '';
      expect(text).toContain(FINDING_LABELS[code]);
      expect(text).toContain(SEVERITY_LABELS[CODE_SEVERITY[code]]);
      const before = BEFORE_VOTE_SEVERITY[code];
      expect(text.includes(`${before ? SEVERITY_LABELS[before] : ''} khi chi bộ chưa xét`)).toBe(before !== undefined);
    }
    await screenshot(page, 'daily-12-help');
  });

  it('shows an empty list with what to do first', async () => {
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Đảng viên', exact: true }).click();
    const members = page.getByText('Chưa có đảng viên nào. Bấm “+ Thêm đảng viên”');
    await members.waitFor();
    expect(await members.textContent()).toContain('nhập danh sách chi bộ trước tiên');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Người vào Đảng', exact: true }).click();
    const candidates = page.getByText('Bấm “+ Thêm người vào Đảng” để nhập người đầu tiên');
    await candidates.waitFor();
    expect(await candidates.isVisible()).toBe(true);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tiến trình', exact: true }).click();
    const board = page.getByText('Chưa có ai trong quy trình.');
    await board.waitFor();
    await board.getByRole('link', { name: 'Đảng viên' }).click();
    await page.getByRole('heading', { name: 'Đảng viên', level: 1 }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/members');
  });
});

describe('a forgotten passphrase', () => {
  it('unlocking with the recovery code leads straight to a new passphrase, which opens the data from then on', async () => {
    await page.getByRole('button', { name: 'Khóa' }).click();
    await page.getByLabel('Mật khẩu hoặc mã khôi phục', { exact: true }).fill(recoveryCode.toLowerCase());
    await page.getByRole('button', { name: 'Mở khóa' }).click();
    await page.getByRole('heading', { name: 'Đặt mật khẩu mới' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('navigation', { name: 'Điều hướng chính' }).count()).toBe(0);
    await field('Mật khẩu mới').fill('12345');
    await field('Nhập lại mật khẩu mới').fill('12345');
    await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
    await page.getByText('ít nhất 10 ký tự').waitFor();
    await screenshot(page, 'daily-13-new-passphrase');
    await field('Mật khẩu mới').fill(NEW_PASSPHRASE);
    await field('Nhập lại mật khẩu mới').fill(NEW_PASSPHRASE);
    await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
    await page.getByRole('heading', { name: 'Người vào Đảng' }).waitFor();

    await page.getByRole('button', { name: 'Khóa' }).click();
    await page.getByLabel('Mật khẩu hoặc mã khôi phục', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Mở khóa' }).click();
    await page.getByText('không đúng').waitFor();
    await page.getByLabel('Mật khẩu hoặc mã khôi phục', { exact: true }).fill(NEW_PASSPHRASE);
    await page.getByRole('button', { name: 'Mở khóa' }).click();
    await page.getByRole('heading', { name: 'Người vào Đảng' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('heading', { name: 'Đặt mật khẩu mới' }).count()).toBe(0);
  });
});
