import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULEBOOKS, ruleInForce } from '../../electron/core/domain/rules/index';
import { rulebookName } from '../../electron/core/model/format';
import { api, launchBrowser, makeTempDir, REPO, screenshot, startHost, type Browser, type Host } from './harness';

// The rules engine in the app: the host runs on the real clock, so every seeded date is relative to today (UTC+7).
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const FULL_MEMBERS = 12;
const LAN = 'Nguyễn Thị Lan';
const HOA = 'Phạm Thị Hoa';
const TUAN = 'Vũ Minh Tuấn';
// The host applies the shipped rulebook in force on the real today: the first one before the revision, then the revision.
const APPLIED = ruleInForce(DEFAULT_RULEBOOKS, 'age', TODAY).rulebookVersion;

/** The 15th of the month `months` after today's month (negative: before), so no month-end clamping blurs a test. */
function monthsFromToday(months: number): string {
  const [y, m] = TODAY.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-15`;
}

function vi(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

let dataDir: string;
let host: Host;
let browser: Browser;
let page: Page;
const ids: Record<string, string> = {};

type Detail = { id: string };

async function candidate(fullName: string, birthDate: string, events: { type: string; date: string; yes?: number; eligible?: number }[]): Promise<string> {
  const [first, ...rest] = events;
  const created = await api<Detail>(host, 'candidates:create', { profile: { fullName, birthDate }, firstEvent: first });
  for (const event of rest) {
    await api(host, 'candidates:add-event', { id: created.id, event });
  }
  return created.id;
}

async function seed(): Promise<void> {
  await api(host, 'session:setup', { unit: { code: 'CB-KT', name: 'Chi bộ Phòng Kỹ thuật', level: 'chi-bo' }, passphrase: 'mat khau kiem tra 2026' });
  for (let i = 1; i <= FULL_MEMBERS; i++) {
    await api(host, 'members:create', { fullName: `Đảng viên Số ${i}`, status: 'chinh-thuc', joinedOn: '2014-01-10', fullMemberSince: '2015-01-10' });
  }
  // A probationary member never votes, so the roster must not count them.
  await api(host, 'members:create', { fullName: 'Dự bị Lê Văn Tư', status: 'du-bi', joinedOn: monthsFromToday(-3) });
  // Certificate issued 56 months ago: it expires in about four months, inside the six-month warning window.
  const issued = monthsFromToday(-56);
  ids.lan = await candidate(LAN, '1996-05-14', [
    { type: 'SOURCE_PROPOSED', date: monthsFromToday(-60) },
    { type: 'LISTED', date: monthsFromToday(-58) },
    { type: 'COURSE_CERTIFIED', date: issued },
  ]);
  ids.hoa = await candidate(HOA, '1999-08-02', [
    { type: 'LISTED', date: monthsFromToday(-4) },
    { type: 'COURSE_CERTIFIED', date: monthsFromToday(-3) },
    { type: 'DOSSIER_STARTED', date: monthsFromToday(-1) },
  ]);
  // Voted nine months ago and still no admission decision: far past the 60 working days, so overdue.
  ids.tuan = await candidate(TUAN, '1994-10-10', [
    { type: 'LISTED', date: monthsFromToday(-20) },
    { type: 'COURSE_CERTIFIED', date: monthsFromToday(-18) },
    { type: 'DOSSIER_STARTED', date: monthsFromToday(-12) },
    { type: 'CHI_BO_VOTED', date: monthsFromToday(-9), yes: 10, eligible: FULL_MEMBERS },
  ]);
  await candidate('Trần Văn Nam', '2000-01-20', [{ type: 'SOURCE_PROPOSED', date: monthsFromToday(-2) }]);
  await candidate('Lê Thị Mai', '1998-03-03', [{ type: 'LISTED', date: monthsFromToday(-2) }]);
  await candidate('Hoàng Văn Đức', '1997-07-07', [{ type: 'LISTED', date: monthsFromToday(-1) }]);
}

beforeAll(async () => {
  dataDir = makeTempDir('ptdv-e2e-checks-');
  host = await startHost(dataDir);
  await seed();
  browser = await launchBrowser();
  page = browser.page;
  await page.goto(host.url);
  // The first screen waits for the host to evaluate every candidate once; on a busy two-core machine that can outlast
  // one step's default timeout.
  await page.getByRole('navigation').waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name });
const findingCodes = () => page.getByTestId('finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
const badge = async () => Number(await page.getByTestId('attention-badge').locator('[aria-hidden="true"]').textContent());

async function todoCodesOf(name: string): Promise<string[]> {
  return page
    .getByTestId('todo-row')
    .filter({ hasText: name })
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? ''));
}

async function memberId(fullName: string): Promise<string> {
  const members = await api<{ id: string; fullName: string }[]>(host, 'members:list', {});
  return members.find((m) => m.fullName === fullName)!.id;
}

async function openCandidate(id: string) {
  await page.goto(`${host.origin}/#/candidates/${id}`);
  await page.getByTestId('rulebook-version').waitFor({ timeout: 20_000 });
}

describe('checks on the candidate page and the to-do page', () => {
  let badgeBefore = 0;

  it('shows an expiring certificate and a missing mentor on the candidate page, with the rulebook applied', async () => {
    await openCandidate(ids.lan!);
    await expect.poll(findingCodes).toEqual(expect.arrayContaining(['NO_MENTOR', 'CERTIFICATE_EXPIRING']));
    const panel = page.getByTestId('checks-panel');
    expect(await page.getByTestId('rulebook-version').textContent()).toBe(rulebookName(APPLIED));
    const mentor = panel.locator('[data-testid="finding"][data-code="NO_MENTOR"]');
    expect(await mentor.getByText('Lỗi', { exact: true }).isVisible()).toBe(true);
    const expiry = vi(monthsFromToday(4));
    expect(await panel.getByTestId('deadlines').textContent()).toContain(expiry);
    expect(await panel.getByTestId('deadlines').textContent()).toMatch(/còn \d+ ngày làm việc/);
    await screenshot(page, 'checks-candidate');
  });

  it('marks an overdue admission decision as overdue, with the working days it is late', async () => {
    await openCandidate(ids.tuan!);
    const overdue = page.locator('[data-testid="finding"][data-code="DECISION_OVERDUE"]');
    await expect.poll(() => overdue.textContent()).toMatch(/^Quá hạn/);
    expect(await overdue.textContent()).toMatch(/quá hạn \d+ ngày làm việc/);
    expect(await page.getByTestId('deadlines').locator('.deadline-late').count()).toBeGreaterThan(0);
    await screenshot(page, 'checks-candidate-overdue');
  });

  it('lists both problems on the to-do page and counts errors in the navigation badge', async () => {
    await nav('Việc cần làm').click();
    await page.getByTestId('todo-row').first().waitFor();
    await expect.poll(() => todoCodesOf(LAN)).toEqual(expect.arrayContaining(['NO_MENTOR', 'CERTIFICATE_EXPIRING']));
    const first = page.getByTestId('todo-row').first();
    expect(await first.getAttribute('data-code')).toBe('DECISION_OVERDUE');
    expect(await first.textContent()).toContain(TUAN);
    expect(await first.textContent()).toMatch(/Quá hạn.*quá hạn \d+ ngày làm việc/);
    badgeBefore = await badge();
    expect(badgeBefore).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'checks-todo');
    // The chips add up to the list: overdue items are errors or warnings, shown apart as part of them.
    const chips = (await page.getByLabel('Tổng hợp').getByRole('button').allTextContents()).map((t) => t.trim());
    expect(chips.map((t) => t.replace(/^[\d.]+ /, ''))).toEqual(['lỗi', 'cảnh báo', 'nhắc việc', 'đã quá hạn']);
    const [errors, warnings, reminders, late] = chips.map((t) => Number(t.split(' ')[0]!.replaceAll('.', '')));
    expect(await page.getByTestId('todo-count').textContent()).toMatch(new RegExp(`^${errors! + warnings! + reminders!} việc`));
    expect(late).toBeGreaterThanOrEqual(1);
    expect(late).toBeLessThanOrEqual(errors! + warnings!);

    await page.getByLabel('Lọc theo loại việc').selectOption('CERTIFICATE_EXPIRING');
    await expect.poll(() => page.getByTestId('todo-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(['CERTIFICATE_EXPIRING']);
    await page.getByLabel('Lọc theo loại việc').selectOption('');
    await page.getByLabel('Lọc theo mức độ').selectOption('error');
    await expect.poll(() => page.getByTestId('todo-row').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-severity')))])).toEqual(['error']);
    expect(await page.getByTestId('todo-row').first().textContent()).toContain('Quá hạn');
    await page.getByRole('button', { name: 'Bỏ lọc' }).click();
  });

  it('clears the missing-mentor finding once a mentor is assigned, and only that one', async () => {
    await page.getByTestId('todo-row').filter({ hasText: LAN }).first().click();
    await page.getByTestId('rulebook-version').waitFor();
    await page.getByRole('button', { name: '+ Phân công' }).click();
    const form = page.getByRole('form', { name: 'Phân công người giúp đỡ' });
    await form.getByLabel('Đảng viên giúp đỡ').selectOption({ label: 'Đảng viên Số 3' });
    await form.getByRole('button', { name: 'Phân công' }).click();
    await expect.poll(findingCodes).not.toContain('NO_MENTOR');
    expect(await findingCodes()).toContain('CERTIFICATE_EXPIRING');
    await expect.poll(badge).toBe(badgeBefore - 1);
    await screenshot(page, 'checks-candidate-mentor');

    await nav('Việc cần làm').click();
    await page.getByTestId('todo-row').first().waitFor();
    await expect.poll(() => todoCodesOf(LAN)).toContain('CERTIFICATE_EXPIRING');
    expect(await todoCodesOf(LAN)).not.toContain('NO_MENTOR');
  });

  it('marks a missing dossier form received with its date and signer', async () => {
    await openCandidate(ids.hoa!);
    const row = page.getByTestId('checklist').getByTestId('checklist-item').and(page.locator('[data-form="1-KNĐ"]'));
    await expect.poll(() => row.textContent()).toContain('Còn thiếu');
    await row.getByRole('button', { name: 'Đánh dấu đã nhận' }).click();
    const form = page.getByRole('form', { name: 'Đánh dấu đã nhận 1-KNĐ' });
    await form.getByLabel('Ngày của tài liệu').fill(vi(monthsFromToday(-1)));
    await form.getByLabel('Người ký').fill(HOA);
    await screenshot(page, 'checks-checklist-mark');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => row.textContent()).toContain('Đã có, còn giá trị');
    expect(await row.textContent()).toContain(vi(monthsFromToday(-1)));
    expect(await row.textContent()).toContain(HOA);
  });
});

describe('recording a chi bộ vote', () => {
  const outcome = () => page.getByTestId('vote-outcome').textContent();

  it('shows the full members on the vote date and whether the yes votes reach 2/3 as the user types', async () => {
    await openCandidate(ids.lan!);
    await page.getByRole('button', { name: '+ Ghi sự kiện' }).click();
    const form = page.getByRole('form', { name: 'Ghi sự kiện' });
    await form.getByLabel('Sự kiện', { exact: true }).selectOption('CHI_BO_VOTED');
    await expect.poll(() => page.getByTestId('vote-roster-count').textContent()).toBe(String(FULL_MEMBERS));
    expect(await page.getByTestId('vote-panel').textContent()).toContain('Đảng viên Số 12');
    expect(await page.getByTestId('vote-panel').textContent()).not.toContain('Dự bị Lê Văn Tư');
    const total = form.getByLabel('Số đảng viên chính thức có quyền biểu quyết');
    await expect.poll(() => total.inputValue()).toBe(String(FULL_MEMBERS));
    // The count the roster filled in follows the date as it is corrected: nobody was a full member in June 2014.
    const date = form.getByLabel('Ngày', { exact: true });
    const today = await date.inputValue();
    await date.fill('01/06/2014');
    await expect.poll(() => page.getByTestId('vote-roster-count').textContent()).toBe('0');
    await expect.poll(() => total.inputValue()).toBe('0');
    await date.fill(today);
    await expect.poll(() => total.inputValue()).toBe(String(FULL_MEMBERS));

    await form.getByLabel('Số phiếu tán thành').fill('7');
    await total.fill('11');
    await expect.poll(outcome).toContain('Không đạt 2/3: 7/11 tán thành, cần ít nhất 8');
    expect(await page.getByTestId('vote-panel').textContent()).toContain('khác danh sách (12)');
    await screenshot(page, 'checks-vote-fails');

    await form.getByLabel('Số phiếu tán thành').fill('8');
    await total.fill('12');
    await expect.poll(outcome).toContain('Đạt 2/3: 8/12 tán thành, cần ít nhất 8');
    await screenshot(page, 'checks-vote-passes');
    // More yes votes than voters is a typing mistake, not a vote that failed.
    await form.getByLabel('Số phiếu tán thành').fill('25');
    await expect.poll(() => page.getByTestId('vote-outcome').count()).toBe(0);
    // A number the secretary typed stays when the date changes.
    await total.fill('11');
    await date.fill('01/06/2014');
    await expect.poll(() => page.getByTestId('vote-roster-count').textContent()).toBe('0');
    expect(await total.inputValue()).toBe('11');
    await form.getByRole('button', { name: 'Đóng' }).click();
  });
});

describe('recording the facts of rules v2', () => {
  it('records an extension of the decision deadline, refusing more than 30 working days', async () => {
    await openCandidate(ids.tuan!);
    await page.getByRole('button', { name: '+ Ghi sự kiện' }).click();
    const form = page.getByRole('form', { name: 'Ghi sự kiện' });
    await form.getByLabel('Sự kiện', { exact: true }).selectOption('DECISION_EXTENDED');
    await form.getByLabel('Ngày', { exact: true }).fill(vi(monthsFromToday(-8)));
    const days = form.getByLabel('Số ngày làm việc được gia hạn');
    await days.fill('31');
    await form.getByRole('button', { name: 'Ghi sự kiện' }).click();
    await expect.poll(() => form.textContent()).toContain('Gia hạn từ 1 đến 30 ngày làm việc.');
    await screenshot(page, 'checks-extension-refused');
    await days.fill('30');
    await form.getByRole('button', { name: 'Ghi sự kiện' }).click();
    await expect.poll(() => page.getByRole('form', { name: 'Ghi sự kiện' }).count()).toBe(0);
    const overdue = page.locator('[data-testid="finding"][data-code="DECISION_OVERDUE"]');
    await expect.poll(() => overdue.textContent()).toContain('gia hạn thêm 30 ngày');
    expect(await page.getByText('Gia hạn 30 ngày làm việc').count()).toBe(1);
    await screenshot(page, 'checks-extension-recorded');
  });

  it('records who signed an introduction letter, offering the introducers, and the superior consent form', async () => {
    await api(host, 'candidates:add-introducer', { id: ids.hoa, memberId: await memberId('Đảng viên Số 5'), workedTogetherSince: monthsFromToday(-30), replacement: false });
    await openCandidate(ids.hoa!);
    await page.getByRole('button', { name: '+ Thêm tài liệu' }).click();
    const form = page.getByRole('form', { name: 'Thêm tài liệu' });
    const forms = await form.getByLabel('Tài liệu').locator('option').allTextContents();
    expect(forms).toContain('Văn bản đồng ý của cấp ủy cấp trên (tổ chức lễ kết nạp muộn)');
    expect(forms.some((f) => f.includes('DONG-Y'))).toBe(false);
    await form.getByLabel('Tài liệu').selectOption('3-KNĐ');
    // A refused day is said under «Ngày», and only until that field is edited.
    const day = form.getByLabel('Ngày');
    await day.fill(vi(monthsFromToday(2)));
    await form.getByRole('button', { name: 'Thêm tài liệu' }).click();
    await expect.poll(() => day.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator(`#${(await day.getAttribute('aria-describedby'))!}`).textContent()).toContain('sau ngày hôm nay');
    expect(await form.locator('.form-error').count()).toBe(0);
    await day.fill(vi(monthsFromToday(-1)));
    await expect.poll(() => day.getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('#document-signers option').evaluateAll((els) => els.map((e) => e.getAttribute('value')))).toEqual(['Đảng viên Số 5']);
    await form.getByLabel('Người ký').fill('Đảng viên Số 5');
    await screenshot(page, 'checks-letter-signer');
    await form.getByRole('button', { name: 'Thêm tài liệu' }).click();
    const row = page.getByTestId('checklist').getByTestId('checklist-item').and(page.locator('[data-form="3-KNĐ"]'));
    await expect.poll(() => row.first().textContent()).toContain('Đảng viên Số 5');
  });
});

describe('the pipeline board', () => {
  const count = (stage: string) => page.locator(`[data-testid="board-column"][data-stage="${stage}"]`).getByTestId('board-count').textContent();

  it('shows how many candidates stand at each stage and opens the list of one stage', async () => {
    await nav('Tiến trình').click();
    await expect.poll(() => count('cam-tinh')).toBe('2');
    expect(await count('nguon')).toBe('1');
    expect(await count('da-hoc-lop')).toBe('1');
    expect(await count('lam-ho-so')).toBe('1');
    expect(await count('chi-bo-de-nghi')).toBe('1');
    // Lê Văn Tư, dự bị on the roster with no candidate file, counts here as in the report and on Tổng quan.
    expect(await count('du-bi')).toBe('1');
    expect(await page.locator('[data-stage="du-bi"]').getByTestId('board-off-file').textContent()).toBe('1 đảng viên dự bị không có hồ sơ trong ứng dụng, ở mục Đảng viên');
    expect(await page.getByTestId('board-total').textContent()).toContain('7 người');
    await screenshot(page, 'checks-board');

    await page.locator('[data-stage="cam-tinh"]').getByRole('link', { name: 'Mở danh sách →' }).click();
    await expect.poll(() => page.getByTestId('candidate-count').textContent()).toBe('2 người');
    expect(await page.getByLabel('Lọc theo giai đoạn').inputValue()).toBe('cam-tinh');
    await page.getByLabel('Lọc theo giai đoạn').selectOption('');
  });
});

describe('the calendar and rulebook screens', () => {
  it('lists a year of days off with the unconfirmed ones marked, and adds, checks and removes a day', async () => {
    await nav('Lịch ngày nghỉ').click();
    await page.getByRole('tab', { name: '2026' }).click();
    const rows = page.getByTestId('calendar-row');
    await expect.poll(() => rows.filter({ hasText: '16/02/2026' }).textContent()).toContain('Tết Nguyên đán');
    expect(await rows.filter({ hasText: '01/09/2026' }).textContent()).toContain('Chưa xác nhận');
    expect(await page.getByTestId('unconfirmed-count').isVisible()).toBe(true);
    await screenshot(page, 'checks-calendar');

    await page.getByRole('button', { name: '+ Thêm ngày' }).click();
    const form = page.getByRole('form', { name: 'Thêm ngày' });
    await form.getByLabel('Ngày', { exact: true }).fill('28/12/2026');
    await form.getByLabel('Loại').selectOption('swapped-workday');
    await form.getByLabel('Tên', { exact: true }).fill('Nghỉ hoán đổi cuối năm');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Ngày đi làm bù phải là thứ Bảy hoặc Chủ nhật.').waitFor();
    await screenshot(page, 'checks-calendar-form');
    await form.getByLabel('Loại').selectOption('swapped-day-off');
    // A long source with no space (a web address) wraps in its column: the table does not scroll sideways.
    await form.getByLabel('Căn cứ (số thông báo, văn bản)').fill(`TB${'X'.repeat(298)}`);
    await form.getByRole('button', { name: 'Lưu' }).click();
    const added = rows.filter({ hasText: '28/12/2026' });
    await expect.poll(() => added.textContent()).toContain('Nghỉ hoán đổi cuối năm');
    expect(await added.textContent()).toContain('Thứ Hai');
    const table = page.locator('table.calendar-table');
    expect(await table.evaluate((t) => t.scrollWidth - t.parentElement!.clientWidth)).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

    // A day already on the calendar is refused by the app, not the form: the reason still shows under «Ngày».
    await page.getByRole('button', { name: '+ Thêm ngày' }).click();
    await form.getByLabel('Ngày', { exact: true }).fill('16/02/2026');
    await form.getByLabel('Tên', { exact: true }).fill('Tết (nhập lại)');
    await form.getByRole('button', { name: 'Lưu' }).click();
    const date = form.getByLabel('Ngày', { exact: true });
    await expect.poll(() => date.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await date.getAttribute('aria-describedby'))!;
    expect(await form.locator(`[id="${describedBy}"]`).textContent()).toMatch(/^Lịch đã có ngày này \(.*Tết.*\): hãy sửa ngày đó trong danh sách\.$/);
    expect(await form.locator('.form-error').count()).toBe(0);
    await screenshot(page, 'checks-calendar-taken');
    await form.getByRole('button', { name: 'Đóng' }).click();

    await added.getByRole('button', { name: 'Xóa' }).click();
    await page.getByRole('dialog', { name: 'Xóa ngày khỏi lịch' }).getByRole('button', { name: 'Xóa' }).click();
    await expect.poll(() => added.count()).toBe(0);
  });

  it('shows the rulebook applied today, refuses a bad rulebook file in Vietnamese and imports a valid one', async () => {
    const file = join(dataDir, 'files', 'bo-quy-tac.json');
    const pick = () => page.getByRole('button', { name: 'Chọn tệp bộ quy tắc…' }).click();
    await nav('Bộ quy tắc').click();
    await expect.poll(() => page.getByTestId('applied-rulebook').textContent()).toBe(rulebookName(APPLIED));
    await screenshot(page, 'checks-rulebook');

    // No file there yet: said so, not that the file is damaged.
    rmSync(file, { force: true });
    await pick();
    const error = page.locator('.form-error');
    await expect.poll(() => error.textContent()).toContain('Không tìm thấy tệp bo-quy-tac.json');

    writeFileSync(file, JSON.stringify({ format: 'ptdv.rulebook/1', version: '2027-01-01', rules: [] }));
    await pick();
    await expect.poll(() => error.textContent()).toContain('Bộ quy tắc không hợp lệ');
    expect(await error.textContent()).toContain('Bộ quy tắc không hợp lệ: không có quy tắc nào (mục rules). Tệp không được nhập; hãy xin lại tệp bộ quy tắc đúng từ nơi đã gửi. Bộ quy tắc đang dùng giữ nguyên.');
    expect(await error.textContent()).not.toMatch(/Error|at \S+:\d+/);
    await screenshot(page, 'checks-rulebook-error');

    writeFileSync(file, 'đây không phải JSON');
    await pick();
    await expect.poll(() => error.textContent()).toContain('Không đọc được tệp bo-quy-tac.json');

    const shipped = JSON.parse(readFileSync(join(REPO, 'electron/core/domain/rules/rulebook-2021-07-30.json'), 'utf8')) as { rules: { id: string }[] };
    const mentorRule = shipped.rules.filter((r) => r.id === 'mentor').map((r) => ({ ...r, validFrom: '2031-01-01', source: 'Thử nghiệm' }));
    writeFileSync(file, JSON.stringify({ format: 'ptdv.rulebook/1', version: '2031-thu-nghiem', title: 'Bộ quy tắc thử nghiệm', rules: mentorRule }));
    await pick();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Đã nhập bộ quy tắc 2031-thu-nghiem');
    const row = page.getByTestId('rulebook-row').filter({ hasText: '2031-thu-nghiem' });
    expect(await row.textContent()).toContain('Chưa có hiệu lực');
    expect(await page.getByTestId('applied-rulebook').textContent()).toBe(rulebookName(APPLIED));
    await row.getByText('Xem 1 quy tắc và căn cứ').click();
    await screenshot(page, 'checks-rulebook-imported');
  });
});
