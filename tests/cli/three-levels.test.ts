import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { ageDecrypt, decompressTar, packBundle, packForwarded, readForwarded, readTar } from '../../electron/core/domain/bundles/index';
import { fixedClock } from '../../electron/core/ports';
import type { TargetTable } from '../../electron/core/model/target-table';
import { ownKeys } from '../../electron/core/services/key-service';
import { requireTool } from '../core/bundles/fixtures';
import { runCli } from '../helpers/cli';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

const env = { PTDV_PASSPHRASE: 'mat-khau-kiem-thu', PTDV_TODAY: '2026-12-28' };

async function ok(argv: string[]): Promise<string> {
  const r = await runCli(argv, env);
  if (r.code !== 0) {
    throw new Error(`ptdv ${argv.join(' ')} → ${r.code}\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

type Progress = { period: string; targetCount: number; achieved: number; units: number };
type Report = {
  units: { code: string; candidates: number; flows: { admitted: number }; targets: Progress[] }[];
  total: { candidates: number; flows: { admitted: number }; targets: Progress[] } | null;
};

/** Khối → 2 đảng ủy cơ sở → 3 chi bộ each, plus one chi bộ directly under the Khối, as people set them up. */
const TREE: { code: string; level: 'dang-bo-co-so' | 'chi-bo'; parent: string; candidates?: number }[] = [
  { code: 'DU001', level: 'dang-bo-co-so', parent: 'DUK01' },
  { code: 'DU002', level: 'dang-bo-co-so', parent: 'DUK01' },
  { code: 'CB011', level: 'chi-bo', parent: 'DU001', candidates: 9 },
  { code: 'CB012', level: 'chi-bo', parent: 'DU001', candidates: 14 },
  { code: 'CB013', level: 'chi-bo', parent: 'DU001', candidates: 6 },
  { code: 'CB021', level: 'chi-bo', parent: 'DU002', candidates: 11 },
  { code: 'CB022', level: 'chi-bo', parent: 'DU002', candidates: 7 },
  { code: 'CB023', level: 'chi-bo', parent: 'DU002', candidates: 12 },
  { code: 'CB031', level: 'chi-bo', parent: 'DUK01', candidates: 10 },
];
const CELLS = TREE.filter((u) => u.level === 'chi-bo');

describe('three levels through the ptdv CLI: chi bộ → đảng ủy cơ sở → Đảng ủy Khối', () => {
  beforeAll(() => {
    for (const tool of ['age', 'ssh-keygen', 'sha256sum', 'tar']) {
      requireTool(tool);
    }
  });

  it('the Khối counts every chi bộ once, checks each one’s own signature, and refuses a tampered one', async () => {
    const dir = tempDir();
    const db = (code: string) => join(dir, `${code}.db`);
    const trust = (code: string) => join(dir, `${code}.trust.json`);
    await ok(['init', '--db', db('DUK01'), '--code', 'DUK01', '--name', 'Đảng ủy Khối Doanh nghiệp', '--level', 'cap-tren']);
    await ok(['keys', 'export-trust', '--db', db('DUK01'), '--out', trust('DUK01')]);
    for (const unit of TREE) {
      await ok(['init', '--db', db(unit.code), '--code', unit.code, '--name', `Đơn vị ${unit.code}`, '--level', unit.level, '--parent', unit.parent]);
      const request = await runCli(['enrol', 'request', '--db', db(unit.code), '--trust', trust(unit.parent), '--out', join(dir, 'len')], env);
      expect(request.code).toBe(0);
      const readAloud = /Mã vân tay của đơn vị gửi: (.+)/.exec(request.stderr)?.[1] ?? '';
      await ok(['enrol', 'accept', '--db', db(unit.parent), request.stdout.trim()]);
      await ok(['enrol', 'confirm', '--db', db(unit.parent), '--code', unit.code, '--fingerprint', readAloud]);
      if (unit.level === 'dang-bo-co-so') {
        await ok(['keys', 'export-trust', '--db', db(unit.code), '--out', trust(unit.code)]);
      }
    }
    const cellBundles: Record<string, string> = {};
    for (const [i, cell] of CELLS.entries()) {
      await ok(['demo', '--db', db(cell.code), '--candidates', String(cell.candidates), '--seed', String(40 + i)]);
      cellBundles[cell.code] = (await ok(['bundle', 'export', '--db', db(cell.code), '--label', '2026Q4', '--out', join(dir, cell.code)])).trim();
      if (cell.parent !== 'DUK01') {
        await ok(['bundle', 'import', '--db', db(cell.parent), cellBundles[cell.code]!]);
      }
    }
    const ducsBundles: Record<string, string> = {};
    for (const ducs of ['DU001', 'DU002']) {
      ducsBundles[ducs] = (await ok(['bundle', 'export', '--db', db(ducs), '--label', '2026Q4', '--out', join(dir, ducs)])).trim();
    }

    // A correctly signed ĐUCS bundle whose forwarded CB022 snapshot was changed after CB022 signed it.
    const khoiCopy = join(dir, 'DUK01-copy.db');
    for (const suffix of ['', '.key']) {
      writeFileSync(`${khoiCopy}${suffix}`, readFileSync(`${db('DUK01')}${suffix}`));
    }
    const tampered = await tamperInner(db('DU002'), ducsBundles.DU002!, 'CB022', join(dir, 'tampered'));
    const refused = await runCli(['bundle', 'import', '--db', khoiCopy, tampered], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^applied +DU002_DUK01_2026Q4_s000002\.ptdv/);
    expect(refused.stdout).toContain('Từ chối hồ sơ chuyển tiếp của CB022 [INNER_HASH_MISMATCH]: Hồ sơ chuyển tiếp không khớp với mã băm đơn vị cấp dưới đã ký');
    expect(await ok(['units', 'list', '--db', khoiCopy])).not.toContain('CB022');
    expect(await ok(['units', 'list', '--db', khoiCopy])).toContain('CB021');

    await ok(['bundle', 'import', '--db', db('DUK01'), ducsBundles.DU001!, ducsBundles.DU002!, cellBundles.CB031!]);

    const report = async (file: string, all: boolean): Promise<Report> => {
      const out = join(dir, `r-${Math.random().toString(36).slice(2)}.json`);
      await ok(['report', '--db', file, '--period', '2026', '--format', 'json', '--out', out, ...(all ? ['--all'] : [])]);
      return JSON.parse(readFileSync(out, 'utf8')) as Report;
    };
    const cells = await Promise.all(CELLS.map(async (c) => (await report(db(c.code), false)).units[0]!));
    const khoi = await report(db('DUK01'), true);
    const sum = (pick: (u: Report['units'][number]) => number) => cells.reduce((s, u) => s + pick(u), 0);
    expect(sum((u) => u.candidates)).toBe(69);
    expect(sum((u) => u.flows.admitted)).toBeGreaterThan(0);
    expect(khoi.total?.candidates).toBe(sum((u) => u.candidates));
    expect(khoi.total?.flows.admitted).toBe(sum((u) => u.flows.admitted));
    expect(Object.fromEntries(khoi.units.filter((u) => u.candidates > 0).map((u) => [u.code, u.candidates]))).toEqual(Object.fromEntries(CELLS.map((c) => [c.code, c.candidates])));

    // Targets cascade: the Khối gives DU001 a year target, DU001 splits it among its chi bộ in the XLSX table, and
    // each level tracks the same admissions (the Khối over DU001's mirrored subtree, DU001 per chi bộ, each chi bộ its own).
    const table = async (code: string): Promise<TargetTable> => JSON.parse(await ok(['targets', 'table', '--db', db(code), '--year', '2026', '--json'])) as TargetTable;
    const admitted = Object.fromEntries(CELLS.map((c, i) => [c.code, cells[i]!.flows.admitted]));
    const du001Admitted = admitted.CB011! + admitted.CB012! + admitted.CB013!;
    await ok(['targets', 'set', '--db', db('DUK01'), '--year', '2026', '--count', '12', '--unit', 'DU001']);
    const send = async (from: string, to: string) => {
      const bundle = (await ok(['directive', 'export', '--db', db(from), '--to', to, '--out', join(dir, `d-${from}-${to}`)])).trim();
      await ok(['directive', 'import', '--db', db(to), bundle]);
    };
    await send('DUK01', 'DU001');

    const xlsx = join(dir, 'DU001-targets.xlsx');
    await ok(['targets', 'export', '--db', db('DU001'), '--year', '2026', '--out', xlsx]);
    const fill = async (values: Record<string, [string, number | string | null]>, out: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsx);
      wb.worksheets[0]!.eachRow((row) => {
        const v = values[String(row.getCell(1).value)];
        if (v) {
          row.getCell(4).value = v[0];
          row.getCell(5).value = v[1];
        }
      });
      await wb.xlsx.writeFile(out);
      return out;
    };
    // A typo and a unit that is not DU001's refuse the whole file, naming the row and column; nothing is saved.
    const typo = await runCli(['targets', 'import', '--db', db('DU001'), await fill({ CB011: ['người', 5], CB012: ['người', 'bốn'] }, join(dir, 'typo.xlsx'))], env);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/dòng 10, cột E \(Chỉ tiêu\): "bốn" không phải là số/);
    const stranger = await fill({ CB011: ['người', 5] }, join(dir, 'stranger.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(stranger);
    wb.worksheets[0]!.getCell('A11').value = 'CB021';
    await wb.xlsx.writeFile(stranger);
    const foreign = await runCli(['targets', 'import', '--db', db('DU001'), stranger], env);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('dòng 11, cột A (Mã đơn vị): "CB021"');
    expect((await table('DU001')).total.unitsWithTarget).toBe(0);

    await ok(['targets', 'import', '--db', db('DU001'), await fill({ CB011: ['người', 5], CB012: ['người', 4] }, join(dir, 'split.xlsx'))]);
    const ducs = await table('DU001');
    expect(ducs.own).toMatchObject({ source: 'superior', targetCount: 12, achieved: du001Admitted });
    expect(ducs.rows.map((r) => [r.code, r.assigned?.targetCount ?? null, r.achieved])).toEqual([
      ['CB011', 5, admitted.CB011],
      ['CB012', 4, admitted.CB012],
      ['CB013', null, admitted.CB013],
    ]);
    expect(ducs.total).toMatchObject({ units: 3, unitsWithTarget: 2, targetCount: 9, achieved: admitted.CB011! + admitted.CB012! });
    expect(ducs.remainder).toBe(3);
    expect(await ok(['targets', 'table', '--db', db('DU001'), '--year', '2026'])).toContain('còn lại để giao: 3');
    expect(await ok(['targets', 'list', '--db', db('DU001'), '--year', '2026'])).toContain(`DU001\tNăm 2026\t12 người\tđã kết nạp ${du001Admitted} (`);

    const khoiTable = await table('DUK01');
    expect(khoiTable.rows.find((r) => r.code === 'DU001')).toMatchObject({ unitsBelow: 3, assigned: { targetCount: 12 }, achieved: du001Admitted });
    expect(khoiTable.total).toMatchObject({ units: 3, unitsWithTarget: 1, targetCount: 12, achieved: du001Admitted, achievedAllUnits: khoi.total?.flows.admitted });
    // The Khối's report (Tổng quan) counts DU001's target over its chi bộ too, and the total does not count it twice.
    const khoiAfter = await report(db('DUK01'), true);
    expect(khoiAfter.units.find((u) => u.code === 'DU001')?.targets).toEqual([expect.objectContaining({ period: 'year', targetCount: 12, achieved: du001Admitted })]);
    expect(khoiAfter.total?.targets).toEqual([expect.objectContaining({ period: 'year', targetCount: 12, achieved: du001Admitted, units: 1 })]);

    await send('DU001', 'CB011');
    const cellLine = (await ok(['targets', 'list', '--db', db('CB011'), '--year', '2026'])).trim();
    const percent = (Math.round((admitted.CB011! / 5) * 1000) / 10).toLocaleString('vi-VN');
    expect(cellLine).toBe(`CB011\tNăm 2026\t5 người\tđã kết nạp ${admitted.CB011} (${percent}%)\tcấp trên giao`);
  }, 600_000);
});

/** Re-signs the ĐUCS's bundle with the ĐUCS's own key after changing one forwarded snapshot: only the inner signature can tell. */
async function tamperInner(ducsDb: string, bundlePath: string, code: string, outDir: string): Promise<string> {
  const database = openDatabase(ducsDb, env.PTDV_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  try {
    const own = ownKeys({ db: database.db, clock: fixedClock(env.PTDV_TODAY), actor: 'test' });
    const files = await readTar(await decompressTar(await ageDecrypt(readFileSync(bundlePath), own.identities)));
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as Parameters<typeof packBundle>[0]['manifest'];
    const { signers, units } = await readForwarded(files.get('forwarded.tar')!);
    const inner = units.get(code)!;
    const data = JSON.parse(new TextDecoder().decode(inner.get('data.json'))) as { candidates: unknown[] };
    inner.set('data.json', new TextEncoder().encode(`${JSON.stringify({ ...data, candidates: data.candidates.slice(1) })}\n`));
    const forwarded = await packForwarded([...units].map(([c, f]) => ({ code: c, publicKey: signers.get(c)!, files: f })));
    const packed = await packBundle({ manifest, data: JSON.parse(new TextDecoder().decode(files.get('data.json'))), signingKey: own.signing.privateKey, recipients: [manifest.to.ageRecipient], forwarded });
    const path = join(outDir, packed.fileName);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path, packed.bytes);
    return path;
  } finally {
    database.close();
  }
}
