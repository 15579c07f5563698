import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
import { buildForKillTests } from '../helpers/test-build';

/**
 * Kills `ptdv bundle import --db F FILES…` at every step of a batch of four unit reports, each replacing a previous,
 * smaller snapshot of its unit. The kills are deterministic: PTDV_TEST_CRASH_AT makes the process kill itself as it
 * reads a bundle, inside a bundle's transaction just before its commit, or just after the commit, for each of the
 * four bundles, so every kill lands mid-run however busy the machine is. After every kill the database must be sound,
 * each unit must hold exactly its previous snapshot or exactly its new one (candidates and their events), agreeing
 * with the sequence state and the archive; and importing the same files again must finish the batch. Kills at random
 * moments come on top, checked against the same invariants only.
 */

const env = { PTDV_PASSPHRASE: TEST_PASSPHRASE, PTDV_TODAY: TODAY };
const UNITS = ['CB101', 'CB102', 'CB103', 'CB104'];
const CANDIDATES = 120;
const REQUIRED_KILLS = 50;

type Expected = { code: string; before: { candidates: number; events: number }; after: { candidates: number; events: number }; sha256: string };

let build: Awaited<ReturnType<typeof buildForKillTests>>;

beforeAll(async () => {
  build = await buildForKillTests();
}, 60_000);

afterAll(() => build?.remove());

type Run = { signal: NodeJS.Signals | null; code: number | null };

/** Runs `ptdv …`; with `crashAt` it kills itself at that step, with `killAfterMs` it is killed from outside. */
function runCli(args: string[], crashAt?: string, killAfterMs?: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [build.cli, ...args], {
      env: { ...process.env, ...env, ...(crashAt ? { PTDV_TEST_CRASH_AT: crashAt } : {}) },
      stdio: 'ignore',
    });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ signal, code });
    });
  });
}

/** Every step of the batch, and how many of the four bundles are applied when the process dies there. */
const STEPS = UNITS.flatMap((_, i) => [
  { at: `bundle-import:read#${i + 1}`, applied: i },
  { at: `bundle-import:before-commit#${i + 1}`, applied: i },
  { at: `bundle-import:committed#${i + 1}`, applied: i + 1 },
]);

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
    // Each run in a folder of its own: its database, key and lock file.
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
    const started = performance.now();
    expect(await runCli(['bundle', 'import', '--db', full, ...files])).toMatchObject({ code: 0, signal: null });
    const fullSpan = performance.now() - started;

    /** Checks the database after a run and that a re-run finishes the batch; returns how many bundles were applied. */
    const checkAndFinish = async (db: string): Promise<number> => {
      const database = open(db);
      try {
        sound(database);
        const found = states(database);
        const again = await importFiles({ db: database.db, clock: fixedClock(TODAY), actor: 'test' }, files, {});
        expect(again.map((o) => o.status)).toEqual(found.map((s) => (s === 'after' ? 'duplicate' : 'applied')));
        expect(states(database)).toEqual(allAfter);
        return found.filter((s) => s === 'after').length;
      } finally {
        database.close();
      }
    };

    let midRun = 0;
    // Round after round over every step, until the required number of kills.
    for (let k = 0; k < REQUIRED_KILLS; k++) {
      const step = STEPS[k % STEPS.length]!;
      const db = fresh(`kill-${k}`);
      const run = await runCli(['bundle', 'import', '--db', db, ...files], step.at);
      expect({ step: step.at, signal: run.signal }).toEqual({ step: step.at, signal: 'SIGKILL' });
      midRun++;
      expect({ step: step.at, applied: await checkAndFinish(db) }).toEqual({ step: step.at, applied: step.applied });
    }
    expect(midRun).toBeGreaterThanOrEqual(REQUIRED_KILLS);

    // On top: kills at moments spread over a full run (golden-ratio steps), checked only against the invariants.
    for (let k = 1; k <= 4; k++) {
      const db = fresh(`timed-${k}`);
      await runCli(['bundle', 'import', '--db', db, ...files], undefined, Math.round(fullSpan * ((k * 0.6180339887) % 1)));
      await checkAndFinish(db);
    }

    const killed = fresh('killed-then-cli');
    expect((await runCli(['bundle', 'import', '--db', killed, ...files], 'bundle-import:before-commit#2')).signal).toBe('SIGKILL');
    expect(await runCli(['bundle', 'import', '--db', killed, ...files])).toMatchObject({ code: 0, signal: null });
    const database = open(killed);
    try {
      sound(database);
      expect(states(database)).toEqual(allAfter);
    } finally {
      database.close();
    }
  }, 900_000);
});
