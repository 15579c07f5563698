import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, keyFilePath, openDatabase, type Database } from '../../db/client';
import { systemClock } from '../../electron/core/ports';
import { exportUnitReport, packAndRecord, requestEnrolment } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import type { ServiceContext } from '../../electron/core/services/context';
import { confirmUnit, exportTrustFile, keysInfo } from '../../electron/core/services/key-service';
import { setupUnit, updateUnitProfile } from '../../electron/core/services/unit-service';
import { buildUnitSnapshot } from '../../electron/core/services/unit-snapshot';
import { MIGRATIONS_DIR } from '../helpers/temp';
import { api, launchBrowser, makeTempDir, screenshot, startHost, type Browser, type Host } from './harness';

// The superior's screens for a unit's broken export and for a unit that restored an old copy: a long quarantine list
// read page by page, and the card that accepts the unit's new numbering once its code is read aloud. The files are
// made with the services beforehand (a buggy export cannot be made through the cell's own screens).
const PASSPHRASE = 'mat khau phuc hoi 2026';
const BAD_RECORDS = 120;

let dir: string;
let host: Host;
let browser: Browser;
let page: Page;
let cb014Code = '';

type Opened = { ctx: ServiceContext; database: Database };

function create(file: string, setup: Parameters<typeof setupUnit>[1]): Opened {
  const { database } = createDatabase(file, PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  const ctx: ServiceContext = { db: database.db, clock: systemClock, actor: 'e2e' };
  setupUnit(ctx, setup);
  return { ctx, database };
}

function reopen(file: string): Opened {
  const database = openDatabase(file, PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  return { ctx: { db: database.db, clock: systemClock, actor: 'e2e' }, database };
}

const file = (made: { bundle: { fileName: string }; bytes: Uint8Array }) => ({ name: made.bundle.fileName, bytes: made.bytes });

async function enrolled(superior: Opened, code: string): Promise<Opened> {
  const unit = create(join(dir, `${code}.db`), { code, name: `Chi bộ ${code}`, level: 'chi-bo', parentCode: 'DUK01' });
  const outcome = await importBundle(superior.ctx, file(await requestEnrolment(unit.ctx, exportTrustFile(superior.ctx))));
  confirmUnit(superior.ctx, code, outcome.enrolment?.readAloudCode ?? '');
  return unit;
}

beforeAll(async () => {
  dir = makeTempDir('ptdv-e2e-sync-recovery-');
  const superior = create(join(dir, 'ptdv.db'), { code: 'DUK01', name: 'Đảng ủy Khối Doanh nghiệp tỉnh', level: 'cap-tren' });

  // CB014 sends two reports, then restores a copy made before them: its next report re-uses number 2.
  const cb014 = await enrolled(superior, 'CB014');
  cb014Code = keysInfo(cb014.ctx).own.readAloudCode;
  cb014.database.close();
  copyFileSync(join(dir, 'CB014.db'), join(dir, 'CB014-old.db'));
  copyFileSync(keyFilePath(join(dir, 'CB014.db')), keyFilePath(join(dir, 'CB014-old.db')));
  const current = reopen(join(dir, 'CB014.db'));
  for (let i = 0; i < 2; i++) {
    await importBundle(superior.ctx, file(await exportUnitReport(current.ctx, '2026Q4')));
  }
  current.database.close();
  const old = reopen(join(dir, 'CB014-old.db'));
  const reused = await importBundle(superior.ctx, file(await exportUnitReport(old.ctx, '2026Q4')));
  if (reused.status !== 'conflict') {
    throw new Error(`the restored copy's report should be held as a conflict, was ${reused.status}`);
  }
  old.database.close();

  // CB015's export is buggy: 120 members without a name, quarantined one by one.
  const cb015 = await enrolled(superior, 'CB015');
  const { data } = buildUnitSnapshot(cb015.ctx, '2026Q4');
  const broken = Array.from({ length: BAD_RECORDS }, (_, i) => ({ id: `m-${String(i).padStart(3, '0')}`, fullName: '', gender: null, birthDate: null, status: 'chinh-thuc', joinedOn: null, fullMemberSince: null, exempt: false, leftOn: null, leftReason: null, candidateId: null, createdAt: '2026-12-01T08:00:00+07:00', updatedAt: '2026-12-01T08:00:00+07:00' }));
  const made = await packAndRecord(cb015.ctx, { kind: 'unit-report', to: 'DUK01', label: '2026Q4', data: { ...data, members: broken }, counts: {} });
  const buggy = await importBundle(superior.ctx, file(made));
  if (buggy.summary?.quarantined !== BAD_RECORDS) {
    throw new Error(`the buggy report should quarantine ${BAD_RECORDS} records: ${buggy.message}`);
  }
  cb015.database.close();

  // CB016 renamed itself in Cài đặt; its next report states the new name, which the superior holds for confirmation.
  const cb016 = await enrolled(superior, 'CB016');
  updateUnitProfile(cb016.ctx, { name: 'Chi bộ Phòng Kế hoạch' });
  await importBundle(superior.ctx, file(await exportUnitReport(cb016.ctx, '2026Q4')));
  cb016.database.close();
  superior.database.close();

  host = await startHost(dir);
  await api(host, 'session:unlock', { secret: PASSPHRASE });
  browser = await launchBrowser();
  page = browser.page;
  page.setDefaultTimeout(20_000);
  await page.goto(host.url);
  // A superior lands on its dashboard once the app has started; moving to another page before then races that landing.
  await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('a unit\'s bad export and a restored unit, at the superior', () => {
  it('holds a unit\'s rename until the officer confirms it', async () => {
    await page.goto(`${host.origin}/#/units`);
    const row = page.getByTestId('unit-row').filter({ hasText: 'CB016' });
    expect(await row.textContent()).toContain('Chi bộ CB016');
    expect(await row.textContent()).toContain('Báo đổi tên/cấp — chờ xác nhận');
    await row.getByRole('link', { name: 'Chi bộ CB016' }).click();
    const card = page.getByTestId('pending-change');
    await card.waitFor();
    expect(await card.textContent()).toContain('Chi bộ CB016 → Chi bộ Phòng Kế hoạch');
    await screenshot(page, 'sync-superior-pending-rename');
    await card.getByRole('button', { name: 'Xác nhận thay đổi' }).click();
    await page.getByRole('heading', { name: 'Chi bộ Phòng Kế hoạch', level: 1 }).waitFor();
    await expect.poll(() => card.count()).toBe(0);
  });

  it('reads a long quarantine list 50 rows at a time, with the total', async () => {
    await page.goto(`${host.origin}/#/units/CB015`);
    const card = page.getByTestId('quarantine');
    await card.getByRole('heading', { name: `Bản ghi bị cách ly (${BAD_RECORDS})` }).waitFor();
    const rows = card.getByRole('table', { name: 'Bản ghi bị cách ly' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(50);
    const pager = page.getByTestId('quarantine-pager');
    expect(await pager.textContent()).toContain('1–50 trong 120');
    expect(await pager.getByRole('button', { name: '← Trang trước' }).isDisabled()).toBe(true);
    await pager.getByRole('button', { name: 'Trang sau →' }).click();
    await pager.getByText('51–100 trong 120').waitFor();
    expect(await rows.first().textContent()).toContain('m-050');
    await pager.getByRole('button', { name: 'Trang sau →' }).click();
    await pager.getByText('101–120 trong 120').waitFor();
    await expect.poll(() => rows.count()).toBe(20);
    expect(await pager.getByRole('button', { name: 'Trang sau →' }).isDisabled()).toBe(true);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'sync-superior-quarantine-paged');
  });

  it('accepts the restored unit\'s new numbering only with the code read aloud', async () => {
    await page.goto(`${host.origin}/#/units/CB014`);
    const card = page.getByTestId('accept-numbering');
    await card.getByRole('heading', { name: 'Chấp nhận cách đánh số mới của đơn vị' }).waitFor();
    expect(await card.textContent()).toContain('Có 1 tệp của Chi bộ CB014 bị giữ lại');
    // Its one quarantined file is listed, although the last unit's list was left on its third page.
    const held = page.getByTestId('quarantine').getByRole('table', { name: 'Bản ghi bị cách ly' }).locator('tbody tr');
    await expect.poll(() => held.count()).toBe(1);
    expect(await held.textContent()).toContain('Hỏi lại đơn vị');
    const input = card.getByLabel('Mã vân tay đơn vị đọc qua điện thoại');
    const accept = card.getByRole('button', { name: 'Chấp nhận cách đánh số mới' });
    await input.fill('1111 2222 3333 4444 5555');
    await accept.click();
    await card.getByText('Mã vân tay không khớp', { exact: false }).waitFor();
    await screenshot(page, 'sync-superior-accept-numbering-mismatch');

    await input.fill(cb014Code);
    await accept.click();
    await page.getByTestId('numbering-accepted').waitFor();
    await expect.poll(() => card.count()).toBe(0);
    const state = (await page.getByTestId('unit-state').textContent()) ?? '';
    expect(state).toContain('Số 2 · Báo cáo 2026Q4');
    expect(state).toContain('Không thiếu gói nào');
    await screenshot(page, 'sync-superior-accept-numbering-done');
  });
});
