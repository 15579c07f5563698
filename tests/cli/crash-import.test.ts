import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFilePath, openDatabase } from '../../db/client';
import { demoDossier, demoMembers, seededRandom } from '../../electron/core/demo/generate';
import { runCli } from '../helpers/cli';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';
import { buildForKillTests } from '../helpers/test-build';

// The bundled ptdv built with --test-hooks: PTDV_TEST_CRASH_AT works only there.
let build: Awaited<ReturnType<typeof buildForKillTests>>;
beforeAll(async () => {
  build = await buildForKillTests();
}, 120_000);
afterAll(() => build?.remove());

const env = { PTDV_PASSPHRASE: 'mat-khau-kiem-thu', PTDV_TODAY: '2026-11-23' };
const FILES = 1500;

/**
 * Runs the import; with `crashAt` the process kills itself at that named step (PTDV_TEST_CRASH_AT), so the kill
 * lands where it is meant to however busy the machine is; with `killAfterMs`, it is killed from outside at a time.
 */
function runAndKill(db: string, files: string[], crashAt?: string, killAfterMs?: number): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [build.cli, 'dossier', 'import', '--db', db, ...files], {
      env: { ...process.env, ...env, ...(crashAt ? { PTDV_TEST_CRASH_AT: crashAt } : {}) },
      stdio: 'ignore',
    });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal);
    });
  });
}

function fresh(base: string, db: string): string {
  copyFileSync(base, db);
  copyFileSync(keyFilePath(base), keyFilePath(db));
  return db;
}

// Inside the one write transaction (after the first dossier, half way, after the last, before the commit) and
// just after the commit.
const STEPS = [
  { at: 'dossier-import:written#1', whole: 0 },
  { at: `dossier-import:written#${FILES / 2}`, whole: 0 },
  { at: `dossier-import:written#${FILES}`, whole: 0 },
  { at: 'dossier-import:before-commit', whole: 0 },
  { at: 'dossier-import:committed', whole: FILES },
];

describe('killing a large dossier import', () => {
  it('leaves a sound database with none or all of the import, however often it is killed', async () => {
    const dir = tempDir();
    const base = join(dir, 'base.db');
    expect((await runCli(['init', '--db', base, '--code', 'CB014', '--name', 'Chi bộ', '--level', 'chi-bo'], env)).code).toBe(0);
    const r = seededRandom(11);
    const mentors = demoMembers(r, 20, '2026-11-23').filter((m) => m.status === 'chinh-thuc');
    mkdirSync(join(dir, 'in'));
    const files = Array.from({ length: FILES }, (_, i) => {
      const f = join(dir, 'in', `${i}.json`);
      writeFileSync(f, JSON.stringify(demoDossier(r, 'CB014', '2026-11-23', mentors, mentors.length)));
      return f;
    });
    const state = (db: string) => {
      const d = openDatabase(db, env.PTDV_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
      try {
        expect(d.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        const n = (d.sqlite.prepare('SELECT count(*) AS n FROM candidates').get() as { n: number }).n;
        const events = (d.sqlite.prepare('SELECT count(DISTINCT candidate_id) AS n FROM candidate_events').get() as { n: number }).n;
        expect([0, FILES]).toContain(n);
        expect(events).toBeLessThanOrEqual(n);
        return n;
      } finally {
        d.close();
      }
    };

    const started = performance.now();
    expect(await runAndKill(fresh(base, join(dir, 'full.db')), files)).toBeNull();
    const full = performance.now() - started;
    expect(state(join(dir, 'full.db'))).toBe(FILES);

    for (const [i, step] of STEPS.entries()) {
      const db = fresh(base, join(dir, `step-${i}.db`));
      expect(await runAndKill(db, files, step.at)).toBe('SIGKILL');
      expect({ step: step.at, candidates: state(db) }).toEqual({ step: step.at, candidates: step.whole });
    }
    // On top: kills at moments spread over a full run, checked only for a whole state (some land after the end).
    for (const f of [0.3, 0.6, 0.9]) {
      const db = fresh(base, join(dir, `timed-${f}.db`));
      await runAndKill(db, files, undefined, Math.round(f * full));
      state(db);
    }
  }, 900_000);
});
