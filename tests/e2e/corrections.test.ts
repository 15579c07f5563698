import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { api, launchBrowser, makeTempDir, screenshot, startHost, type Browser, type Host } from './harness';

// A cell set up with a mistyped superior code (DUCS01 instead of DUK01) corrects it in Cài đặt, then enrols. It then
// voids a wrong document, a wrong introducer and a file created twice, and its next report carries the voids up.
const PASSPHRASE = 'mat khau sua loi 2026';

let superiorDir: string;
let cellDir: string;
let superior: Host;
let cell: Host;
let browser: Browser;
let cb: Page;
/** The code the cell reads aloud by phone, which the superior confirms before it imports the cell's reports. */
let readAloud = '';

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
    // A refused name is said under its field (it was set on a field that showed nothing, and the save failed silently).
    const name = cb.getByLabel('Tên đơn vị');
    const kept = await name.inputValue();
    await name.fill('A');
    await cb.getByRole('button', { name: 'Lưu thông tin đơn vị' }).click();
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    const said = cb.locator(`#${(await name.getAttribute('aria-describedby'))!}`);
    expect(await said.textContent()).toBe('Tên đơn vị cần ít nhất 2 ký tự.');
    // An empty name breaks two rules: the first says what to do, as a sentence.
    await name.fill('');
    await cb.getByRole('button', { name: 'Lưu thông tin đơn vị' }).click();
    await expect.poll(() => said.textContent()).toBe('Nhập tên đơn vị.');
    await screenshot(cb, 'corrections-unit-name-refused');
    await name.fill(kept);
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
    const accepted = await api<{ enrolment?: { unitCode: string; readAloudCode: string } }>(superior, 'enrol:accept', { path: join(files(superiorDir), 'dang-ky.ptdv') });
    expect(accepted.enrolment?.unitCode).toBe('CB014');
    readAloud = accepted.enrolment?.readAloudCode ?? '';

    await cb.reload();
    await expect.poll(() => cb.getByLabel('Mã cấp trên').inputValue()).toBe('DUK01');
    expect(await cb.getByLabel('Mã cấp trên').isDisabled()).toBe(true);
    await cb.getByText(/Chuyển sang cấp trên khác là đăng ký lại/).waitFor();
    await screenshot(cb, 'corrections-parent-code-locked');
  });
});

type Detail = { id: string; voided: { reason: string } | null; documents: { form: string }[]; corrections: { kind: string; voided: { reason: string } }[] };
type Listed = { total: number; rows: { id: string; fullName: string }[] };

const DUNG = { fullName: 'Phạm Văn Dũng', birthDate: '1990-04-02', gender: 'nam' };
const ids: { dung?: string; twice?: string } = {};

async function memberId(name: string): Promise<string> {
  const created = await api<{ id: string }>(cell, 'members:create', { fullName: name, status: 'chinh-thuc', birthDate: '1980-01-01', joinedOn: '2010-01-01', fullMemberSince: '2011-01-01' });
  return created.id;
}

/** Dũng: proposed, two introducers with their letters, the 1-KNĐ on file, voted on by the chi bộ. */
async function seedDung(): Promise<string> {
  const created = await api<Detail>(cell, 'candidates:create', { profile: DUNG, firstEvent: { type: 'SOURCE_PROPOSED', date: '2026-03-01', by: 'doan' } });
  const id = created.id;
  for (const [name, letterDate] of [['Trần Văn Bình', '2026-09-01'], ['Lê Thị Hoa', '2026-09-02']] as const) {
    await api(cell, 'candidates:add-introducer', { id, memberId: await memberId(name), workedTogetherSince: '2020-01-01', letterDate, replacement: false });
  }
  await api(cell, 'candidates:add-document', { id, document: { form: '1-KNĐ', date: '2026-08-01', signer: 'Phạm Văn Dũng' } });
  await api(cell, 'candidates:add-event', { id, event: { type: 'CHI_BO_VOTED', date: '2026-10-20', yes: 10, eligible: 12 } });
  return id;
}

const findingCodes = () => cb.getByTestId('finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
const checklistRow = (form: string) => cb.locator(`[data-testid="checklist-item"][data-form="${form}"]`);

async function openCandidate(id: string) {
  await cb.goto(`${cell.origin}/#/candidates/${id}`);
  // The same hash route keeps the page as it was: load what the API just wrote.
  await cb.reload();
  await cb.getByRole('heading', { name: 'Tài liệu hồ sơ' }).waitFor();
}

async function voidWith(button: string, reason: string) {
  await cb.getByRole('button', { name: button }).click();
  const dialog = cb.getByRole('dialog');
  await dialog.getByLabel('Lý do').fill(reason);
  await dialog.getByRole('button', { name: 'Hủy bỏ', exact: true }).click();
  await expect.poll(() => dialog.count()).toBe(0);
}

describe('voiding what was entered by mistake', () => {
  it('voids a wrong document and a wrong introducer with a reason; the checklist and the findings follow, the history keeps both', async () => {
    ids.dung = await seedDung();
    await openCandidate(ids.dung);
    await expect.poll(() => checklistRow('1-KNĐ').getAttribute('class')).toContain('checklist-present');
    await expect.poll(findingCodes).not.toContain('INTRODUCERS_INSUFFICIENT');

    // No reason, no void: the dialog says what is missing and nothing changes.
    await cb.getByRole('button', { name: 'Hủy bỏ tài liệu 1-KNĐ ngày 01/08/2026' }).click();
    const dialog = cb.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Hủy bỏ', exact: true }).click();
    await dialog.getByText('Ghi rõ lý do (ít nhất 3 ký tự).').waitFor();
    await screenshot(cb, 'corrections-void-needs-reason');
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    expect((await api<Detail>(cell, 'candidates:get', { id: ids.dung })).documents.map((d) => d.form)).toEqual(['1-KNĐ']);

    await voidWith('Hủy bỏ tài liệu 1-KNĐ ngày 01/08/2026', 'Đơn của người khác, nhập nhầm hồ sơ');
    await expect.poll(() => checklistRow('1-KNĐ').getAttribute('class')).toContain('checklist-missing');
    const missing = cb.locator('[data-testid="finding"][data-code="DOCUMENT_MISSING"]');
    await expect.poll(() => missing.textContent()).toContain('1-KNĐ');

    await voidWith('Hủy bỏ người giới thiệu Lê Thị Hoa', 'Đồng chí Hoa không giới thiệu người này');
    await expect.poll(findingCodes).toContain('INTRODUCERS_INSUFFICIENT');
    const introducers = cb.locator('section[aria-labelledby="introducers-title"]');
    expect(await introducers.getByText('Lê Thị Hoa').count()).toBe(0);
    const history = cb.locator('section[aria-labelledby="history-title"]');
    await history.getByText('Đã hủy bỏ: Đơn của người khác, nhập nhầm hồ sơ').waitFor();
    await history.getByText('Đã hủy bỏ: Đồng chí Hoa không giới thiệu người này').waitFor();
    await history.scrollIntoViewIfNeeded();
    await screenshot(cb, 'corrections-document-introducer-voided');
    await cb.getByTestId('checks-panel').scrollIntoViewIfNeeded();
    await screenshot(cb, 'corrections-findings-follow');
  });

  it('corrects a document entered with the wrong date: the checklist shows the right one, the wrong one stays in the history', async () => {
    const id = ids.dung!;
    await api(cell, 'candidates:add-document', { id, document: { form: '2-KNĐ', date: '2026-11-30' } });
    await openCandidate(id);
    await expect.poll(() => checklistRow('2-KNĐ').textContent()).toContain('Ngày 30/11/2026');
    // Dated after the chi bộ voted, the 2-KNĐ does not count for the vote.
    const missing = cb.locator('[data-testid="finding"][data-code="DOCUMENT_MISSING"]');
    await expect.poll(() => missing.textContent()).toContain('2-KNĐ');
    await cb.getByRole('button', { name: 'Sửa tài liệu 2-KNĐ ngày 30/11/2026' }).click();
    const form = cb.getByRole('form', { name: 'Sửa tài liệu 2-KNĐ' });
    await form.getByLabel('Ngày').fill('01/10/2026');
    await form.getByRole('button', { name: 'Lưu bản đã sửa' }).click();
    await form.getByText('Ghi rõ lý do sửa (ít nhất 3 ký tự).').waitFor();
    await form.getByLabel('Lý do sửa').fill('Ghi sai ngày lý lịch');
    await screenshot(cb, 'corrections-document-correct-form');
    await form.getByRole('button', { name: 'Lưu bản đã sửa' }).click();
    await expect.poll(() => checklistRow('2-KNĐ').textContent()).toContain('Ngày 01/10/2026');
    expect(await checklistRow('2-KNĐ').textContent()).not.toContain('30/11/2026');
    await expect.poll(() => missing.textContent()).not.toContain('2-KNĐ');
    const history = cb.locator('section[aria-labelledby="history-title"]');
    await history.getByText(/Văn bản 2-KNĐ ngày 30\/11\/2026/).waitFor();
    await history.getByText('Đã hủy bỏ: Ghi sai ngày lý lịch').waitFor();
    const dates = (await api<{ documents: { form: string; date: string }[] }>(cell, 'candidates:get', { id })).documents.map((d) => `${d.form} ${d.date}`);
    expect(dates).toEqual(['2-KNĐ 2026-10-01']);

    await cb.getByRole('button', { name: 'Sửa người giới thiệu Trần Văn Bình' }).click();
    const intro = cb.getByRole('form', { name: 'Sửa người giới thiệu Trần Văn Bình' });
    await intro.getByLabel('Ngày ký giấy giới thiệu (3-KNĐ)').fill('05/09/2026');
    await intro.getByLabel('Lý do sửa').fill('Ghi sai ngày giấy giới thiệu');
    await intro.getByRole('button', { name: 'Lưu bản đã sửa' }).click();
    const introducers = cb.locator('section[aria-labelledby="introducers-title"]');
    await introducers.getByText(/Giấy giới thiệu ngày 05\/09\/2026/).waitFor();
    await history.getByText('Đã hủy bỏ: Ghi sai ngày giấy giới thiệu').waitFor();
    await screenshot(cb, 'corrections-introducer-corrected');
  });

  it('voids a file created twice: it leaves the list, the history stays readable', async () => {
    const twice = await api<Detail>(cell, 'candidates:create', { profile: { ...DUNG, fullName: 'Phạm  Văn Dũng' }, confirmDuplicate: true });
    ids.twice = twice.id;
    expect((await api<Listed>(cell, 'candidates:list', { offset: 0, limit: 10 })).total).toBe(2);
    await openCandidate(ids.twice);
    await cb.getByRole('button', { name: 'Hủy hồ sơ tạo nhầm' }).click();
    const dialog = cb.getByRole('dialog', { name: 'Hủy hồ sơ tạo nhầm' });
    await dialog.getByText(/không còn trong danh sách, số liệu, báo cáo/).waitFor();
    await dialog.getByLabel('Lý do').fill('Tạo trùng hồ sơ của Phạm Văn Dũng');
    await screenshot(cb, 'corrections-candidate-void-dialog');
    await dialog.getByRole('button', { name: 'Hủy hồ sơ' }).click();
    await cb.getByRole('heading', { name: 'Hồ sơ đã hủy vì tạo nhầm' }).waitFor();
    expect(await cb.getByRole('button', { name: 'Hủy hồ sơ tạo nhầm' }).count()).toBe(0);
    expect(await cb.getByRole('button', { name: '+ Ghi sự kiện' }).count()).toBe(0);
    await screenshot(cb, 'corrections-candidate-voided');

    await cb.goto(`${cell.origin}/#/candidates`);
    await cb.getByRole('link', { name: 'Phạm Văn Dũng' }).first().waitFor();
    await expect.poll(() => cb.getByRole('link', { name: /Phạm\s+Văn Dũng/ }).count()).toBe(1);
    expect((await api<Listed>(cell, 'candidates:list', { offset: 0, limit: 10 })).rows.map((r) => r.id)).toEqual([ids.dung]);
    await screenshot(cb, 'corrections-candidate-list-after-void');
  });

  it('voids a member entered by mistake: off the roster and its counts, kept under "Lịch sử sửa đổi"', async () => {
    await memberId('Nguyễn Văn Nhầm');
    await cb.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Đảng viên' }).click();
    const count = cb.locator('.page-head .count');
    await expect.poll(() => count.textContent()).toContain('3 đảng viên chính thức');
    await cb.getByRole('button', { name: 'Hủy bỏ bản ghi Nguyễn Văn Nhầm' }).click();
    const dialog = cb.getByRole('dialog', { name: 'Hủy bỏ bản ghi Nguyễn Văn Nhầm' });
    await dialog.getByLabel('Lý do').fill('Nhập nhầm, không phải đảng viên của chi bộ');
    await dialog.getByRole('button', { name: 'Hủy bỏ bản ghi' }).click();
    await expect.poll(() => count.textContent()).toContain('2 đảng viên chính thức');
    const history = cb.locator('section[aria-labelledby="member-history-title"]');
    await history.getByText('Đã hủy bỏ: Nhập nhầm, không phải đảng viên của chi bộ').waitFor();
    expect(await cb.getByRole('table').getByText('Nguyễn Văn Nhầm').count()).toBe(0);

    // An edit in place keeps what it replaced, shown in the same history.
    await cb.getByRole('row', { name: /Trần Văn Bình/ }).getByRole('button', { name: 'Sửa', exact: true }).click();
    const form = cb.getByRole('dialog');
    await form.getByLabel('Ngày sinh', { exact: true }).fill('02/01/1980');
    await form.getByRole('button', { name: /Lưu/ }).click();
    await expect.poll(() => form.count()).toBe(0);
    const edit = history.getByTestId('member-edit').filter({ hasText: 'Trần Văn Bình' });
    await expect.poll(() => edit.textContent()).toContain('Ngày sinh: 01/01/1980 → 02/01/1980');
    await screenshot(cb, 'corrections-member-voided');
  });

  it("reaches the superior's mirror through the next unit report", async () => {
    await api(superior, 'enrol:confirm', { unitCode: 'CB014', code: readAloud });
    const made = await api<{ fileName: string }>(cell, 'bundles:export', { label: '2026Q4', path: files(cellDir) });
    copyFileSync(join(files(cellDir), made.fileName), join(files(superiorDir), made.fileName));
    const [outcome] = await api<{ status: string }[]>(superior, 'bundles:import', { paths: [join(files(superiorDir), made.fileName)] });
    expect(outcome).toMatchObject({ status: 'applied' });
    const mirrored = await api<Listed>(superior, 'candidates:list', { unitCode: 'CB014', offset: 0, limit: 10 });
    expect(mirrored.rows.map((r) => r.fullName)).toEqual(['Phạm Văn Dũng']);
    const copy = await api<Detail>(superior, 'candidates:get', { id: mirrored.rows[0]!.id });
    expect(copy.documents.map((d) => d.form)).toEqual(['2-KNĐ']);
    expect(copy.corrections.map((c) => [c.kind, c.voided.reason]).sort()).toEqual([
      ['document', 'Ghi sai ngày lý lịch'],
      ['document', 'Đơn của người khác, nhập nhầm hồ sơ'],
      ['introducer', 'Ghi sai ngày giấy giới thiệu'],
      ['introducer', 'Đồng chí Hoa không giới thiệu người này'],
    ]);

    // The superior reads the same history, read-only.
    const duk = await browser.context.newPage();
    duk.setDefaultTimeout(20_000);
    await duk.goto(superior.url);
    await duk.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
    await duk.goto(`${superior.origin}/#/candidates/${copy.id}`);
    const history = duk.locator('section[aria-labelledby="history-title"]');
    await history.getByText('Đã hủy bỏ: Đồng chí Hoa không giới thiệu người này').waitFor();
    await duk.getByTestId('read-only-note').waitFor();
    expect(await duk.getByRole('button', { name: /^Hủy bỏ/ }).count()).toBe(0);
    await history.scrollIntoViewIfNeeded();
    await screenshot(duk, 'corrections-superior-mirror-history');
    await duk.close();
  });
});
