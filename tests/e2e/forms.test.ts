import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { docxText } from '../helpers/docx-text';
import { api, launchBrowser, makeTempDir, screenshot, SCREENSHOTS, startHost, type Browser, type Host } from './harness';

// A cell of eleven full members with three candidates: Lan voted on by the chi bộ (its record says 12 full
// members, one more than the roster), Huy only listed, and Thu admitted and in probation.
const PASSPHRASE = 'chi bo khu dan cu 5';
type CandidateList = { rows: { id: string; fullName: string }[] };

let dataDir: string;
let host: Host;
let browser: Browser;
let page: Page;

function writeDossiers(dir: string): string[] {
  const people: [string, Record<string, unknown>[]][] = [
    ['Nguyễn Thị Lan', [{ type: 'LISTED', date: '2025-02-05' }, { type: 'COURSE_CERTIFIED', date: '2025-03-01' }, { type: 'DOSSIER_STARTED', date: '2026-01-12' }, { type: 'CHI_BO_VOTED', date: '2026-03-02', yes: 9, eligible: 12 }]],
    ['Phạm Quốc Huy', [{ type: 'LISTED', date: '2025-09-15' }]],
    ['Võ Thị Thu', [{ type: 'CHI_BO_VOTED', date: '2024-11-04', yes: 10, eligible: 11 }, { type: 'ADMISSION_DECIDED', date: '2024-12-16', number: '45-QĐ/ĐU' }, { type: 'CEREMONY_HELD', date: '2025-01-06' }]],
  ];
  return people.map(([fullName, events], i) => {
    const file = join(dir, `dossier-${i}.json`);
    const candidate = { fullName, gender: 'nu', birthDate: '1999-04-20', education: 'dai-hoc', occupation: 'cong-nhan', introductionPath: 'doan', ethnicity: 'Kinh' };
    writeFileSync(file, JSON.stringify({ format: 'ptdv.dossier/1', unit: { code: 'CB005' }, candidate, events, documents: [], introducers: [{ name: 'Lê Thị Hoa' }], mentors: [] }));
    return file;
  });
}

beforeAll(async () => {
  dataDir = makeTempDir('ptdv-e2e-forms-');
  const db = join(dataDir, 'ptdv.db');
  const env = { PTDV_PASSPHRASE: PASSPHRASE };
  for (const argv of [
    ['init', '--db', db, '--code', 'CB005', '--name', 'Chi bộ Khu dân cư số 5', '--level', 'chi-bo', '--parent', 'DU-BADINH'],
    ['dossier', 'import', '--db', db, ...writeDossiers(dataDir)],
  ]) {
    const result = await runCli(argv, env);
    if (result.code !== 0) {
      throw new Error(`ptdv ${argv[0]} failed: ${result.stderr}`);
    }
  }
  host = await startHost(dataDir);
  await api(host, 'session:unlock', { secret: PASSPHRASE });
  for (let i = 1; i <= 11; i++) {
    await api(host, 'members:create', { fullName: `Đảng viên số ${i}`, status: 'chinh-thuc', joinedOn: '2010-03-01', fullMemberSince: '2011-03-01' });
  }
  await api(host, 'session:lock', {});
  browser = await launchBrowser();
  page = browser.page;
  await page.goto(host.url);
  await page.getByLabel('Mật khẩu hoặc mã khôi phục', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Mở khóa' }).click();
  await page.getByRole('heading', { name: 'Người vào Đảng' }).waitFor({ timeout: 20_000 });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const idOf = async (fullName: string) => (await api<CandidateList>(host, 'candidates:list', { query: fullName })).rows[0]!.id;
const draft = (form: string) => page.getByTestId('form-draft').and(page.locator(`[data-form="${form}"]`));

describe('form drafts', () => {
  it('offers a candidate the drafts their recorded steps allow, and saves 6-KNĐ filled with the vote', async () => {
    await page.goto(`${host.origin}/#/candidates/${await idOf('Phạm Quốc Huy')}`);
    const card = page.getByTestId('forms-card');
    await card.waitFor();
    expect(await card.textContent()).toContain('Đơn xin vào Đảng (1-KNĐ) do người xin vào Đảng tự viết tay nên không lập sẵn.');
    for (const form of ['5-KNĐ', '6-KNĐ', '13-KNĐ']) {
      expect(await draft(form).getByRole('button').isDisabled()).toBe(true);
    }
    expect(await draft('6-KNĐ').textContent()).toContain('chưa ghi sự kiện chi bộ biểu quyết đề nghị kết nạp');

    await page.goto(`${host.origin}/#/candidates/${await idOf('Nguyễn Thị Lan')}`);
    await page.getByRole('heading', { name: 'Nguyễn Thị Lan' }).waitFor();
    expect(await draft('5-KNĐ').getByRole('button').isEnabled()).toBe(true);
    expect(await draft('13-KNĐ').getByRole('button').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Tải bản nháp 6-KNĐ' }).click();
    const saved = page.getByTestId('form-saved');
    await saved.waitFor();
    const path = join(dataDir, 'files', '6-KND-nguyen-thi-lan.docx');
    expect(await saved.textContent()).toContain(path);
    expect(await saved.textContent()).toContain('ghi 12 đảng viên chính thức, còn danh sách đảng viên của chi bộ ngày đó có 11 người có quyền biểu quyết');
    const text = (await docxText(readFileSync(path))).replace(/\s+/g, ' ');
    expect(text).toContain('Ngày 02/03/2026, Chi bộ Khu dân cư số 5 đã họp để xét đề nghị kết nạp vào Đảng đối với quần chúng Nguyễn Thị Lan.');
    expect(text).toContain('tán thành việc kết nạp: 9 đồng chí, bằng 75%');
    await screenshot(page, 'forms-candidate');
  });

  it('saves the 18-KNĐ register of probationary members from the reports page', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo' }).click();
    const card = page.getByTestId('register-card');
    await card.getByRole('button', { name: 'Tải sổ 18-KNĐ (Word)' }).click();
    await card.getByTestId('form-saved').waitFor();
    const text = await docxText(readFileSync(join(dataDir, 'files', '18-KND-cb005.docx')));
    expect(text).toContain('Võ Thị Thu');
    expect(text).toContain('06/01/2026');
    expect(text).not.toContain('Nguyễn Thị Lan');
    await card.scrollIntoViewIfNeeded();
    // The register card sits above the long report preview, so the screen as the user sees it is the useful shot.
    await page.screenshot({ path: join(SCREENSHOTS, 'forms-register.png') });
  });
});

describe('a refused save under a form', () => {
  it('names the contradiction in Vietnamese and goes away once the user edits a field', async () => {
    await page.goto(`${host.origin}/#/members`);
    const row = page.getByRole('row').filter({ hasText: 'Đảng viên số 1' }).first();
    await row.getByRole('button', { name: 'Rời chi bộ' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Ngày rời chi bộ').fill('01/01/2009');
    await dialog.getByLabel('Lý do').fill('Chuyển công tác');
    await dialog.getByRole('button', { name: 'Ghi nhận rời chi bộ' }).click();
    const refusal = dialog.locator('.form-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Ngày rời chi bộ (01/01/2009) không thể trước ngày vào Đảng (01/03/2010).');
    await screenshot(page, 'mark-left-refused');
    await dialog.getByLabel('Ngày rời chi bộ').fill('01/01/2020');
    await refusal.waitFor({ state: 'detached' });
    expect(await dialog.locator('.form-error').count()).toBe(0);
  });
});
