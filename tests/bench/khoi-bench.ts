import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type Database } from '../../db/client';
import { bulkWriter } from '../../electron/core/store/bulk-writer';
import type { Db } from '../../db/types';
import { importFiles } from '../../electron/bundle-files';
import {
  checkInner,
  generateAgeKeyPairSync,
  generateSigningKey,
  makeSums,
  openBundle,
  packBundle,
  packForwarded,
  readAloudCode,
  readForwarded,
  signSshsig,
  type SignedSnapshot,
} from '../../electron/core/domain/bundles/index';
import { serializeManifest } from '../../electron/core/domain/bundles/manifest';
import type { UnitReportData } from '../../electron/core/model/bundle-data';
import { importBundle } from '../../electron/core/services/bundle-import';
import { buildDashboard } from '../../electron/core/services/dashboard-service';
import { confirmUnit, ownKeys } from '../../electron/core/services/key-service';
import { buildUnitReport } from '../../electron/core/services/report-service';
import { cpuMs, bytesWritten } from './held-bench';
import { count, insertRows, manifest, MIGRATIONS, newDatabase, templateSnapshot, TODAY, type Sender } from './sync-bench';

/** `PTDV_BENCH_DUCS=20` for a run at a fifth of the size. */
const DUCS = Number(process.env.PTDV_BENCH_DUCS ?? 100);
const CELLS_PER_DUCS = 10;
const TEMPLATES = 10;
const KHOI = 'DUK01';
const PASS = 'bench-passphrase';
/** Issue 13: the import within 3× of the floor; the Khối's dashboard and year report ≤ 1 s cold. */
const TARGET = { floorRatio: 3, coldMs: 1000 };

const encoder = new TextEncoder();
const keys = (code: string) => ({ signing: generateSigningKey(code), age: generateAgeKeyPairSync() });

/** A chi bộ's snapshot signed by the chi bộ, addressed to its ĐUCS: the four files its ĐUCS forwards byte for byte. */
export function signedCell(cell: Sender, ducs: Sender, data: UnitReportData): SignedSnapshot {
  const m = manifest(cell, 'unit-report', 2, null, '2026Q4', ducs.age.recipient, { candidates: data.candidates.length, members: data.members.length }, ducs.code);
  const signed = new Map([
    ['data.json', encoder.encode(`${JSON.stringify(data)}\n`)],
    ['manifest.json', serializeManifest(m)],
  ]);
  const sums = makeSums(signed);
  const files = new Map([...signed, ['SHA256SUMS', sums], ['SHA256SUMS.sig', encoder.encode(signSshsig(sums, cell.signing.privateKey))]]);
  return { code: cell.code, publicKey: cell.signing.publicKey, files };
}

/**
 * The floor database: the tables the candidates' rows go to, with their columns but without any index, key,
 * constraint or trigger (nor the name search index), encrypted like the real one.
 */
function floorDatabase(file: string): Database {
  const { database } = newDatabase(file, { code: KHOI, name: 'Đảng ủy Khối', level: 'cap-tren' });
  const sqlite = database.sqlite;
  sqlite.pragma('foreign_keys = OFF');
  for (const { name } of sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]) {
    sqlite.exec(`DROP TRIGGER "${name}"`);
  }
  sqlite.exec('DROP TABLE candidates_fts');
  for (const table of ['candidates', 'candidate_events', 'dossier_items', 'introducers', 'mentor_assignments', 'members', 'reported_findings']) {
    sqlite.exec(`CREATE TABLE "${table}_plain" AS SELECT * FROM "${table}" WHERE 0; DROP TABLE "${table}"; ALTER TABLE "${table}_plain" RENAME TO "${table}"`);
  }
  return database;
}

/**
 * The floor of the Khối's import: decrypt and verify each ĐUCS file, verify every chi bộ's signature inside it
 * and parse its data, then insert the same candidate and member rows through raw prepared statements into
 * tables without indexes or triggers, one transaction per file.
 */
async function floorImport(paths: readonly string[], database: Database, ducs: readonly Sender[], identity: string): Promise<{ ms: number; openMs: number; cpu: number }> {
  const signers = new Map(ducs.map((s) => [s.code, { publicKey: s.signing.publicKey, revoked: false }]));
  const w = bulkWriter({ $client: database.sqlite } as Db);
  let openMs = 0;
  const cpu = cpuMs();
  const started = performance.now();
  for (const path of paths) {
    const t = performance.now();
    const opened = await openBundle(readFileSync(path), { fileName: basename(path), identities: [identity], myCode: KHOI, acceptedKinds: () => ['unit-report'], lookupSignerKey: (code) => signers.get(code) ?? null });
    const { signers: vouched, units } = await readForwarded(opened.forwarded!);
    const inner = [...units].map(([code, files]) => checkInner(code, files, vouched.get(code)));
    openMs += performance.now() - t;
    database.sqlite.transaction(() => inner.forEach((i) => insertRows(w, i.code, i.data as UnitReportData)))();
  }
  return { ms: performance.now() - started, openMs, cpu: cpuMs() - cpu };
}

function cold<T>(file: string, fn: (database: Database) => T): number {
  const database = openDatabase(file, PASS, { migrationsDir: MIGRATIONS });
  try {
    const t = performance.now();
    fn(database);
    return performance.now() - t;
  } finally {
    database.close();
  }
}

/**
 * Issue 13: a Khối importing one unit-report from each of 100 ĐUCS, each carrying the snapshots of its 10 chi bộ
 * (100 candidates each): 1,000 chi bộ and 100,000 candidates. Wall time against the floor measured in the same run,
 * the CPU and bytes written of the first and the last ten files (the cost of one file as the Khối fills), then the
 * Khối's dashboard and year report cold.
 */
export async function benchKhoi(): Promise<Record<string, number | string>> {
  const dir = join(tmpdir(), `ptdv-bench-khoi-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'in'), { recursive: true });
  try {
    const templates = Array.from({ length: TEMPLATES }, (_, i) => templateSnapshot(dir, i + 1));
    const file = join(dir, 'khoi.db');
    const { database, ctx } = newDatabase(file, { code: KHOI, name: 'Đảng ủy Khối', level: 'cap-tren' });
    const own = ownKeys(ctx);
    const ducs: Sender[] = [];
    const paths: string[] = [];
    for (let d = 0; d < DUCS; d++) {
      const code = `DU${String(d + 1).padStart(3, '0')}`;
      const profile = { code, name: `Đảng ủy cơ sở số ${d + 1}`, level: 'dang-bo-co-so' as const, hasYouthUnion: true, ducsMembers: 9 };
      const s: Sender = { code, profile, ...keys(code) };
      ducs.push(s);
      const recipients = [own.ageRecipient, s.age.recipient];
      const enrolment = await packBundle({ manifest: manifest(s, 'enrolment', 1, null, 'DANGKY', own.ageRecipient, {}), data: { unit: profile, keys: { signing: s.signing.publicKey, age: s.age.recipient } }, signingKey: s.signing.privateKey, recipients });
      const accepted = await importBundle(ctx, { name: enrolment.fileName, bytes: enrolment.bytes });
      if (accepted.status !== 'applied') {
        throw new Error(`enrolment of ${code}: ${accepted.message}`);
      }
      confirmUnit(ctx, code, readAloudCode(s.signing.fingerprint));
      const cells = Array.from({ length: CELLS_PER_DUCS }, (_, c) => {
        const cellCode = `${code}C${String(c + 1).padStart(2, '0')}`;
        const template = templates[(d * CELLS_PER_DUCS + c) % TEMPLATES]!;
        const cell: Sender = { code: cellCode, profile: { ...template.unit, code: cellCode, name: `Chi bộ ${c + 1} của ${code}` }, ...keys(cellCode) };
        return signedCell(cell, s, { ...template, unit: cell.profile });
      });
      const ownData = { unit: profile, members: [], candidates: [], targets: [], frozenReports: [], directivesApplied: [], decisionsRefused: [] } satisfies Omit<UnitReportData, 'requestAnswers' | 'moves' | 'relayedApplied' | 'targetsGiven'>;
      const report = await packBundle({
        manifest: manifest(s, 'unit-report', 2, enrolment.sumsSha256, '2026Q4', own.ageRecipient, { candidates: 0, members: 0, forwardedUnits: cells.length }),
        data: ownData, signingKey: s.signing.privateKey, recipients, forwarded: await packForwarded(cells),
      });
      const path = join(dir, 'in', report.fileName);
      writeFileSync(path, report.bytes);
      paths.push(path);
    }
    const floorDb = floorDatabase(join(dir, 'floor.db'));
    const floor = await floorImport(paths, floorDb, ducs, own.identities[0]!);
    const floorCandidates = count(floorDb, 'candidates');
    floorDb.close();

    const perFile: { cpu: number; bytes: number }[] = [];
    const importCpu = cpuMs();
    let cpu = importCpu;
    let written = bytesWritten();
    const started = performance.now();
    const outcomes = await importFiles(ctx, paths, {}, () => {
      perFile.push({ cpu: cpuMs() - cpu, bytes: bytesWritten() - written });
      cpu = cpuMs();
      written = bytesWritten();
    });
    const importMs = performance.now() - started;
    const cpuRatio = (cpuMs() - importCpu) / floor.cpu;
    const candidates = count(database, 'candidates');
    const cells = database.sqlite.prepare("SELECT count(*) FROM units WHERE level = 'chi-bo'").pluck().get() as number;
    const refusedInner = outcomes.reduce((n, o) => n + (o.refusedInner?.length ?? 0), 0);
    database.close();
    const applied = outcomes.filter((o) => o.status === 'applied').length;
    if (applied !== DUCS || refusedInner > 0 || candidates !== floorCandidates || cells !== DUCS * CELLS_PER_DUCS) {
      throw new Error(`unexpected: ${applied} applied, ${refusedInner} inner refused, ${cells} chi bộ, ${candidates} candidates (floor ${floorCandidates})`);
    }
    const mean = (list: typeof perFile, key: 'cpu' | 'bytes') => list.reduce((n, f) => n + f[key], 0) / list.length;
    const firstTen = perFile.slice(0, 10);
    const lastTen = perFile.slice(-10);
    const dashboardMs = cold(file, (d) => buildDashboard(d.db, { year: 2026, asOf: TODAY }));
    const dashboardAgainMs = cold(file, (d) => buildDashboard(d.db, { year: 2026, asOf: TODAY }));
    const reportMs = cold(file, (d) => buildUnitReport(d.db, { period: '2026', all: true, asOf: TODAY }));
    const ratio = importMs / floor.ms;
    const bytes = paths.reduce((n, p) => n + statSync(p).size, 0);
    return {
      'ĐUCS / chi bộ / hồ sơ': `${DUCS} / ${cells} / ${candidates}`,
      'gói ĐUCS MB (trung bình)': +(bytes / DUCS / 1024 / 1024).toFixed(2),
      'nhập s': +(importMs / 1000).toFixed(1),
      'sàn s': +(floor.ms / 1000).toFixed(1),
      'sàn: giải mã+kiểm chữ ký+đọc s': +(floor.openMs / 1000).toFixed(1),
      'sàn: chèn thô s': +((floor.ms - floor.openMs) / 1000).toFixed(1),
      'nhập / sàn': `${ratio.toFixed(2)}× (mục tiêu ≤ ${TARGET.floorRatio}×: ${ratio <= TARGET.floorRatio ? 'đạt' : 'CHƯA ĐẠT'})`,
      'nhập / sàn, theo thời gian CPU': `${cpuRatio.toFixed(2)}×`,
      '10 gói đầu: ms CPU/gói': Math.round(mean(firstTen, 'cpu')),
      '10 gói cuối: ms CPU/gói': Math.round(mean(lastTen, 'cpu')),
      '10 gói đầu: MB ghi/gói': +(mean(firstTen, 'bytes') / 1024 / 1024).toFixed(1),
      '10 gói cuối: MB ghi/gói': +(mean(lastTen, 'bytes') / 1024 / 1024).toFixed(1),
      'Tổng quan, lần đầu trong ngày ms': Math.round(dashboardMs),
      'Tổng quan, nguội ms': `${Math.round(dashboardAgainMs)} (mục tiêu ≤ ${TARGET.coldMs}: ${dashboardAgainMs <= TARGET.coldMs ? 'đạt' : 'CHƯA ĐẠT'})`,
      'báo cáo năm, nguội ms': `${Math.round(reportMs)} (mục tiêu ≤ ${TARGET.coldMs}: ${reportMs <= TARGET.coldMs ? 'đạt' : 'CHƯA ĐẠT'})`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
