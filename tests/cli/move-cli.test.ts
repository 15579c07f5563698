import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TargetTable } from '../../electron/core/model/target-table';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

const env = { PTDV_PASSPHRASE: 'mat-khau-kiem-thu', PTDV_TODAY: '2026-12-28' };
/** CB012 confirms its move to DU002 on this day: the fourth quarter is DU002's, the third still DU001's. */
const MOVED_ON = '2026-10-01';

async function ok(argv: string[], today = env.PTDV_TODAY): Promise<{ stdout: string; stderr: string }> {
  const r = await runCli(argv, { ...env, PTDV_TODAY: today });
  if (r.code !== 0) {
    throw new Error(`ptdv ${argv.join(' ')} → ${r.code}\n${r.stdout}\n${r.stderr}`);
  }
  return r;
}

type Counts = { code: string; candidates: number; flows: { admitted: number } };
type Report = { units: Counts[]; total: Counts | null; groups: (Counts & { units: Counts[] })[] };

/** Khối → 2 đảng ủy cơ sở → 3 chi bộ each, plus one chi bộ directly under the Khối (as in three-levels.test.ts). */
const TREE: { code: string; level: 'dang-bo-co-so' | 'chi-bo'; parent: string; candidates?: number }[] = [
  { code: 'DU001', level: 'dang-bo-co-so', parent: 'DUK01' },
  { code: 'DU002', level: 'dang-bo-co-so', parent: 'DUK01' },
  { code: 'CB011', level: 'chi-bo', parent: 'DU001', candidates: 5 },
  { code: 'CB012', level: 'chi-bo', parent: 'DU001', candidates: 8 },
  { code: 'CB013', level: 'chi-bo', parent: 'DU001', candidates: 4 },
  { code: 'CB021', level: 'chi-bo', parent: 'DU002', candidates: 6 },
  { code: 'CB022', level: 'chi-bo', parent: 'DU002', candidates: 3 },
  { code: 'CB023', level: 'chi-bo', parent: 'DU002', candidates: 7 },
  { code: 'CB031', level: 'chi-bo', parent: 'DUK01', candidates: 5 },
];
const CELLS = TREE.filter((u) => u.level === 'chi-bo');
const PERIODS = ['2026-Q3', '2026-Q4', '2026'];

describe('a chi bộ moving between đảng ủy cơ sở, through the ptdv CLI', () => {
  it('is counted once at every level, under DU001 before the move and under DU002 after', async () => {
    const dir = tempDir();
    const db = (code: string) => join(dir, `${code}.db`);
    const trust = (code: string) => join(dir, `${code}.trust.json`);
    const enrol = async (code: string, parent: string, extra: string[] = [], today = env.PTDV_TODAY) => {
      const request = await ok(['enrol', 'request', '--db', db(code), '--trust', trust(parent), '--out', join(dir, 'len'), ...extra], today);
      const readAloud = /Mã vân tay của đơn vị gửi: (.+)/.exec(request.stderr)?.[1] ?? '';
      await ok(['enrol', 'accept', '--db', db(parent), request.stdout.trim()]);
      await ok(['enrol', 'confirm', '--db', db(parent), '--code', code, '--fingerprint', readAloud]);
      return request;
    };
    const exportBundle = async (code: string) => (await ok(['bundle', 'export', '--db', db(code), '--label', '2026Q4', '--out', join(dir, code)])).stdout.trim();
    const importInto = async (code: string, ...files: string[]) => (await ok(['bundle', 'import', '--db', db(code), ...files])).stdout;
    const report = async (file: string, period: string, all: boolean): Promise<Report> => {
      const out = join(dir, `r-${Math.random().toString(36).slice(2)}.json`);
      await ok(['report', '--db', file, '--period', period, '--format', 'json', '--out', out, ...(all ? ['--all'] : [])]);
      return JSON.parse(readFileSync(out, 'utf8')) as Report;
    };
    const counted = (r: Report) => Object.fromEntries(r.units.filter((u) => u.candidates > 0).map((u) => [u.code, u.candidates]));

    await ok(['init', '--db', db('DUK01'), '--code', 'DUK01', '--name', 'Đảng ủy Khối Doanh nghiệp', '--level', 'cap-tren']);
    await ok(['keys', 'export-trust', '--db', db('DUK01'), '--out', trust('DUK01')]);
    for (const unit of TREE) {
      await ok(['init', '--db', db(unit.code), '--code', unit.code, '--name', `Đơn vị ${unit.code}`, '--level', unit.level, '--parent', unit.parent]);
      await enrol(unit.code, unit.parent);
      if (unit.level === 'dang-bo-co-so') {
        await ok(['keys', 'export-trust', '--db', db(unit.code), '--out', trust(unit.code)]);
      }
    }
    for (const [i, cell] of CELLS.entries()) {
      await ok(['demo', '--db', db(cell.code), '--candidates', String(cell.candidates), '--seed', String(60 + i)]);
      const bundle = await exportBundle(cell.code);
      await importInto(cell.parent === 'DUK01' ? 'DUK01' : cell.parent, bundle);
    }
    await importInto('DUK01', await exportBundle('DU001'), await exportBundle('DU002'));

    // What each chi bộ counts itself, per period: the Khối's total must be their sum, each chi bộ once.
    const own = Object.fromEntries(await Promise.all(PERIODS.map(async (p) => [p, await Promise.all(CELLS.map(async (c) => (await report(db(c.code), p, false)).units[0]!))] as const)));
    const sum = (period: string, pick: (u: Counts) => number) => own[period]!.reduce((s, u) => s + pick(u), 0);
    const expectKhoiIsTheSum = async (file: string) => {
      for (const period of PERIODS) {
        const khoi = await report(file, period, true);
        expect({ period, candidates: khoi.total?.candidates, admitted: khoi.total?.flows.admitted }).toEqual({ period, candidates: sum(period, (u) => u.candidates), admitted: sum(period, (u) => u.flows.admitted) });
        expect(khoi.units.filter((u) => u.code === 'CB012')).toHaveLength(1);
      }
    };
    expect(sum('2026', (u) => u.flows.admitted)).toBeGreaterThan(0);
    await expectKhoiIsTheSum(db('DUK01'));
    expect(counted(await report(db('DU001'), '2026-Q4', true))).toEqual({ CB011: 5, CB012: 8, CB013: 4 });

    // The move: re-enrolment under DU002 on MOVED_ON, which prompts for the notice to the old superior.
    const moved = await enrol('CB012', 'DU002', ['--move'], MOVED_ON);
    expect(moved.stderr).toContain('Báo cho cấp trên cũ biết đơn vị đã chuyển đi: ptdv enrol move-notice');
    const notice = await ok(['enrol', 'move-notice', '--db', db('CB012'), '--out', join(dir, 'CB012')]);
    expect(notice.stdout.trim()).toMatch(/CB012_DU001_CHUYENDI_s000003\.ptdv$/);
    expect(notice.stderr).toContain('tệp báo đơn vị đã chuyển sang DU002 từ ngày 01/10/2026');
    expect(await importInto('DU001', notice.stdout.trim())).toContain('Đơn vị CB012 đã chuyển sang DU002 (Đơn vị DU002) từ ngày 01/10/2026');
    expect(await importInto('DU002', await exportBundle('CB012'))).toContain('Đơn vị CB012 chuyển đến từ DU001 (Đơn vị DU001) từ ngày 01/10/2026');
    expect((await ok(['units', 'list', '--db', db('DU001')])).stdout).toMatch(/^CB012\t.*8 người.*; ĐÃ CHUYỂN ĐI từ 01\/10\/2026 sang DU002 \(Đơn vị DU002\)$/m);

    // The old ĐUCS counts CB012 for the quarter that ended before the move, not after; the new one the other way round.
    // A quarter counts the dossiers with a record by its last day, as each chi bộ's own report of it does.
    const q3 = Object.fromEntries(own['2026-Q3']!.map((u) => [u.code, u.candidates]));
    expect(counted(await report(db('DU001'), '2026-Q3', true))).toEqual({ CB011: q3.CB011, CB012: q3.CB012, CB013: q3.CB013 });
    expect(q3.CB012).toBeGreaterThan(0);
    expect(counted(await report(db('DU001'), '2026-Q4', true))).toEqual({ CB011: 5, CB013: 4 });
    expect(counted(await report(db('DU001'), '2026', true))).toEqual({ CB011: 5, CB013: 4 });
    expect(counted(await report(db('DU002'), '2026-Q3', true))).toEqual({ CB021: q3.CB021, CB022: q3.CB022, CB023: q3.CB023 });
    expect(counted(await report(db('DU002'), '2026-Q4', true))).toEqual({ CB012: 8, CB021: 6, CB022: 3, CB023: 7 });
    for (const period of PERIODS) {
      const [du1, du2] = [await report(db('DU001'), period, true), await report(db('DU002'), period, true)];
      const cb031 = own[period]!.find((u) => u.code === 'CB031')!;
      expect({ period, candidates: (du1.total?.candidates ?? 0) + (du2.total?.candidates ?? 0) + cb031.candidates }).toEqual({ period, candidates: sum(period, (u) => u.candidates) });
    }

    // Both ĐUCS re-export; the Khối takes them in either order and still counts each chi bộ once.
    const [du1Bundle, du2Bundle] = [await exportBundle('DU001'), await exportBundle('DU002')];
    const khoiCopy = join(dir, 'DUK01-copy.db');
    for (const suffix of ['', '.key']) {
      writeFileSync(`${khoiCopy}${suffix}`, readFileSync(`${db('DUK01')}${suffix}`));
    }
    expect(await importInto('DUK01', du2Bundle)).toContain('Đơn vị CB012 chuyển từ DU001 (Đơn vị DU001) sang DU002 (Đơn vị DU002) từ ngày 01/10/2026.');
    expect(await importInto('DUK01', du1Bundle)).toContain('Không thay hồ sơ của CB012 gửi DU001 có trước khi đơn vị chuyển sang DU002 từ ngày 01/10/2026; giữ bản mới hơn.');
    expect((await ok(['bundle', 'import', '--db', khoiCopy, du1Bundle, du2Bundle])).stdout).toContain('Đơn vị CB012 chuyển từ DU001');
    for (const file of [db('DUK01'), khoiCopy]) {
      await expectKhoiIsTheSum(file);
      const list = (await ok(['units', 'list', '--db', file])).stdout;
      expect(list.match(/^CB012\t/gm)).toHaveLength(1);
      expect(list).not.toContain('ĐÃ CHUYỂN ĐI');
      // Per đảng ủy cơ sở, the Khối's report puts CB012 under DU001 for the third quarter and under DU002 after.
      const under = async (period: string) => Object.fromEntries((await report(file, period, true)).groups.map((g) => [g.code, g.units.map((u) => u.code).includes('CB012')]));
      expect(await under('2026-Q3')).toMatchObject({ DU001: true, DU002: false });
      expect(await under('2026-Q4')).toMatchObject({ DU001: false, DU002: true });
      // Over the year the Khối counts CB012 under DU002, where it stood at the year's end.
      const table = JSON.parse((await ok(['targets', 'table', '--db', file, '--year', '2026', '--json'])).stdout) as TargetTable;
      expect(Object.fromEntries(table.rows.map((r) => [r.code, r.unitsBelow]))).toEqual({ CB031: 0, DU001: 2, DU002: 4 });
    }
  }, 900_000);

  it('units move-out records by hand a unit that cannot send, and refuses bad input with exit 2, changing nothing', async () => {
    const dir = tempDir();
    const db = (code: string) => join(dir, `${code}.db`);
    await ok(['init', '--db', db('DU001'), '--code', 'DU001', '--name', 'Đảng ủy Công ty Điện lực', '--level', 'dang-bo-co-so']);
    await ok(['keys', 'export-trust', '--db', db('DU001'), '--out', join(dir, 'DU001.json')]);
    await ok(['init', '--db', db('CB013'), '--code', 'CB013', '--name', 'Chi bộ Phân xưởng 3', '--level', 'chi-bo', '--parent', 'DU001']);
    const request = await ok(['enrol', 'request', '--db', db('CB013'), '--trust', join(dir, 'DU001.json'), '--out', join(dir, 'len')]);
    await ok(['enrol', 'accept', '--db', db('DU001'), request.stdout.trim()]);
    const list = async () => (await ok(['units', 'list', '--db', db('DU001')])).stdout;
    const before = await list();
    for (const [args, message] of [
      [['--unit', 'CB013', '--date', '2026-02-30', '--to', 'DU002'], 'Ngày chuyển "2026-02-30" không hợp lệ'],
      [['--unit', 'CB013', '--date', '2027-01-04', '--to', 'DU002'], 'Ngày chuyển 04/01/2027 chưa đến'],
      [['--unit', 'CB099', '--date', '2026-11-01', '--to', 'DU002'], 'Không có đơn vị trực thuộc mã CB099.'],
      [['--unit', 'CB013', '--date', '2026-11-01', '--to', 'CB013'], 'Cấp trên mới phải là một đơn vị khác, không phải CB013.'],
    ] as const) {
      const r = await runCli(['units', 'move-out', '--db', db('DU001'), ...args], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    }
    expect(await list()).toBe(before);
    expect((await ok(['units', 'move-out', '--db', db('DU001'), '--unit', 'cb013', '--date', '2026-11-01', '--to', 'DU002', '--to-name', 'Đảng ủy Công ty Cấp nước'])).stdout).toBe(
      'Đã ghi nhận: CB013 chuyển sang DU002 từ ngày 01/11/2026. Đơn vị được giữ lại với lịch sử, chỉ tính trong các kỳ kết thúc trước ngày đó.\n',
    );
    expect(await list()).toMatch(/^CB013\t.*; ĐÃ CHUYỂN ĐI từ 01\/11\/2026 sang DU002 \(Đảng ủy Công ty Cấp nước\)$/m);
  }, 300_000);
});
