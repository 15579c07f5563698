import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../electron/core/services/dashboard-service';
import { freezeReport } from '../../electron/core/services/report-service';
import { dashboardSchema } from '../../electron/core/model/dashboard';
import { runCli } from '../helpers/cli';
import { TEST_PASSPHRASE } from '../helpers/db';
import { recordSuperior, superiorContext } from '../services/report-fixtures';

const AS_OF = '2026-11-23';
const env = { PTDV_PASSPHRASE: TEST_PASSPHRASE, PTDV_TODAY: AS_OF };
const ptdv = (argv: string[]) => runCli(argv, env);

describe('ptdv dashboard, report list-frozen, rulebook, calendar at a superior (recordSuperior)', () => {
  let dir = '';
  let db = '';
  let expected: ReturnType<typeof buildDashboard>;
  // One database for the whole file: each step builds on the previous one as an office's batch run would.
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ptdv-oversight-cli-'));
    const made = superiorContext(AS_OF, dir);
    recordSuperior(made.ctx);
    freezeReport(made.ctx, { period: '2026-Q3', all: true, number: '12-BC/ĐUK', issuedOn: '2026-10-05', reason: null });
    expected = buildDashboard(made.database.db, { year: 2026, asOf: AS_OF });
    made.database.close();
    db = made.file;
  });

  it('dashboard --json is the window’s dashboard, the total equal to the units’ sum', async () => {
    const r = await ptdv(['dashboard', '--db', db, '--year', '2026', '--json']);
    expect(r.code).toBe(0);
    const d = dashboardSchema.parse(JSON.parse(r.stdout));
    expect(d).toEqual(expected);
    expect(d.units.map((u) => [u.code, u.admissions])).toEqual([
      ['CB01', 2],
      ['CB02', 1],
      ['CB03', 0],
    ]);
    expect(d.total.admissions).toBe(3);
  });

  it('dashboard prints one Vietnamese line per unit and the units without an admission', async () => {
    const r = await ptdv(['dashboard', '--db', db, '--year', '2026']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Tổng quan năm 2026 — Đảng ủy Khối Doanh nghiệp');
    expect(r.stdout).toMatch(/CB01 Chi bộ Cơ khí\t\d+\t2\t/);
    expect(r.stdout).toMatch(/Tổng cộng\t\d+\t3\t/);
    expect(r.stdout).toContain('Chưa kết nạp được ai trong năm: CB03');
    // The same person followed in two units (CB02's b2, CB03's c1), as the JSON and the app's Tổng quan say.
    expect(r.stdout).toMatch(/Cùng một người có hồ sơ ở nhiều đơn vị \(1\):\n  .+, sinh 10\/05\/1998: CB0[23] \(.+\), CB0[23] \(.+\)/);
  });

  it('dashboard of a chi bộ prints its own line once, named, with no second line of totals', async () => {
    const cell = join(dir, 'cb.db');
    expect((await ptdv(['init', '--db', cell, '--code', 'CB09', '--name', 'Chi bộ Kho vận', '--level', 'chi-bo'])).code).toBe(0);
    const r = await ptdv(['dashboard', '--db', cell, '--year', '2026']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.includes('\t') && !l.startsWith('Đơn vị'));
    expect(lines).toEqual([expect.stringMatching(/^CB09 Chi bộ Kho vận\t0\t0\t/)]);
  });

  it('dashboard refuses a bad year with exit 2 and a Vietnamese message', async () => {
    const r = await ptdv(['dashboard', '--db', db, '--year', 'hai nghìn']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--year cần là năm');
    expect((await ptdv(['dashboard', '--db', db])).stderr).toContain('Thiếu tham số bắt buộc --year');
  });

  it('dashboard people lists as many people as the dashboard counts, and refuses a count it does not know with exit 2', async () => {
    const admitted = await ptdv(['dashboard', 'people', '--db', db, '--year', '2026', '--count', 'admissions', '--json']);
    expect(admitted.code).toBe(0);
    const list = JSON.parse(admitted.stdout) as { total: number; rows: { fullName: string; unitCode: string }[] };
    expect(list.total).toBe(expected.total.admissions);
    expect(list.rows).toHaveLength(list.total);
    const unit = expected.units.find((u) => u.code === 'CB02')!;
    const stage = unit.funnel.find((f) => f.count > 0)!;
    const atStage = await ptdv(['dashboard', 'people', '--db', db, '--year', '2026', '--count', 'stage', '--stage', stage.stage, '--unit', 'CB02']);
    expect(atStage.code).toBe(0);
    expect(atStage.stdout.split('\n')[0]).toBe(`${stage.count} người (tính đến ${AS_OF.split('-').reverse().join('/')})`);
    // Birth dates as a secretary writes them, like every other date the CLI prints.
    expect(atStage.stdout.split('\n')[1]).toMatch(/^[^\t]+\t\d{2}\/\d{2}\/\d{4}\tCB02 /);
    const flow = await ptdv(['dashboard', 'people', '--db', db, '--year', '2026', '--count', 'flow', '--flow', 'admitted', '--from', '2026-01-01', '--json']);
    expect((JSON.parse(flow.stdout) as { total: number }).total).toBe(expected.total.admissions);
    const bad = await ptdv(['dashboard', 'people', '--db', db, '--year', '2026', '--count', 'everyone']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('count');
  });

  it('report list-frozen lists the frozen report, as text and JSON, filtered by period', async () => {
    const text = await ptdv(['report', 'list-frozen', '--db', db]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('DUK01\t2026-Q3\tsố 12-BC/ĐUK\tngày 05/10/2026\tphiên bản 1');
    const json = await ptdv(['report', 'list-frozen', '--db', db, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject([{ unitCode: 'DUK01', period: '2026-Q3', version: 1, number: '12-BC/ĐUK' }]);
    expect((await ptdv(['report', 'list-frozen', '--db', db, '--period', '2026-Q4'])).stdout).toContain('Chưa có báo cáo nào được lưu.');
    expect((await ptdv(['report', 'list-frozen', '--db', db, '--period', 'quý 4'])).code).toBe(2);
  });

  it('rulebook import adds a book that rulebook list shows; a broken file changes nothing', async () => {
    const book = join(dir, 'book.json');
    writeFileSync(book, JSON.stringify({ format: 'ptdv.rulebook/1', version: '2031-thu', title: 'Thử', rules: [{ id: 'mentor', parameters: {}, validFrom: '2031-01-01', validTo: '2031-12-31', source: 'Thử nghiệm' }] }));
    const before = await ptdv(['rulebook', 'list', '--db', db, '--json']);
    expect(before.code).toBe(0);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "format": ');
    const bad = await ptdv(['rulebook', 'import', '--db', db, broken]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Không đọc được tệp JSON');
    expect((await ptdv(['rulebook', 'list', '--db', db, '--json'])).stdout).toBe(before.stdout);

    const ok = await ptdv(['rulebook', 'import', '--db', db, book]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Đã nhập bộ quy tắc 2031-thu (Thử).');
    const list = await ptdv(['rulebook', 'list', '--db', db]);
    expect(list.stdout).toContain('Áp dụng cho việc làm ngày 2026-11-23: bộ 2021-07-30');
    expect(list.stdout).toMatch(/2031-thu\tThử\ttừ 2031-01-01 đến 2031-12-31\t1 quy tắc/);
  });

  it('calendar add then confirm a day; confirming an unknown day exits 1; a bad kind exits 2', async () => {
    const add = await ptdv(['calendar', 'add', '--db', db, '--date', '2026-12-31', '--kind', 'compensatory', '--name', 'Nghỉ bù Tết Dương lịch']);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Đã ghi 2026-12-31 — nghỉ bù — Nghỉ bù Tết Dương lịch — chưa xác nhận');
    const confirm = await ptdv(['calendar', 'confirm', '--db', db, '--date', '2026-12-31', '--source', 'Thông báo 123/TB-BLĐTBXH']);
    expect(confirm.code).toBe(0);
    const entries = JSON.parse((await ptdv(['calendar', 'list', '--db', db, '--year', '2026', '--json'])).stdout);
    expect(entries.find((e: { date: string }) => e.date === '2026-12-31')).toEqual({ date: '2026-12-31', kind: 'compensatory', name: 'Nghỉ bù Tết Dương lịch', source: 'Thông báo 123/TB-BLĐTBXH', confirmed: true });
    expect((await ptdv(['calendar', 'list', '--db', db, '--year', '2026'])).stdout).toContain('2026-12-31\tnghỉ bù\tNghỉ bù Tết Dương lịch\tđã xác nhận');

    const unknown = await ptdv(['calendar', 'confirm', '--db', db, '--date', '2026-12-30']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Lịch chưa có ngày 2026-12-30');
    const badKind = await ptdv(['calendar', 'add', '--db', db, '--date', '2026-12-29', '--kind', 'tet', '--name', 'Tết']);
    expect(badKind.code).toBe(2);
    expect(JSON.parse((await ptdv(['calendar', 'list', '--db', db, '--json'])).stdout).some((e: { date: string }) => e.date === '2026-12-29')).toBe(false);
  });
});
