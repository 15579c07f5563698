import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { api, launchBrowser, makeTempDir, screenshot, SCREENSHOTS, startHost, type Browser, type Host } from './harness';

// A Khối (DUK01) above a đảng ủy cơ sở (DU001) above a chi bộ (CB011), set up and synchronised with the CLI; the
// Khối's request about a person of CB011 and its target for CB011 then travel down through DU001, after DU001's own
// split, and the screens are looked at.
const PASSPHRASE = 'mat khau chi dao qua cap';
const KHOI = 'Đảng ủy Khối Doanh nghiệp tỉnh';
const DUCS = 'Đảng ủy Công ty Điện lực';
const CELL = 'Chi bộ Phòng Kỹ thuật';
const REQUEST = 'Khối đề nghị bổ sung bản sao văn bằng vào hồ sơ trước khi xét kết nạp.';
// The hosts count to today: the targets are for this year.
const YEAR = String(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).slice(0, 4));

let root: string;
const dirs = { DUK01: '', DU001: '', CB011: '' };
let khoi: Host;
let ducs: Host;
let cell: Host;
let browser: Browser;
let khoiPage: Page;
let cellPage: Page;
let ducsPage: Page;
let personId = '';
let personName = '';

async function cli(argv: string[]): Promise<string> {
  const result = await runCli(argv, { PTDV_PASSPHRASE: PASSPHRASE });
  if (result.code !== 0) {
    throw new Error(`ptdv ${argv.join(' ')} failed: ${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

const db = (code: keyof typeof dirs) => join(dirs[code], 'ptdv.db');

async function visit(page: Page, host: Host, path: string): Promise<void> {
  await page.goto(`${host.origin}/#${path}`);
}

beforeAll(async () => {
  root = makeTempDir('ptdv-e2e-relay-');
  for (const code of Object.keys(dirs) as (keyof typeof dirs)[]) {
    dirs[code] = join(root, code);
    mkdirSync(dirs[code]);
  }
  const out = join(root, 'files');
  mkdirSync(out);
  await cli(['init', '--db', db('DUK01'), '--code', 'DUK01', '--name', KHOI, '--level', 'cap-tren']);
  await cli(['init', '--db', db('DU001'), '--code', 'DU001', '--name', DUCS, '--level', 'dang-bo-co-so', '--parent', 'DUK01']);
  await cli(['init', '--db', db('CB011'), '--code', 'CB011', '--name', CELL, '--level', 'chi-bo', '--parent', 'DU001']);
  for (const [unit, parent] of [['DU001', 'DUK01'], ['CB011', 'DU001']] as const) {
    const trust = join(out, `${parent}.trust.json`);
    await cli(['keys', 'export-trust', '--db', db(parent), '--out', trust]);
    const request = await runCli(['enrol', 'request', '--db', db(unit), '--trust', trust, '--out', out], { PTDV_PASSPHRASE: PASSPHRASE });
    const readAloud = /Mã vân tay của đơn vị gửi: (.+)/.exec(request.stderr)?.[1] ?? '';
    await cli(['enrol', 'accept', '--db', db(parent), request.stdout.trim()]);
    await cli(['enrol', 'confirm', '--db', db(parent), '--code', unit, '--fingerprint', readAloud]);
  }
  await cli(['demo', '--db', db('CB011'), '--candidates', '4']);
  await cli(['bundle', 'import', '--db', db('DU001'), (await cli(['bundle', 'export', '--db', db('CB011'), '--label', 'DEMO', '--out', out])).trim()]);
  await cli(['bundle', 'import', '--db', db('DUK01'), (await cli(['bundle', 'export', '--db', db('DU001'), '--label', 'DEMO', '--out', out])).trim()]);
  const [id, name] = (await cli(['units', 'show', '--db', db('DUK01'), '--code', 'CB011'])).split('\n')[1]!.split('\t');
  personName = name!;
  personId = id!;
  // DU001 gives CB011 its share of the year first; the Khối then gives CB011 a target straight, received later.
  await cli(['targets', 'set', '--db', db('DU001'), '--unit', 'CB011', '--year', YEAR, '--count', '3']);
  await cli(['directive', 'import', '--db', db('CB011'), (await cli(['directive', 'export', '--db', db('DU001'), '--to', 'CB011', '--out', out])).trim()]);
  await cli(['directive', 'add-note', '--db', db('DUK01'), '--unit', 'CB011', '--candidate', id!, '--request-dossier', '--text', REQUEST]);
  await cli(['targets', 'set', '--db', db('DUK01'), '--unit', 'CB011', '--year', YEAR, '--count', '2']);
  await cli(['directive', 'import', '--db', db('DU001'), (await cli(['directive', 'export', '--db', db('DUK01'), '--to', 'DU001', '--out', out])).trim()]);
  await cli(['directive', 'import', '--db', db('CB011'), (await cli(['directive', 'export', '--db', db('DU001'), '--to', 'CB011', '--out', out])).trim()]);

  [khoi, ducs, cell] = await Promise.all([startHost(dirs.DUK01), startHost(dirs.DU001), startHost(dirs.CB011)]);
  browser = await launchBrowser();
  khoiPage = browser.page;
  cellPage = await browser.context.newPage();
  khoiPage.setDefaultTimeout(60_000);
  // Two hosts, two tabs and other work share the machine's two cores: a screen may take long to show.
  cellPage.setDefaultTimeout(60_000);
  ducsPage = await browser.context.newPage();
  ducsPage.setDefaultTimeout(60_000);
  await api(khoi, 'session:unlock', { secret: PASSPHRASE });
  await api(ducs, 'session:unlock', { secret: PASSPHRASE });
  await api(cell, 'session:unlock', { secret: PASSPHRASE });
  await khoiPage.goto(khoi.url);
  await cellPage.goto(cell.url);
  await ducsPage.goto(ducs.url);
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([khoi?.stop(), ducs?.stop(), cell?.stop()]);
  if (root) {
    rmSync(root, { recursive: true, force: true });
  }
});

describe('directives down the tree, in the browser', () => {
  it('the chi bộ sees the Khối as the issuer of what its đảng ủy cơ sở passed on', async () => {
    await visit(cellPage, cell, '/sync/import');
    const arrived = cellPage.getByTestId('arrived-item').filter({ hasText: REQUEST });
    await arrived.waitFor();
    expect(await arrived.getByTestId('arrived-issuer').textContent()).toBe(`${KHOI}chuyển qua ${DUCS}`);
    await screenshot(cellPage, 'relay-cell-received');

    await visit(cellPage, cell, '/todo');
    const request = cellPage.getByTestId('superior-request').filter({ hasText: REQUEST });
    await request.waitFor();
    expect(await request.getByTestId('request-issuer').textContent()).toContain(`${KHOI} (chuyển qua ${DUCS})`);
    await request.getByRole('link', { name: personName }).click();
    const onPage = cellPage.getByTestId('superior-requests');
    await onPage.waitFor();
    expect(await onPage.textContent()).toContain(`${KHOI} (chuyển qua ${DUCS})`);
    await screenshot(cellPage, 'relay-cell-candidate-request');
    await onPage.screenshot({ path: join(SCREENSHOTS, 'relay-cell-candidate-request-card.png') });
  }, 240_000);

  it('the chi bộ names who gave each target, and applies the one received last', async () => {
    await visit(cellPage, cell, '/targets');
    const rows = cellPage.getByTestId('target-row');
    const givenBy = (issuer: string) => rows.filter({ has: cellPage.getByTestId('target-source').getByText(issuer, { exact: true }) });
    const fromKhoi = givenBy(`${KHOI} (DUK01) giao`);
    await fromKhoi.waitFor();
    expect(await fromKhoi.textContent()).toContain('2 người');
    expect(await fromKhoi.textContent()).not.toContain('Không áp dụng');
    const split = givenBy(`${DUCS} (DU001) giao`);
    expect(await split.textContent()).toContain('3 người');
    expect(await split.textContent()).toContain(`Không áp dụng: dùng chỉ tiêu ${KHOI} (DUK01) giao (nhận sau) cho kỳ này`);
    const card = cellPage.getByTestId('year-progress');
    await card.waitFor();
    expect(await card.textContent()).toContain(`${KHOI} (DUK01) giao`);
    await screenshot(cellPage, 'relay-cell-targets');
  }, 240_000);

  it('the đảng ủy cơ sở sees the Khối’s target for its chi bộ beside its own split', async () => {
    await visit(ducsPage, ducs, '/targets');
    const row = ducsPage.getByTestId('targets-table').locator('[data-testid="table-row"][data-code="CB011"]');
    await row.waitFor();
    expect(await row.getByTestId('from-above').textContent()).toBe(`${KHOI} (DUK01) giao thẳng: 2 người`);
    expect(await ducsPage.getByLabel(`Chỉ tiêu — ${CELL}`).inputValue()).toBe('3');
    // Its remainder counts its own split only.
    expect(await ducsPage.getByTestId('target-remainder').textContent()).toContain('chưa có chỉ tiêu');
    await screenshot(ducsPage, 'relay-ducs-split-table');
    await ducsPage.getByTestId('targets-table').screenshot({ path: join(SCREENSHOTS, 'relay-ducs-split-table-card.png') });
  }, 240_000);

  it('the Khối lists the chi bộ with its đảng ủy cơ sở, and says its directives go through it', async () => {
    await visit(khoiPage, khoi, '/units');
    const row = khoiPage.getByTestId('unit-row').filter({ hasText: CELL });
    expect(await row.textContent()).toContain(`Khóa do ${DUCS} xác nhận`);
    // Its reports came inside the đảng ủy cơ sở's files: the row says so, not "nothing received".
    expect(await row.textContent()).toMatch(new RegExp(`Số \\d+ · qua ${DUCS}`));
    expect(await row.textContent()).not.toContain('Chưa nhận gói nào');
    await screenshot(khoiPage, 'relay-khoi-units');
    const wide = khoiPage.viewportSize()!;
    await khoiPage.setViewportSize({ width: 1024, height: 768 });
    await screenshot(khoiPage, 'relay-khoi-units-1024');
    await khoiPage.setViewportSize(wide);
    await row.getByRole('link', { name: CELL }).click();
    const note = khoiPage.getByTestId('relay-note');
    await note.waitFor();
    expect(await note.textContent()).toContain(`gửi kèm gói chỉ đạo kế tiếp cho ${DUCS}`);
    expect(await khoiPage.getByRole('button', { name: 'Tạo gói chỉ đạo' }).count()).toBe(0);
    expect(await khoiPage.getByTestId('unit-state').textContent()).toContain(`Khóa do ${DUCS} xác nhận`);
    expect(await khoiPage.getByRole('region', { name: 'Các tệp đã nhận' }).textContent()).toContain(`báo cáo của đơn vị đến trong tệp của ${DUCS}`);
    expect(await khoiPage.getByTestId('sent-item').filter({ hasText: REQUEST }).textContent()).toContain(`Đã gửi qua ${DUCS}, chờ đơn vị xác nhận`);
    // Its reports are its đảng ủy cơ sở's to approve or return: shown here, never offered only to be refused.
    expect(await khoiPage.getByTestId('review-by-direct-superior').textContent()).toMatch(new RegExp(`cấp trên trực tiếp của nó, ${DUCS} \\(DU\\d+\\), duyệt hoặc trả lại; ở đây chỉ xem`));
    expect(await khoiPage.getByRole('button', { name: /^Duyệt báo cáo|^Trả lại báo cáo/ }).count()).toBe(0);
    await screenshot(khoiPage, 'relay-khoi-unit');
    // The person's own page says what the Khối sent about them, as it went.
    await visit(khoiPage, khoi, `/candidates/${personId}`);
    await khoiPage.getByTestId('sent-about').waitFor();
    expect(await khoiPage.getByTestId('sent-about').textContent()).toContain(REQUEST);
    await screenshot(khoiPage, 'relay-khoi-person');
  }, 240_000);
});
