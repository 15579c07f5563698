import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFilePath, openDatabase } from '../../db/client';
import { demoDossier, demoMembers, seededRandom } from '../../electron/core/demo/generate';
import { runCli } from '../helpers/cli';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

const env = { PTDV_PASSPHRASE: 'mat-khau-kiem-thu', PTDV_TODAY: '2026-11-23' };
const BIN = join(import.meta.dirname, '../../electron/cli/bin.mjs');
const FILES = 1500;

function runAndKill(db: string, files: string[], afterMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'dossier', 'import', '--db', db, ...files], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
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

async function timeFullImport(db: string, files: string[]): Promise<number> {
  const started = Date.now();
  expect(await runAndKill(db, files, 120_000)).toBeNull();
  return Date.now() - started;
}

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
    const outcomes: { killed: boolean; candidates: number }[] = [];
    const full = await timeFullImport(fresh(base, join(dir, 'full.db')), files);
    // Kill points spread over a full run's duration on this machine: start-up, parsing, inside the write
    // transaction, and around the commit.
    for (const afterMs of [0.15, 0.3, 0.4, 0.5, 0.58, 0.65, 0.72, 0.78, 0.84, 0.9, 0.95, 1.05].map((f) => Math.round(f * full))) {
      const db = fresh(base, join(dir, `run-${afterMs}.db`));
      const signal = await runAndKill(db, files, afterMs);
      const d = openDatabase(db, env.PTDV_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
      expect(d.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const n = (d.sqlite.prepare('SELECT count(*) AS n FROM candidates').get() as { n: number }).n;
      const events = (d.sqlite.prepare('SELECT count(DISTINCT candidate_id) AS n FROM candidate_events').get() as { n: number }).n;
      d.close();
      outcomes.push({ killed: signal === 'SIGKILL', candidates: n });
      expect([0, FILES]).toContain(n);
      expect(events).toBeLessThanOrEqual(n);
    }
    // A loaded machine shifts timings; what matters is that kills did land, and every state was whole.
    expect(outcomes.filter((o) => o.killed).length).toBeGreaterThanOrEqual(3);
    expect(outcomes.some((o) => o.candidates === FILES)).toBe(true);
  }, 120_000);
});
