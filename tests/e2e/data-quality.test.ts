import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchBrowser, makeTempDir, screenshot, startHost, type Browser, type Host } from './harness';

// A cell whose roster already has Lê Thị Mai, born 03/02/1985: the secretary types an impossible member, then Mai
// again with a Cyrillic "а" pasted from a chat message.
let dataDir: string;
let host: Host;
let browser: Browser;
let page: Page;

type Member = { fullName: string };
const roster = async () => (await api<Member[]>(host, 'members:list', {})).map((m) => m.fullName);

beforeAll(async () => {
  dataDir = makeTempDir('ptdv-e2e-quality-');
  host = await startHost(dataDir);
  await api(host, 'session:setup', { unit: { code: 'CB-DL', name: 'Chi bộ Dữ liệu', level: 'chi-bo' }, passphrase: 'mat khau du lieu 2026' });
  await api(host, 'members:create', { fullName: 'Lê Thị Mai', status: 'chinh-thuc', birthDate: '1985-02-03', joinedOn: '2010-01-05', fullMemberSince: '2011-01-05' });
  await api(host, 'candidates:create', { profile: { fullName: 'Nguyễn Thị Lan', birthDate: '2001-05-14' } });
  browser = await launchBrowser();
  page = browser.page;
  await page.goto(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function openMemberForm() {
  await page.getByRole('button', { name: '+ Thêm đảng viên' }).click();
  return page.getByRole('dialog', { name: 'Thêm đảng viên' });
}

describe('impossible data and duplicates in the forms', () => {
  it('refuses the member born in 2011, admitted in 2010 and full in 2030, naming the fields, and warns on an unusual probation', async () => {
    await page.getByRole('link', { name: 'Đảng viên' }).click();
    await page.getByRole('heading', { name: 'Đảng viên' }).waitFor();
    const dialog = await openMemberForm();
    const field = (label: string) => dialog.getByLabel(label, { exact: true });
    await field('Họ và tên').fill('Phạm Văn Trẻ');
    await field('Ngày sinh').fill('01/03/2011');
    await field('Ngày vào Đảng').fill('05/01/2010');
    await field('Ngày chính thức').fill('05/01/2030');
    await dialog.getByRole('button', { name: 'Thêm đảng viên' }).click();
    await dialog.getByText('Ngày vào Đảng (05/01/2010) phải sau ngày sinh (01/03/2011).').waitFor();
    await dialog.getByText(/Ngày chính thức \(05\/01\/2030\) không thể sau ngày hôm nay/).waitFor();
    await screenshot(page, '60-member-impossible-dates');
    expect(await roster()).toEqual(['Lê Thị Mai']);

    await field('Ngày sinh').fill('01/03/1991');
    await field('Ngày chính thức').fill('05/06/2011');
    await dialog.getByText('Ngày chính thức (05/06/2011) thường là 12 tháng sau ngày vào Đảng, tức 05/01/2011; hãy kiểm tra lại.').waitFor();
    await screenshot(page, '61-member-probation-warning');
    await dialog.getByRole('button', { name: 'Thêm đảng viên' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await roster()).toContain('Phạm Văn Trẻ');
  });

  it('asks before adding "Lê Thị Mаi" (Cyrillic а) with the same birth date, and adds her only when confirmed', async () => {
    const dialog = await openMemberForm();
    const field = (label: string) => dialog.getByLabel(label, { exact: true });
    await field('Họ và tên').fill('Lê Thị M\u0430i');
    await field('Ngày sinh').fill('03/02/1985');
    await field('Ngày vào Đảng').fill('05/01/2010');
    await field('Ngày chính thức').fill('05/01/2011');
    await dialog.getByRole('button', { name: 'Thêm đảng viên' }).click();
    const question = dialog.getByRole('alert').filter({ hasText: 'Có thể trùng người' });
    await question.getByText(/Đã có đảng viên "Lê Thị Mai" cùng ngày sinh 03\/02\/1985/).waitFor();
    await screenshot(page, '62-member-duplicate-question');
    await question.getByRole('button', { name: 'Không lưu, để kiểm tra lại' }).click();
    expect(await roster()).toHaveLength(2);

    await dialog.getByRole('button', { name: 'Thêm đảng viên' }).click();
    await question.getByRole('button', { name: 'Đúng là hai người khác nhau — vẫn lưu' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await roster()).toHaveLength(3);
  });

  it('asks before adding a candidate already in the unit, and keeps quê quán and nơi cư trú on the profile', async () => {
    await page.getByRole('link', { name: 'Người vào Đảng' }).click();
    await page.getByRole('link', { name: '+ Thêm người vào Đảng' }).click();
    const field = (label: string) => page.getByLabel(label, { exact: true });
    await field('Họ và tên').fill('Nguyễn\u200b Thị Lan');
    await field('Ngày sinh').fill('14/05/2001');
    await field('Quê quán').fill('Xã Tân Lập, tỉnh Phú Thọ');
    await field('Nơi cư trú').fill('Tổ 5, phường Ba Đình, Hà Nội');
    await field('Nghề nghiệp cụ thể').fill('Công nhân may');
    await page.getByRole('button', { name: 'Lưu và mở hồ sơ' }).click();
    await page.getByText(/Đã có người "Nguyễn Thị Lan" cùng ngày sinh 14\/05\/2001/).waitFor();
    await screenshot(page, '63-candidate-duplicate-question');
    await page.getByRole('button', { name: 'Đúng là hai người khác nhau — vẫn lưu' }).click();
    await page.getByRole('heading', { name: 'Thông tin cá nhân' }).waitFor();
    await page.getByText('Xã Tân Lập, tỉnh Phú Thọ').waitFor();
    await page.getByText('Công nhân may').waitFor();
    await screenshot(page, '64-candidate-profile-places');
    const list = await api<{ rows: { fullName: string }[] }>(host, 'candidates:list', { offset: 0, limit: 10 });
    expect(list.rows.map((r) => r.fullName)).toEqual(['Nguyễn Thị Lan', 'Nguyễn Thị Lan']);
  });
});
