import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, watch, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFilePath, openDatabaseWithKey, type Database } from '../../db/client';
import { importFiles } from '../../electron/bundle-files';
import type { CandidateRecord, UnitReportData } from '../../electron/core/model/bundle-data';
import { fixedClock } from '../../electron/core/ports';
import { packAndRecord } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { buildUnitSnapshot } from '../../electron/core/services/unit-snapshot';
import { TEST_PASSPHRASE, testContext } from '../helpers/db';
import { asFile, cloneDb, enrol, fillUnit, SUPERIOR, TODAY, unitSetup } from '../helpers/sync';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

/**
 * Kills `ptdv bundle import --db F FILES…` at many points of a batch of four unit reports, each replacing a
 * previous, smaller snapshot of its unit. After every kill the database must be sound, each unit must hold exactly
 * its previous snapshot or exactly its new one (candidates and their events), agreeing with the sequence state and
 * the archive; and importing the same files again must finish the batch. The ptdv killed is the one the app ships
 * (out/main/cli.cjs as build-main.mjs bundles it): it starts in half the time of the tsx development entry, which
 * is what lets 50 kills fit in a minute.
 */

const env = { PTDV_PASSPHRASE: TEST_PASSPHRASE, PTDV_TODAY: TODAY };
const ROOT = join(import.meta.dirname, '../..');
const UNITS = ['CB101', 'CB102', 'CB103', 'CB104'];
const CANDIDATES = 120;
const REQUIRED_KILLS = 50;
const MAX_ATTEMPTS = 100;

type Expected = { code: string; before: { candidates: number; events: number }; after: { candidates: number; events: number }; sha256: string };

let cli: string;
let built: string;

beforeAll(() => {
  // Inside the project, so the bundle resolves node_modules (better-sqlite3) as out/ does.
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  built = mkdtempSync(join(ROOT, '.cache', 'crash-bundle-'));
  const build = spawnSync(process.execPath, ['build/scripts/build-main.mjs', '--outdir', built], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(`build-main.mjs failed:\n${build.stderr}`);
  }
  cli = join(built, 'main/cli.cjs');
}, 60_000);

afterAll(() => rmSync(built, { recursive: true, force: true }));

type Run = {
  signal: NodeJS.Signals | null;
  code: number | null;
  /** From the database being opened to the exit; null when it was never opened. */
  openMs: number | null;
};

/**
 * Runs `ptdv …` on `db`. With `killAfterOpenMs`, SIGKILLs it that long after it opened the database: SQLite creates
 * the WAL beside the file at the first read, so its appearance marks the start of the import run.
 */
function runCli(db: string, args: string[], killAfterOpenMs?: number): Promise<Run> {
  return new Promise((resolve) => {
    let openedAt: number | null = null;
    let timer: NodeJS.Timeout | undefined;
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const watcher = watch(dirname(db), (_event, name) => {
      if (openedAt === null && name === `${basename(db)}-wal`) {
        openedAt = performance.now();
        if (killAfterOpenMs !== undefined) {
          timer = setTimeout(() => child.kill('SIGKILL'), killAfterOpenMs);
        }
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      watcher.close();
      resolve({ signal, code, openMs: openedAt === null ? null : performance.now() - openedAt });
    });
  });
}

const counts = (candidates: readonly CandidateRecord[]) => ({ candidates: candidates.length, events: candidates.reduce((n, c) => n + c.events.length, 0) });

/**
 * A superior with four enrolled, verified units, each of whose previous report is already imported; returns the
 * prepared database (closed, one file plus its key file), the new reports on disk, and what each unit must hold.
 */
async function prepare(dir: string): Promise<{ base: string; dataKey: Buffer; keyFile: Database['keyFile']; files: string[]; expected: Expected[] }> {
  const superior = testContext(TODAY, SUPERIOR, tempDir());
  const template = testContext(TODAY, unitSetup('CB100'), tempDir());
  fillUnit(template, CANDIDATES, 5);
  const full = buildUnitSnapshot(template.ctx, '2026Q4').data;
  const candidates = full.candidates as CandidateRecord[];
  mkdirSync(join(dir, 'in'));
  const files: string[] = [];
  const expected: Expected[] = [];
  for (const [i, code] of UNITS.entries()) {
    const unit = testContext(TODAY, unitSetup(code), tempDir());
    await enrol(superior, unit);
    const send = async (list: CandidateRecord[]) => {
      const data: UnitReportData = { ...full, unit: buildUnitSnapshot(unit.ctx, '2026Q4').data.unit, candidates: list };
      return packAndRecord(unit.ctx, { kind: 'unit-report', to: SUPERIOR.code, label: '2026Q4', data, counts: { candidates: list.length } });
    };
    const previous = candidates.slice(0, (CANDIDATES * (i + 1)) / 5);
    expect(await importBundle(superior.ctx, asFile(await send(previous)))).toMatchObject({ status: 'applied', summary: { quarantined: 0 } });
    const next = await send(candidates);
    const path = join(dir, 'in', next.bundle.fileName);
    writeFileSync(path, next.bytes);
    files.push(path);
    expected.push({ code, before: counts(previous), after: counts(candidates), sha256: next.bundle.sha256 });
    unit.database.close();
  }
  const copy = cloneDb(superior);
  const { dataKey, keyFile } = copy.database;
  copy.database.close();
  superior.database.close();
  template.database.close();
  return { base: copy.file, dataKey, keyFile, files, expected };
}

describe('killing a batch bundle import', () => {
  it('leaves a sound database in which each bundle is wholly applied or not at all, and a re-run finishes the batch', async () => {
    const dir = tempDir();
    const { base, dataKey, keyFile, files, expected } = await prepare(dir);
    const open = (file: string) => openDatabaseWithKey(file, dataKey, keyFile, { migrationsDir: MIGRATIONS_DIR });
    // Each run in a folder of its own, so the only WAL that appears there is its database's.
    const fresh = (name: string) => {
      const db = join(dir, name, 'superior.db');
      mkdirSync(dirname(db));
      copyFileSync(base, db);
      copyFileSync(keyFilePath(base), keyFilePath(db));
      return db;
    };
    const sound = ({ sqlite }: Database) => {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    };
    /** Per unit: 'after' when its new bundle is wholly applied, 'before' when not at all; anything else fails. */
    const states = ({ sqlite }: Database): ('before' | 'after')[] =>
      expected.map((u) => {
        const candidates = sqlite.prepare('SELECT count(*) FROM candidates WHERE unit_code = ?').pluck().get(u.code);
        const events = sqlite.prepare('SELECT count(*) FROM candidate_events e JOIN candidates c ON c.id = e.candidate_id WHERE c.unit_code = ?').pluck().get(u.code);
        const seq = sqlite.prepare("SELECT last_seq FROM sync_state WHERE peer_code = ? AND direction = 'in'").pluck().get(u.code);
        const archived = sqlite.prepare('SELECT status FROM inbox WHERE sha256 = ?').pluck().get(u.sha256) ?? null;
        const state = seq === 3 ? 'after' : 'before';
        expect({ unit: u.code, candidates, events, seq, archived }).toEqual({ unit: u.code, ...u[state], seq: state === 'after' ? 3 : 2, archived: state === 'after' ? 'applied' : null });
        return state;
      });
    const allAfter = expected.map(() => 'after');

    const full = fresh('full');
    const fullRun = await runCli(full, ['bundle', 'import', '--db', full, ...files]);
    expect(fullRun).toMatchObject({ code: 0, signal: null, openMs: expect.any(Number) });
    const fullSpan = fullRun.openMs ?? 0;

    // Only kills that land mid-run count towards the 50: the process must have opened the database (a kill during
    // start-up tests nothing) and must still be running when SIGKILL arrives (one that already exited finished
    // cleanly). So each kill is timed from the moment the database is opened, at points spread evenly (golden-ratio
    // steps) over how long the import then takes; the span adapts to the machine's load as it is now, shrinking
    // when a run finishes before its kill and growing back slowly while kills land.
    let span = fullSpan;
    const midRun: number[] = [];
    for (let k = 1; midRun.length < REQUIRED_KILLS && k <= MAX_ATTEMPTS; k++) {
      const afterMs = Math.round(span * ((k * 0.6180339887) % 1));
      const db = fresh(`kill-${k}`);
      const run = await runCli(db, ['bundle', 'import', '--db', db, ...files], afterMs);
      const landed = run.signal === 'SIGKILL' && run.openMs !== null;
      span = landed ? Math.min(span * 1.02, fullSpan * 2) : Math.max(20, afterMs * 0.9);
      const database = open(db);
      try {
        sound(database);
        const found = states(database);
        if (landed) {
          midRun.push(found.filter((s) => s === 'after').length);
        }
        const again = await importFiles({ db: database.db, clock: fixedClock(TODAY), actor: 'test' }, files, {});
        expect(again.map((o) => o.status)).toEqual(found.map((s) => (s === 'after' ? 'duplicate' : 'applied')));
        expect(states(database)).toEqual(allAfter);
      } finally {
        database.close();
      }
    }
    expect(midRun.length).toBeGreaterThanOrEqual(REQUIRED_KILLS);
    // The kills spread over the batch: before the first bundle was committed, between bundles, after the last.
    expect(new Set(midRun).size).toBeGreaterThanOrEqual(3);
    expect(midRun.some((n) => n > 0 && n < UNITS.length)).toBe(true);

    const killed = fresh('killed-then-cli');
    expect((await runCli(killed, ['bundle', 'import', '--db', killed, ...files], Math.round(span / 4))).signal).toBe('SIGKILL');
    expect(await runCli(killed, ['bundle', 'import', '--db', killed, ...files])).toMatchObject({ code: 0, signal: null });
    const database = open(killed);
    try {
      sound(database);
      expect(states(database)).toEqual(allAfter);
    } finally {
      database.close();
    }
  }, 180_000);
});
