import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../db/client';
import { ARCHIVE_FOLDER, importFiles } from '../../electron/bundle-files';
import { generateAgeKeyPairSync, generateSigningKey, packBundle, readAloudCode } from '../../electron/core/domain/bundles/index';
import type { CandidateRecord, UnitReportData } from '../../electron/core/model/bundle-data';
import { OCCUPATIONS } from '../../electron/core/model/dossier';
import { fixedClock } from '../../electron/core/ports';
import { importBundle } from '../../electron/core/services/bundle-import';
import { refreshFindingsStep } from '../../electron/core/services/check-service';
import { todoPage } from '../../electron/core/services/check-views';
import { confirmUnit, ownKeys } from '../../electron/core/services/key-service';
import { runCli } from '../helpers/cli';
import { databaseBytes, measureWrites, mib, writtenPerChanged } from './io';
import { manifest, MIGRATIONS, newDatabase, PASS, SUPERIOR, templateSnapshot, TEMPLATES, type Sender } from './sync-bench';

const CELL_CANDIDATES = 50_000;
const UNITS = 500;
const QUARTERS = ['2026Q1', '2026Q2', '2026Q3', '2026Q4'];
/** Issue 15: a year of quarters of a 500-unit Khối within a few GB. */
const YEAR_TARGET_BYTES = 3 * 1024 ** 3;

/** The database's content without free pages or log: what a `VACUUM INTO` copy of it takes. */
function compactBytes(database: Database, dir: string): number {
  const copy = join(dir, `compact-${process.hrtime.bigint()}.db`);
  database.sqlite.prepare('VACUUM INTO ?').run(copy);
  const size = statSync(copy).size;
  rmSync(copy, { force: true });
  return size;
}

const dirBytes = (dir: string): number =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).reduce((n, e) => n + (e.isFile() ? statSync(join(e.parentPath, e.name)).size : 0), 0);

const heldFiles = (database: Database): string => {
  const row = database.sqlite.prepare("SELECT count(*) FILTER (WHERE moved_to IS NULL) AS held, count(*) FILTER (WHERE moved_to IS NOT NULL) AS moved FROM inbox WHERE kind = 'unit-report'").get() as { held: number; moved: number };
  return `${row.held} / ${row.moved}`;
};

/**
 * A cell of 50,000 candidates: `ptdv demo` filling it, then the first to-do list of the next day (every candidate
 * re-evaluated in the steps the app takes after unlock, the findings stored, the list built, the database closed).
 */
async function cellWrites(dir: string): Promise<Record<string, number | string>> {
  const file = join(dir, 'cell.db');
  const env = { PTDV_PASSPHRASE: PASS, PTDV_TODAY: '2026-11-23' };
  const demo = await measureWrites(() => runCli(['demo', '--db', file, '--candidates', String(CELL_CANDIDATES), '--unchecked'], env));
  if (demo.value.code !== 0) {
    throw new Error(demo.value.stderr);
  }
  const made = databaseBytes(file);
  let database = openDatabase(file, PASS, { migrationsDir: MIGRATIONS });
  const content = compactBytes(database, dir);
  database.close();

  const today = '2026-11-24';
  const todo = await measureWrites(() => {
    database = openDatabase(file, PASS, { migrationsDir: MIGRATIONS });
    const ctx = { db: database.db, clock: fixedClock(today), actor: 'bench' };
    for (let p = refreshFindingsStep(ctx); p.done < p.total; p = refreshFindingsStep(ctx)) {
      // Step after step, as the renderer asks after unlock.
    }
    const page = todoPage(ctx, { offset: 0, limit: 50 });
    database.close();
    return page.total;
  });
  database = openDatabase(file, PASS, { migrationsDir: MIGRATIONS });
  // What the day's findings change: each stored findings row, and the summary each one leaves on its candidate row.
  const changed =
    (database.sqlite.prepare('SELECT sum(length(candidate_id) + length(as_of) + length(rulebook_version) + length(findings)) FROM candidate_findings WHERE as_of = ?').pluck().get(today) as number) +
    (database.sqlite.prepare('SELECT sum(length(report_findings) + length(report_findings_as_of)) FROM candidates WHERE report_findings_as_of = ?').pluck().get(today) as number);
  database.close();
  return {
    'demo 50k: written': writtenPerChanged(demo.writeBytes, content),
    'demo 50k: s': +demo.seconds.toFixed(1),
    'demo 50k: db + wal MiB': `${mib(made.db)} + ${mib(made.wal)}`,
    'first to-do of the day: written': writtenPerChanged(todo.writeBytes, changed),
    'first to-do of the day: s': +todo.seconds.toFixed(1),
  };
}

/** A unit's snapshot in quarter `q`: a tenth of its candidates changed since the quarter before. */
function quarterSnapshot(template: UnitReportData, sender: Sender, q: number): UnitReportData {
  const candidates = (template.candidates as CandidateRecord[]).map((c, i) => (i % 10 === q ? { ...c, occupation: OCCUPATIONS[(q + i) % OCCUPATIONS.length]! } : c));
  return { ...template, unit: sender.profile, candidates };
}

/**
 * A Khối of 500 units through a year: each quarter every unit sends a unit-report (100 candidates each, a tenth of
 * them changed) and the superior imports the 500 files as `ptdv bundle import` does; after the last quarter the
 * same 500 files are imported again (all duplicates). Bytes written per import, and the database's size after each.
 */
async function superiorYear(dir: string): Promise<Record<string, number | string>> {
  mkdirSync(join(dir, 'in'), { recursive: true });
  const templates = Array.from({ length: TEMPLATES }, (_, i) => templateSnapshot(dir, i + 1));
  const file = join(dir, 'superior.db');
  const { database, ctx } = newDatabase(file, { code: SUPERIOR, name: 'Đảng ủy Khối', level: 'cap-tren' });
  const own = ownKeys(ctx);
  const senders: Sender[] = Array.from({ length: UNITS }, (_, i) => {
    const code = `CB${String(i + 1).padStart(3, '0')}`;
    return { code, profile: { ...templates[i % TEMPLATES]!.unit, code, name: `Chi bộ số ${i + 1}` }, signing: generateSigningKey(code), age: generateAgeKeyPairSync() };
  });
  const prev = new Map<string, string>();
  for (const s of senders) {
    const enrolment = await packBundle({ manifest: manifest(s, 'enrolment', 1, null, 'DANGKY', own.ageRecipient, {}), data: { unit: s.profile, keys: { signing: s.signing.publicKey, age: s.age.recipient } }, signingKey: s.signing.privateKey, recipients: [own.ageRecipient, s.age.recipient] });
    await importBundle(ctx, { name: enrolment.fileName, bytes: enrolment.bytes });
    confirmUnit(ctx, s.code, readAloudCode(s.signing.fingerprint));
    prev.set(s.code, enrolment.sumsSha256);
  }
  const empty = compactBytes(database, dir);
  const figures: Record<string, number | string> = {};
  let paths: string[] = [];
  for (const [q, label] of QUARTERS.entries()) {
    rmSync(join(dir, 'in'), { recursive: true, force: true });
    mkdirSync(join(dir, 'in'));
    paths = [];
    for (const [i, s] of senders.entries()) {
      const data = quarterSnapshot(templates[i % TEMPLATES]!, s, q);
      const report = await packBundle({ manifest: manifest(s, 'unit-report', q + 2, prev.get(s.code)!, label, own.ageRecipient, { candidates: data.candidates.length, members: data.members.length }), data, signingKey: s.signing.privateKey, recipients: [own.ageRecipient, s.age.recipient] });
      prev.set(s.code, report.sumsSha256);
      const path = join(dir, 'in', report.fileName);
      writeFileSync(path, report.bytes);
      paths.push(path);
    }
    const received = paths.reduce((n, p) => n + statSync(p).size, 0);
    const imported = await measureWrites(() => importFiles(ctx, paths, {}));
    const applied = imported.value.filter((o) => o.status === 'applied').length;
    if (applied !== UNITS) {
      throw new Error(`${label}: ${applied} of ${UNITS} applied`);
    }
    const size = databaseBytes(file);
    if (q === 0) {
      // The data an import changes: the files it archives and the mirror rows it writes (compact, as first written).
      figures['import: data it changes MiB'] = mib(compactBytes(database, dir) - empty);
    }
    figures[`import ${label}: s`] = +imported.seconds.toFixed(1);
    figures[`import ${label}: written`] = writtenPerChanged(imported.writeBytes, compactBytes(database, dir) - empty);
    figures[`after ${label}: db + wal MiB`] = `${mib(size.db)} + ${mib(size.wal)}`;
    figures[`after ${label}: held in db / moved out`] = `${heldFiles(database)}`;
    figures[`after ${label}: received files MiB`] = mib(received);
  }
  const again = await measureWrites(() => importFiles(ctx, paths, {}));
  if (again.value.some((o) => o.status !== 'duplicate')) {
    throw new Error('re-import: not all duplicates');
  }
  figures['re-import 500 (duplicates): written KiB'] = Math.round(again.writeBytes / 1024);
  figures['re-import 500 (duplicates): s'] = +again.seconds.toFixed(1);
  database.close();
  const archived = existsSync(join(dir, ARCHIVE_FOLDER)) ? dirBytes(join(dir, ARCHIVE_FOLDER)) : 0;
  const year = databaseBytes(file).db + archived;
  figures['a year of quarters: db MiB'] = mib(databaseBytes(file).db);
  figures['a year of quarters: luu-tru MiB'] = mib(archived);
  figures['a year of quarters: target'] = `≤ ${mib(YEAR_TARGET_BYTES)} MiB: ${year <= YEAR_TARGET_BYTES ? 'met' : 'MISSED'}`;
  return figures;
}

/** Issue 15 item 2: bytes written per operation, beside the data each changes, and a superior's year on disk. */
export async function benchWrites(): Promise<Record<string, number | string>> {
  const dir = join(tmpdir(), `ptdv-bench-write-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const only = process.env.PTDV_BENCH_WRITE;
    return { ...(only === 'superior' ? {} : await cellWrites(dir)), ...(only === 'cell' ? {} : await superiorYear(dir)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
