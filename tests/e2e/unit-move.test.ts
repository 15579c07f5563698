import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/client';
import { formatViDate } from '../../electron/core/model/dates';
import { systemClock } from '../../electron/core/ports';
import { exportMoveNotice, exportUnitReport, requestEnrolment } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import type { ServiceContext } from '../../electron/core/services/context';
import { confirmUnit, exportTrustFile } from '../../electron/core/services/key-service';
import { setupUnit } from '../../electron/core/services/unit-service';
import { fillUnit } from '../helpers/sync';
import { MIGRATIONS_DIR } from '../helpers/temp';
import { api, launchBrowser, makeTempDir, screenshot, startHost, type Browser, type Host } from './harness';

// The old superior's units page once a chi bộ moved to another đảng ủy cơ sở: CB012 said so in its last file, CB013
// could not send and the officer records its move by hand. Both stay listed with their history.
const PASSPHRASE = 'mat khau chuyen don vi';

let dir: string;
let host: Host;
let browser: Browser;
let page: Page;
/** A third chi bộ's own app: it confirms its move in the browser and makes the notice for DU001. */
let cellHost: Host;

type Opened = { ctx: ServiceContext; database: Database; file: string };

function create(file: string, setup: Parameters<typeof setupUnit>[1]): Opened {
  const { database } = createDatabase(file, PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  const ctx: ServiceContext = { db: database.db, clock: systemClock, actor: 'e2e' };
  setupUnit(ctx, setup);
  return { ctx, database, file };
}

const file = (made: { bundle: { fileName: string }; bytes: Uint8Array }) => ({ name: made.bundle.fileName, bytes: made.bytes });

async function enrolled(superior: Opened, cell: Opened, options: { move?: boolean } = {}): Promise<void> {
  const outcome = await importBundle(superior.ctx, file(await requestEnrolment(cell.ctx, exportTrustFile(superior.ctx), options)));
  confirmUnit(superior.ctx, outcome.enrolment?.unitCode ?? '', outcome.enrolment?.readAloudCode ?? '');
}

beforeAll(async () => {
  dir = makeTempDir('ptdv-e2e-unit-move-');
  const du1 = create(join(dir, 'ptdv.db'), { code: 'DU001', name: 'Đảng ủy Công ty Điện lực', level: 'dang-bo-co-so', parentCode: 'DUK01' });
  const du2 = create(join(dir, 'DU002.db'), { code: 'DU002', name: 'Đảng ủy Công ty Cấp nước', level: 'dang-bo-co-so', parentCode: 'DUK01' });
  for (const [code, name, n] of [['CB012', 'Chi bộ Phòng Kỹ thuật', 6], ['CB013', 'Chi bộ Phân xưởng 3', 4]] as const) {
    const cell = create(join(dir, `${code}.db`), { code, name, level: 'chi-bo', parentCode: 'DU001' });
    fillUnit(cell, n, n);
    await enrolled(du1, cell);
    await importBundle(du1.ctx, file(await exportUnitReport(cell.ctx, '2026Q3')));
    if (code === 'CB012') {
      await enrolled(du2, cell, { move: true });
      const notice = await importBundle(du1.ctx, file(await exportMoveNotice(cell.ctx)));
      if (notice.status !== 'applied') {
        throw new Error(`the move notice should apply: ${notice.message}`);
      }
    }
    cell.database.close();
  }
  const cellDir = join(dir, 'cb014');
  mkdirSync(join(cellDir, 'files'), { recursive: true });
  const cb014 = create(join(cellDir, 'ptdv.db'), { code: 'CB014', name: 'Chi bộ Phòng Vật tư', level: 'chi-bo', parentCode: 'DU001' });
  await enrolled(du1, cb014);
  writeFileSync(join(cellDir, 'files', 'tin-cay-DU002.json'), exportTrustFile(du2.ctx));
  cb014.database.close();
  du2.database.close();
  du1.database.close();

  [host, cellHost] = await Promise.all([startHost(dir), startHost(cellDir)]);
  await api(host, 'session:unlock', { secret: PASSPHRASE });
  await api(cellHost, 'session:unlock', { secret: PASSPHRASE });
  browser = await launchBrowser();
  page = browser.page;
  page.setDefaultTimeout(20_000);
  await page.goto(host.url);
  await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([host?.stop(), cellHost?.stop()]);
});

describe('the old superior of a chi bộ that moved', () => {
  it('marks the unit that said it moved, and records by hand the one that could not, refusing a bad date', async () => {
    await page.goto(`${host.origin}/#/units`);
    const moved = page.getByTestId('unit-row').filter({ hasText: 'CB012' });
    const today = formatViDate(systemClock.today());
    await expect.poll(async () => moved.textContent()).toContain(`Đã chuyển đi từ ${today} sang Đảng ủy Công ty Cấp nước (DU002)`);
    expect(await moved.textContent()).toContain('Báo cáo cuối, báo chuyển đi');
    expect(await page.getByTestId('unit-row').filter({ hasText: 'CB013' }).textContent()).not.toContain('Đã chuyển đi');

    await page.getByRole('link', { name: 'Chi bộ Phân xưởng 3' }).click();
    const card = page.getByTestId('move-out');
    await card.getByRole('button', { name: 'Ghi nhận đơn vị chuyển đi…' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Gửi chỉ đạo cho đơn vị' }).count()).toBe(1);
    await card.getByRole('button', { name: 'Ghi nhận đơn vị chuyển đi…' }).click();
    await card.getByLabel('Ngày chuyển').fill('31/02/2026');
    await card.getByLabel('Mã cấp trên mới').fill('DU002');
    await card.getByRole('button', { name: 'Ghi nhận chuyển đi' }).click();
    await card.getByText('Nhập ngày chuyển dạng ngày/tháng/năm', { exact: false }).waitFor();
    await card.getByLabel('Ngày chuyển').fill('01/11/2026');
    await card.getByLabel('Mã cấp trên mới').fill('DU001');
    await card.getByRole('button', { name: 'Ghi nhận chuyển đi' }).click();
    await card.getByText('Cấp trên mới phải là một đơn vị khác', { exact: false }).waitFor();
    await screenshot(page, 'unit-move-out-refused');
    await card.getByLabel('Mã cấp trên mới').fill('du002');
    await card.getByLabel('Tên cấp trên mới (nếu biết)').fill('Đảng ủy Công ty Cấp nước');
    await card.getByRole('button', { name: 'Ghi nhận chuyển đi' }).click();
    const done = page.getByTestId('moved-out');
    await done.getByRole('heading', { name: 'Đã chuyển đi từ 01/11/2026 sang Đảng ủy Công ty Cấp nước (DU002)' }).waitFor();
    expect(await done.textContent()).toContain('Việc chuyển do cấp trên ghi nhận.');
    // It answers to its new superior now: nothing to send it from here.
    await expect.poll(() => page.getByRole('heading', { name: 'Gửi chỉ đạo cho đơn vị' }).count()).toBe(0);
    // Its history stays readable, in the last year it counted here.
    await page.getByRole('link', { name: 'Xem hồ sơ và lỗi của đơn vị năm 2025, năm cuối đơn vị được tính ở đây (chỉ xem) →' }).click();
    await page.getByRole('heading', { name: 'Chi bộ Phân xưởng 3', level: 1 }).waitFor();
    await screenshot(page, 'unit-move-history');

    await page.goto(`${host.origin}/#/units`);
    await expect.poll(async () => page.getByTestId('moved-out-badge').count()).toBe(2);
    await screenshot(page, 'unit-move-units-page');
  });

  it('at the chi bộ, confirming the move offers the notice to the old superior', async () => {
    await page.goto(cellHost.url);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Kết nối cấp trên' }).click();
    await page.getByRole('button', { name: 'Chọn tệp tin cậy…' }).click();
    await page.getByRole('button', { name: 'Chọn thư mục…' }).click();
    await page.getByRole('button', { name: 'Tạo gói đăng ký' }).click();
    await page.getByRole('alert').filter({ hasText: 'Tệp tin cậy của DU002 (Đảng ủy Công ty Cấp nước), nhưng cấp trên đã ghi của đơn vị là DU001' }).waitFor();
    await page.getByLabel('Chi bộ chuyển sang trực thuộc cấp trên mới', { exact: false }).check();
    await page.getByRole('button', { name: 'Tạo gói đăng ký' }).click();
    await page.getByTestId('enrolment-made').getByText('CB014_DU002_DANGKY_s000001.ptdv', { exact: true }).waitFor();
    await page.getByText('Gửi báo cáo lên cấp trên (DU002)', { exact: false }).waitFor();
    const notice = page.getByTestId('move-notice');
    await notice.getByRole('button', { name: 'Chọn thư mục…' }).click();
    await notice.getByRole('button', { name: 'Tạo gói báo chuyển đi' }).click();
    await notice.getByTestId('move-notice-made').waitFor();
    expect(await notice.getByTestId('move-notice-made').textContent()).toContain('CB014_DU001_CHUYENDI_s000002.ptdv');
    expect(await notice.getByTestId('move-notice-made').textContent()).toContain('Gửi tệp này cho Đảng ủy Công ty Điện lực (DU001).');
    await notice.scrollIntoViewIfNeeded();
    await screenshot(page, 'unit-move-cell-notice');
  });
});
