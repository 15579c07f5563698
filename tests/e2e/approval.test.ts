import { copyFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { api, launchBrowser, makeTempDir, screenshot, startHost, type Browser, type Host } from './harness';

// A committee (DUK01) and its cell (CB014), enrolled and the cell's frozen report received through the same channels
// the screens use; the review, the request, the correction and the answer are then done on screen.
const PASSPHRASE = 'mat khau duyet bao cao 2026';
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const PERIOD = `${TODAY.slice(0, 4)}-Q${Math.ceil(Number(TODAY.slice(5, 7)) / 3)}`;
const LABEL = PERIOD.replace('-', '');
const COMMENT = 'Thiếu số quần chúng ưu tú được kết nạp trong quý, đề nghị bổ sung.';
const REQUEST = 'Đề nghị bổ sung bản sao giấy khai sinh vào hồ sơ.';
const ANSWER = 'Đã bổ sung bản sao giấy khai sinh.';
const APPROVAL = 'Quý sau gửi báo cáo trước ngày 20 tháng cuối quý.';

let superiorDir: string;
let cellDir: string;
let superior: Host;
let cell: Host;
let browser: Browser;
let duk: Page;
let cb: Page;

const files = (dir: string) => join(dir, 'files');
/**
 * Two hosts and two tabs share two cores, with other test files beside them on a CI machine: a screen may take tens of
 * seconds to show what changed. Generous, as the assertions are about what shows, not how fast.
 */
const WAIT_MS = 90_000;
const POLL = { timeout: WAIT_MS, interval: 250 };

/** Carries a file from one host's folder to the other's, as a USB stick would. */
function carry(path: string, to: string): string {
  const target = join(files(to), basename(path));
  copyFileSync(path, target);
  return target;
}

async function cli(argv: string[]): Promise<void> {
  const result = await runCli(argv, { PTDV_PASSPHRASE: PASSPHRASE });
  if (result.code !== 0) {
    throw new Error(`ptdv ${argv.join(' ')} failed: ${result.stderr}`);
  }
}

/** Opens a screen by its address; the tab keeps the host's token from its first visit. */
async function visit(page: Page, host: Host, path: string): Promise<void> {
  const [route, search] = path.split('?');
  await page.goto(`${host.origin}/${search ? `?${search}` : ''}#${route}`);
}

/** The cell's next unit-report, carried up and imported at the committee. */
async function reportUp(): Promise<void> {
  const made = await api<{ path: string }>(cell, 'bundles:export', { label: LABEL, path: files(cellDir) });
  const [outcome] = await api<{ status: string }[]>(superior, 'bundles:import', { paths: [carry(made.path, superiorDir)] });
  expect(outcome?.status).toBe('applied');
}

/** The committee's next directive, carried down and imported at the cell. */
async function directiveDown(): Promise<void> {
  const made = await api<{ path: string }>(superior, 'directives:export', { unitCode: 'CB014', path: files(superiorDir) });
  const [outcome] = await api<{ status: string }[]>(cell, 'directives:import', { paths: [carry(made.path, cellDir)] });
  expect(outcome?.status).toBe('applied');
}

beforeAll(async () => {
  superiorDir = makeTempDir('ptdv-e2e-approval-duk-');
  cellDir = makeTempDir('ptdv-e2e-approval-cb-');
  await cli(['init', '--db', join(superiorDir, 'ptdv.db'), '--code', 'DUK01', '--name', 'Đảng ủy Khối Doanh nghiệp tỉnh', '--level', 'cap-tren']);
  await cli(['init', '--db', join(cellDir, 'ptdv.db'), '--code', 'CB014', '--name', 'Chi bộ Phòng Kỹ thuật', '--level', 'chi-bo', '--parent', 'DUK01']);
  await cli(['demo', '--db', join(cellDir, 'ptdv.db'), '--candidates', '4']);
  [superior, cell] = await Promise.all([startHost(superiorDir), startHost(cellDir)]);
  await api(superior, 'session:unlock', { secret: PASSPHRASE });
  await api(cell, 'session:unlock', { secret: PASSPHRASE });
  const trust = join(files(superiorDir), 'tin-cay.json');
  await api(superior, 'keys:export-trust', { path: trust });
  const request = await api<{ path: string; readAloudCode: string }>(cell, 'enrol:request', { trustPath: carry(trust, cellDir), path: files(cellDir) });
  await api(superior, 'enrol:accept', { path: carry(request.path, superiorDir) });
  await api(superior, 'enrol:confirm', { unitCode: 'CB014', code: request.readAloudCode });
  await api(cell, 'reports:freeze', { period: PERIOD, number: '07-BC/CB' });
  await reportUp();
  browser = await launchBrowser();
  duk = browser.page;
  cb = await browser.context.newPage();
  // Two hosts and two tabs share the machine's two cores.
  duk.setDefaultTimeout(WAIT_MS);
  cb.setDefaultTimeout(WAIT_MS);
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

describe('approval of reports and requests where the work is, in the browser', { timeout: 4 * WAIT_MS }, () => {
  let candidateName = '';

  it('at the committee: returns the report with a comment and asks for a document about one candidate', async () => {
    await visit(duk, superior, '/units/CB014');
    const card = duk.getByRole('region', { name: 'Báo cáo đơn vị đã gửi' });
    const row = card.getByTestId('unit-report-row');
    await expect.poll(() => row.count(), POLL).toBe(1);
    expect(await row.textContent()).toContain('Chờ duyệt');
    // A return without a comment is refused on the spot and nothing is recorded.
    await card.getByRole('button', { name: `Trả lại báo cáo ${PERIOD} phiên bản 1` }).click();
    await card.getByRole('button', { name: 'Trả lại báo cáo', exact: true }).click();
    await card.getByText('Ghi rõ đơn vị cần sửa gì trong báo cáo.').waitFor();
    expect(await row.textContent()).toContain('Chờ duyệt');
    await card.getByRole('textbox').fill(COMMENT);
    await card.getByRole('button', { name: 'Trả lại báo cáo', exact: true }).click();
    await row.getByText('Trả lại (chờ gửi)').waitFor();
    expect(await row.textContent()).toContain(COMMENT);

    const note = duk.getByRole('form', { name: 'Thêm ý kiến' });
    await note.getByLabel('Loại').selectOption('request-dossier');
    const person = note.getByLabel('Về người (không bắt buộc)');
    const option = person.locator('option').nth(1);
    candidateName = ((await option.textContent()) ?? '').split(' · ')[0]!.trim();
    // Found by typing the name without diacritics; a name no one has leaves only the whole unit.
    const search = note.getByLabel('Tìm người');
    await search.fill('zzzz');
    await expect.poll(() => person.locator('option').count()).toBe(1);
    await search.fill(candidateName.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'));
    await expect.poll(async () => ((await person.locator('option').nth(1).textContent()) ?? '').startsWith(candidateName)).toBe(true);
    await person.selectOption({ index: 1 });
    await note.getByLabel('Nội dung').fill(REQUEST);
    await note.getByRole('button', { name: 'Thêm ý kiến' }).click();
    const pending = duk.getByTestId('pending-item');
    await pending.filter({ hasText: REQUEST }).waitFor();
    await pending.filter({ hasText: 'cấp trên trả lại' }).waitFor();
    await screenshot(duk, 'approval-superior-returned');
    await directiveDown();
  });

  it('at the cell: the returned report and the request are in Việc cần làm and on the candidate page; the report is corrected as version 2', async () => {
    await visit(cb, cell, '/todo');
    const returned = cb.getByTestId('returned-report');
    await returned.waitFor();
    expect(await returned.textContent()).toContain(COMMENT);
    const request = cb.getByTestId('superior-request');
    await request.waitFor();
    expect(await request.textContent()).toContain(REQUEST);
    expect(await request.textContent()).toContain(candidateName);
    // The navigation badge counts the two beside the findings needing attention.
    const attention = (await api<{ summary: { attention: number } }>(cell, 'checks:todo-page', { limit: 0 })).summary.attention;
    const badge = async () => Number(await cb.getByTestId('attention-badge').locator('[aria-hidden="true"]').textContent());
    await expect.poll(badge, POLL).toBe(attention + 2);
    await screenshot(cb, 'approval-cell-todo');

    await returned.getByRole('link', { name: 'Sửa và chốt phiên bản mới' }).click();
    const notice = cb.getByTestId('report-returned');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`phiên bản 1: ${COMMENT}`);
    const versions = cb.getByRole('table', { name: 'Các phiên bản đã chốt' });
    expect(await versions.getByTestId('frozen-review').textContent()).toBe(`Ý kiến cấp trên về phiên bản 1: Trả lại ${COMMENT}`);
    await cb.getByRole('button', { name: 'Chốt báo cáo gửi cấp trên' }).click();
    const dialog = cb.getByRole('dialog', { name: 'Chốt báo cáo gửi cấp trên' });
    await dialog.getByLabel('Số và ký hiệu báo cáo').fill('08-BC/CB');
    await dialog.getByLabel('Lý do sửa').fill('Bổ sung số quần chúng ưu tú theo ý kiến cấp trên');
    await dialog.getByRole('button', { name: 'Chốt bản sửa' }).click();
    await cb.getByTestId('report-frozen').waitFor();
    expect(await cb.getByTestId('report-frozen').textContent()).toContain('phiên bản 2');
    await expect.poll(() => notice.count(), POLL).toBe(0);
    await expect.poll(() => versions.getByTestId('frozen-version').count(), POLL).toBe(2);
    await screenshot(cb, 'approval-cell-corrected');

    await visit(cb, cell, '/todo');
    await cb.getByRole('heading', { name: 'Việc cần làm' }).waitFor();
    await cb.getByTestId('superior-request').waitFor();
    expect(await cb.getByTestId('returned-report').count()).toBe(0);
    await cb.getByTestId('superior-request').getByRole('link', { name: candidateName }).click();
    const onPage = cb.getByTestId('superior-requests');
    await onPage.waitFor();
    expect(await onPage.textContent()).toContain(REQUEST);
    await screenshot(cb, 'approval-cell-candidate-request');
    await onPage.getByRole('button', { name: 'Đã xử lý…' }).click();
    await onPage.getByLabel('Trả lời cấp trên (không bắt buộc)').fill(ANSWER);
    await onPage.getByRole('button', { name: 'Xác nhận đã xử lý' }).click();
    await expect.poll(() => onPage.count(), POLL).toBe(0);
    await expect.poll(async () => ((await cb.getByTestId('attention-badge').count()) === 0 ? 0 : badge()), POLL).toBe(attention);
    await visit(cb, cell, '/sync/import');
    const arrived = cb.getByTestId('arrived-item').filter({ hasText: REQUEST });
    await arrived.waitFor();
    expect(await arrived.textContent()).toContain(`trả lời: ${ANSWER}`);
    await reportUp();
  });

  it('at the committee: version 2 waits for review, the answer is shown, and the report is approved', async () => {
    await duk.reload();
    const card = duk.getByRole('region', { name: 'Báo cáo đơn vị đã gửi' });
    const rows = card.getByTestId('unit-report-row');
    await expect.poll(() => rows.count(), POLL).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('Trả lại');
    expect(await rows.nth(1).textContent()).toContain('Chờ duyệt');
    const answer = duk.getByTestId('request-answer');
    await answer.waitFor();
    expect(await answer.textContent()).toContain(ANSWER);
    await card.getByRole('button', { name: `Duyệt báo cáo ${PERIOD} phiên bản 2` }).click();
    // Approving may carry a comment; it is optional, unlike a return's.
    const approve = card.getByTestId('approve-form');
    await approve.getByLabel(`Ý kiến khi duyệt báo cáo`, { exact: false }).fill(APPROVAL);
    await approve.getByRole('button', { name: 'Duyệt báo cáo', exact: true }).click();
    await rows.nth(1).getByText('Đã duyệt (chờ gửi)').waitFor();
    expect(await rows.nth(1).textContent()).toContain(APPROVAL);
    await screenshot(duk, 'approval-superior-approved');
    // The reports screen lists what the unit sent with the same verdicts, and leads to the unit page to review.
    await visit(duk, superior, `/reports?period=${PERIOD}`);
    const received = duk.getByTestId('frozen-review').filter({ hasText: 'của CB014' });
    await expect.poll(() => received.count(), POLL).toBe(2);
    expect(await received.nth(1).textContent()).toContain('Ý kiến về phiên bản 2 của CB014: Đã duyệt (chờ gửi)');
    expect(await received.nth(1).textContent()).toContain(APPROVAL);
    await screenshot(duk, 'approval-superior-reports');
    await directiveDown();

    await visit(cb, cell, `/reports?period=${PERIOD}`);
    const versions = cb.getByRole('table', { name: 'Các phiên bản đã chốt' });
    // The unit sees the approval with the committee's comment beside it.
    await expect.poll(async () => (await versions.getByTestId('frozen-review').nth(1).textContent()) ?? '', POLL).toBe(`Ý kiến cấp trên về phiên bản 2: Đã duyệt ${APPROVAL}`);
    await screenshot(cb, 'approval-cell-approved-comment');
  });
});
