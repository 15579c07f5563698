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
import { pdfText, renderPages, toPdf } from '../core/reports/libreoffice';
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
type Figures = {
  code: string;
  candidates: number;
  fullMembersAtYearStart: number;
  flows: { admitted: number } & Record<string, number>;
  stock: Record<string, number>;
  quality: { admissionsThisYear: number };
  targets: Progress[];
};
type Report = {
  units: Figures[];
  groups: (Figures & { units: Figures[] })[];
  total: Figures | null;
  scope: { code: string } | null;
};

/** The figures a TCCSĐ row, a drill-down row and a unit's own report must agree on. */
const counts = (u: Figures) => ({ candidates: u.candidates, fullMembersAtYearStart: u.fullMembersAtYearStart, flows: u.flows, stock: u.stock, admissionsThisYear: u.quality.admissionsThisYear });

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
      const made = await runCli(['bundle', 'export', '--db', db(ducs), '--label', '2026Q4', '--out', join(dir, ducs)], env);
      expect(made.code).toBe(0);
      // The summary names what the bundle carries in Vietnamese, the forwarded chi bộ too.
      expect(made.stderr).toContain('3 đơn vị cấp dưới (chuyển tiếp)');
      expect(made.stderr).not.toContain('forwardedUnits');
      ducsBundles[ducs] = made.stdout.trim();
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
    expect(refused.stderr).toContain('1 tệp: 1 áp dụng; 1 hồ sơ chuyển tiếp bị từ chối.');
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
    // A ĐUCS's report without --all is its tree, as its Báo cáo screen shows it, not its own (empty) line.
    const ducsReport = await report(db('DU001'), false);
    expect([ducsReport.scope?.code, ducsReport.total?.candidates]).toEqual(['DU001', 9 + 14 + 6]);
    const sum = (pick: (u: Report['units'][number]) => number) => cells.reduce((s, u) => s + pick(u), 0);
    expect(sum((u) => u.candidates)).toBe(69);
    expect(sum((u) => u.flows.admitted)).toBeGreaterThan(0);
    expect(khoi.total?.candidates).toBe(sum((u) => u.candidates));
    expect(khoi.total?.flows.admitted).toBe(sum((u) => u.flows.admitted));
    expect(Object.fromEntries(khoi.units.filter((u) => u.candidates > 0).map((u) => [u.code, u.candidates]))).toEqual(Object.fromEntries(CELLS.map((c) => [c.code, c.candidates])));

    // One row per TCCSĐ (each ĐUCS over its whole subtree, the direct chi bộ), its chi bộ as the drill-down: each ĐUCS's
    // row is the ĐUCS's own --all total, each drill-down row the chi bộ's own report, and sums hold at every level.
    expect(khoi.groups.map((g) => [g.code, g.units.map((u) => u.code)])).toEqual([
      ['CB031', []],
      ['DU001', ['CB011', 'CB012', 'CB013']],
      ['DU002', ['CB021', 'CB022', 'CB023']],
    ]);
    const cellReport = Object.fromEntries(CELLS.map((c, i) => [c.code, cells[i]!]));
    for (const ducs of ['DU001', 'DU002']) {
      const own = await report(db(ducs), true);
      const row = khoi.groups.find((g) => g.code === ducs)!;
      expect(counts(row)).toEqual(counts(own.total!));
      row.units.forEach((u) => expect(counts(u)).toEqual(counts(cellReport[u.code]!)));
      expect(row.candidates).toBe(row.units.reduce((s, u) => s + u.candidates, 0));
      expect(row.flows.admitted).toBe(row.units.reduce((s, u) => s + u.flows.admitted, 0));
    }
    expect(counts(khoi.groups[0]!)).toEqual(counts(cellReport.CB031!));
    for (const key of ['candidates', 'fullMembersAtYearStart'] as const) {
      expect(khoi.total?.[key]).toBe(khoi.groups.reduce((s, g) => s + g[key], 0));
    }
    for (const flow of Object.keys(khoi.total!.flows)) {
      expect(khoi.total?.flows[flow]).toBe(khoi.groups.reduce((s, g) => s + g.flows[flow]!, 0));
    }

    // The CLI prints the same rows, the drill-down indented under its TCCSĐ, and the same nested rows as JSON.
    const printed = (await ok(['report', 'units', '--db', db('DUK01'), '--period', '2026', '--all'])).split('\n');
    const du001 = khoi.groups[1]!;
    expect(printed).toContain(`2\tDU001 Đơn vị DU001\t${du001.candidates}\t${du001.fullMembersAtYearStart}\t${du001.flows.admitted}\t${du001.quality.admissionsThisYear}\t—\t${printed.find((l) => l.startsWith('2\t'))!.split('\t')[7]}`);
    expect(printed.findIndex((l) => l.startsWith('  2.1\t  CB011 Đơn vị CB011\t9\t'))).toBe(printed.findIndex((l) => l.startsWith('2\t')) + 1);
    expect(printed.at(-2)).toMatch(new RegExp(`^\\tTổng cộng\\t69\\t`));
    const nested = JSON.parse(await ok(['report', 'units', '--db', db('DUK01'), '--period', '2026', '--all', '--json'])) as { rows: Report['groups']; total: Figures };
    expect(nested.rows.map((g) => [g.code, g.candidates, g.units.map((u) => [u.code, u.candidates])])).toEqual(khoi.groups.map((g) => [g.code, g.candidates, g.units.map((u) => [u.code, u.candidates])]));
    expect(nested.total.candidates).toBe(69);

    // Tổng quan in the terminal names each chi bộ's ĐUCS and what a ĐUCS's subtree holds.
    const overview = await ok(['dashboard', '--db', db('DUK01'), '--year', '2026']);
    expect(overview).toContain('CB011 Đơn vị CB011 (thuộc DU001)\t9\t');
    expect(overview).toContain(`DU001 Đơn vị DU001 (cả đảng bộ: ${du001.candidates} hồ sơ, kết nạp ${du001.quality.admissionsThisYear})\t0\t0\t`);
    // Each chi bộ set in right under its ĐUCS, as on the screen.
    expect(overview).toMatch(/^DU001 .*\n {2}CB011 .*\n {2}CB012 .*\n {2}CB013 .*\nDU002 .*\n {2}CB021 /m);

    // The workbook: the TCCSĐ row in bold, its chi bộ grouped under it (Excel folds them), with the same figures.
    const xlsxOut = join(dir, 'khoi.xlsx');
    await ok(['report', '--db', db('DUK01'), '--period', '2026', '--all', '--format', 'xlsx', '--out', xlsxOut]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsxOut);
    const info: Record<string, unknown> = {};
    book.getWorksheet('Thông tin')!.eachRow((row) => (info[String(row.getCell(1).value)] = row.getCell(2).value));
    expect([info['Số đơn vị'], info['Số tổ chức cơ sở đảng']]).toEqual([9, 3]);
    const flowsSheet = book.getWorksheet('Phát sinh trong kỳ')!;
    const header = flowsSheet.getRow(4).values as unknown[];
    const [admittedCol, codeCol, parentCol] = ['Kết nạp (theo ngày ký quyết định)', 'Mã đơn vị', 'Thuộc'].map((h) => header.indexOf(h));
    const sheetRows: { code: unknown; parent: unknown; admitted: unknown; level: number; bold: boolean }[] = [];
    flowsSheet.eachRow((row, n) => {
      if (n > 4) {
        sheetRows.push({ code: row.getCell(codeCol!).value, parent: row.getCell(parentCol!).value, admitted: row.getCell(admittedCol!).value, level: row.outlineLevel ?? 0, bold: row.getCell(2).font?.bold === true });
      }
    });
    expect(sheetRows.map((r) => [r.code, r.parent, r.level])).toEqual([
      ['CB031', null, 0],
      ['DU001', null, 0],
      ['CB011', 'DU001', 1],
      ['CB012', 'DU001', 1],
      ['CB013', 'DU001', 1],
      ['DU002', null, 0],
      ['CB021', 'DU002', 1],
      ['CB022', 'DU002', 1],
      ['CB023', 'DU002', 1],
      [null, null, 0],
    ]);
    expect(sheetRows.filter((r) => r.bold).map((r) => r.code)).toEqual(['DU001', 'DU002', null]);
    const top = sheetRows.filter((r) => r.level === 0 && r.code !== null);
    expect(top.reduce((s, r) => s + (r.admitted as number), 0)).toBe(sheetRows.at(-1)!.admitted);
    expect(sheetRows.filter((r) => r.level === 1).reduce((s, r) => s + (r.admitted as number), 0)).toBe(du001.flows.admitted + khoi.groups[2]!.flows.admitted);
    expect(sheetRows.at(-1)!.admitted).toBe(khoi.total?.flows.admitted);

    // DOCX through LibreOffice and the PDF from Chromium, as pages to look at: the chi bộ indented under their TCCSĐ.
    const docxOut = join(dir, 'khoi.docx');
    const pdfOut = join(dir, 'khoi.pdf');
    await ok(['report', '--db', db('DUK01'), '--period', '2026', '--all', '--format', 'docx', '--out', docxOut]);
    const pdfRun = await runCli(['report', '--db', db('DUK01'), '--period', '2026', '--all', '--format', 'pdf', '--out', pdfOut], { ...env, PTDV_CHROMIUM: '/usr/bin/chromium' });
    expect(pdfRun.code).toBe(0);
    const [docxPdf] = toPdf([docxOut], join(dir, 'lo'));
    renderPages(docxPdf!, 'three-levels-docx', 5);
    renderPages(pdfOut, 'three-levels-pdf', 5);
    for (const text of [pdfText(docxPdf!), pdfText(pdfOut)]) {
      expect(text).toContain('Mỗi tổ chức cơ sở đảng một dòng');
      const lines = text.split('\n').map((l) => l.trim().replace(/\s+/g, ' '));
      const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
      expect(at('2 Đơn vị DU001')).toBeGreaterThan(-1);
      expect(at('2.1 Đơn vị CB011')).toBe(at('2 Đơn vị DU001') + 1);
    }

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
    // The split goes up in DU001's next report: the Khối sees each chi bộ's share on its drill-down row, the same
    // target and admissions the chi bộ's own report shows, and the list names DU001 as its giver.
    const next = (await ok(['bundle', 'export', '--db', db('DU001'), '--label', '2026Q4b', '--out', join(dir, 'DU001-b')])).trim();
    await ok(['bundle', 'import', '--db', db('DUK01'), next]);
    // The Khối's report (Tổng quan) counts DU001's target over its chi bộ too, and the total does not count it twice.
    const khoiAfter = await report(db('DUK01'), true);
    expect(khoiAfter.units.find((u) => u.code === 'DU001')?.targets).toEqual([expect.objectContaining({ period: 'year', targetCount: 12, achieved: du001Admitted })]);
    expect(khoiAfter.total?.targets).toEqual([expect.objectContaining({ period: 'year', targetCount: 12, achieved: du001Admitted, units: 1 })]);
    const drill = khoiAfter.groups.find((g) => g.code === 'DU001')!.units;
    expect(drill.map((u) => [u.code, u.targets.find((t) => t.period === 'year')?.targetCount ?? null, u.quality.admissionsThisYear])).toEqual([
      ['CB011', 5, admitted.CB011],
      ['CB012', 4, admitted.CB012],
      ['CB013', null, admitted.CB013],
    ]);
    expect(await ok(['targets', 'list', '--db', db('DUK01'), '--year', '2026', '--unit', 'CB011'])).toContain(`CB011\tNăm 2026\t5 người\tđã kết nạp ${admitted.CB011}`);
    expect(await ok(['targets', 'list', '--db', db('DUK01'), '--year', '2026', '--unit', 'CB011'])).toContain('(DU001) giao');

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
