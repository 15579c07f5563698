import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { runCli, type CliResult } from '../helpers/cli';
import { TEST_PASSPHRASE } from '../helpers/db';
import { MIGRATIONS_DIR } from '../helpers/temp';

/**
 * `ptdv check --db` as shipped (out/main/cli.cjs) checks chunks in worker threads (findings-worker.cjs beside it);
 * run from the sources it checks them in its own thread. Both must print the same bytes and leave the same
 * findings store, on the first check of the day (evaluated and stored) and on the next (read from the store).
 */

const ROOT = join(import.meta.dirname, '../..');
const TODAY = '2026-11-23';
const env = { PTDV_PASSPHRASE: TEST_PASSPHRASE, PTDV_TODAY: TODAY };
const dir = mkdtempSync(join(tmpdir(), 'ptdv-check-workers-'));
const demo = join(dir, 'demo.db');
// Inside the project, so the bundle finds node_modules (better-sqlite3) as out/ does.
mkdirSync(join(ROOT, '.cache'), { recursive: true });
const out = mkdtempSync(join(ROOT, '.cache', 'check-workers-'));
const cli = join(out, 'main/cli.cjs');

function copyOfDemo(name: string): string {
  const file = join(dir, name);
  copyFileSync(demo, file);
  copyFileSync(`${demo}.key`, `${file}.key`);
  return file;
}

/** The bundled ptdv with two worker threads, however small the database and however many cores. */
function bundled(args: string[]): CliResult {
  const run = spawnSync(process.execPath, [cli, ...args], { env: { ...env, PTDV_CHECK_WORKERS: '2' }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** The findings store and the report summary it keeps on each candidate row, in full. */
function storeOf(file: string): unknown[] {
  const database = openDatabase(file, TEST_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  try {
    return database.sqlite
      .prepare(
        'SELECT c.id, c.report_findings, c.report_findings_as_of, c.report_findings_until, f.as_of, f.valid_until, f.rulebook_version, f.findings ' +
          'FROM candidates c LEFT JOIN candidate_findings f ON f.candidate_id = c.id ORDER BY c.id',
      )
      .raw()
      .all();
  } finally {
    database.close();
  }
}

beforeAll(async () => {
  const built = spawnSync(process.execPath, ['--input-type=module', '-e', `import('./build/scripts/build-main.mjs').then((m) => m.buildCli({ outDir: ${JSON.stringify(out)} }))`], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (built.status !== 0) {
    throw new Error(`buildCli failed: ${built.stderr}`);
  }
  const made = await runCli(['demo', '--db', demo, '--candidates', '2500', '--seed', '5', '--unchecked'], env);
  if (made.code !== 0) {
    throw new Error(`ptdv demo failed: ${made.stderr}`);
  }
}, 180_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

describe('ptdv check --db in worker threads', () => {
  it('prints what the in-thread check prints and stores the same findings, first and then from the store', async () => {
    const inThread = copyOfDemo('in-thread.db');
    const inWorkers = copyOfDemo('in-workers.db');
    // The first check of the day evaluates and stores; the second reads from the store.
    for (let pass = 0; pass < 2; pass++) {
      const expected = await runCli(['check', '--db', inThread, '--json'], env);
      const actual = bundled(['check', '--db', inWorkers, '--json']);
      expect(actual.stderr).toBe('');
      expect(actual.stdout).toBe(expected.stdout);
      expect(actual.code).toBe(expected.code);
      expect(JSON.parse(actual.stdout).candidates.length).toBeGreaterThan(2000);
      expect(storeOf(inWorkers)).toEqual(storeOf(inThread));
    }
    const text = await runCli(['check', '--db', inThread], env);
    expect(bundled(['check', '--db', inWorkers]).stdout).toBe(text.stdout);
  }, 180_000);

  it('lays out the text report the same on the first check of the day', async () => {
    const expected = await runCli(['check', '--db', copyOfDemo('text-in-thread.db')], env);
    const actual = bundled(['check', '--db', copyOfDemo('text-in-workers.db')]);
    expect(actual.stderr).toBe('');
    expect(actual.stdout).toBe(expected.stdout);
    expect(actual.stdout).toContain('Tổng cộng: ');
  }, 120_000);
});
