import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../db/backup';
import { createDatabase, keyFilePath, openDatabaseWithKey } from '../../db/client';
import type { KeyFile } from '../../db/keyfile';
import { fixedClock } from '../../electron/core/ports';
import { Session } from '../../electron/core/services/session';
import { buildForKillTests } from '../helpers/test-build';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

/**
 * Kills `ptdv restore` at every step of its file swap, and while the app (another process) has the database open.
 * Each kill is made deterministic by PTDV_TEST_CRASH_AT (the process kills itself when it reaches the named step),
 * so the tests do not depend on how fast the machine is; kills at random times come on top and are only checked
 * against the invariants. After every kill, the next open of the folder must find a database and its key under
 * their names, and every record must be in ptdv.db or in the one moved-aside copy, never lost.
 */

const PASS = 'mat-khau-kiem-thu';
const env = { PTDV_PASSPHRASE: PASS, PTDV_TODAY: '2026-11-23' };
const OLD = 7;
const BACKED_UP = 3;
const STEPS = [
  'restore:read',
  'restore:locked',
  'restore:staged',
  'swap:journal-written',
  'swap:aside-db',
  'swap:aside-wal',
  'swap:aside-key',
  'swap:place-key',
  'swap:place-db',
  'swap:journal-removed',
];
/** Steps after which the restore has committed to the backup (its journal is on disk). */
const FORWARD_FROM = STEPS.indexOf('swap:journal-written');

let build: Awaited<ReturnType<typeof buildForKillTests>>;
let base: string;
/** Old data and backup share one data key; opening with it spares a key derivation per look. */
let key: { dataKey: Buffer; keyFile: KeyFile };

beforeAll(async () => {
  build = await buildForKillTests({ 'app-writer': join(import.meta.dirname, '../helpers/app-writer.ts') });
  // Not tempDir(): that is emptied after each test, and this folder serves both.
  base = mkdtempSync(join(tmpdir(), 'ptdv-restore-base-'));
  const db = join(base, 'ptdv.db');
  const { database } = createDatabase(db, PASS, { migrationsDir: MIGRATIONS_DIR });
  database.sqlite.prepare("INSERT INTO units (code, name, level, origin) VALUES ('CB014', 'Chi bộ Kỹ thuật', 'chi-bo', 'self')").run();
  const add = database.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  for (let i = 1; i <= BACKED_UP; i++) {
    add.run(`ban-ghi-${i}`, '1');
  }
  await backupDatabase(database, join(base, 'sao-luu.ptdvbak'), { createdAt: '2026-11-23T09:00:00+07:00', unitCode: 'CB014' });
  // The last records stay in the WAL, as after an app that was killed: the restore must carry them aside too.
  database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  database.sqlite.pragma('wal_autocheckpoint = 0');
  for (let i = BACKED_UP + 1; i <= OLD; i++) {
    add.run(`ban-ghi-${i}`, '1');
  }
  mkdirSync(join(base, 'copy'));
  for (const f of ['ptdv.db', 'ptdv.db-wal', 'ptdv.db.key', 'sao-luu.ptdvbak']) {
    copyFileSync(join(base, f), join(base, 'copy', f));
  }
  key = { dataKey: database.dataKey, keyFile: database.keyFile };
  database.close();
}, 120_000);

afterAll(() => {
  build?.remove();
  rmSync(base, { recursive: true, force: true });
});

/** A data folder like the prepared one: ptdv.db with OLD records (some only in its WAL), its key, and the backup. */
function freshFolder(): { dir: string; db: string; backup: string } {
  const dir = tempDir();
  for (const f of readdirSync(join(base, 'copy'))) {
    copyFileSync(join(base, 'copy', f), join(dir, f));
  }
  return { dir, db: join(dir, 'ptdv.db'), backup: join(dir, 'sao-luu.ptdvbak') };
}

type Exit = { code: number | null; signal: NodeJS.Signals | null; stderr: string };

function exited(child: ChildProcess): Promise<Exit> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
}

function restore(db: string, backup: string, crashAt?: string, killAfterMs?: number): Promise<Exit> {
  const child = spawn(process.execPath, [build.cli, 'restore', '--db', db, '--from', backup], {
    env: { ...process.env, ...env, ...(crashAt ? { PTDV_TEST_CRASH_AT: crashAt } : {}) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (killAfterMs !== undefined) {
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', () => clearTimeout(timer));
  }
  return exited(child);
}

/** The app stand-in: commits records one by one; `committed()` is the last number it reported as committed. */
function startApp(db: string) {
  const child = spawn(process.execPath, [build.programs['app-writer']!, db, MIGRATIONS_DIR], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const done = exited(child);
  let last = 0;
  let buffered = '';
  const waiters: { n: number; resolve: () => void }[] = [];
  child.stdout!.on('data', (d: Buffer) => {
    buffered += d.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      last = Number(line);
    }
    for (const w of waiters.splice(0)) {
      if (last >= w.n) {
        w.resolve();
      } else {
        waiters.push(w);
      }
    }
  });
  return {
    committed: () => last,
    /** Resolves once `n` records are committed (or the app died, which the caller sees in its exit). */
    reached: (n: number) => new Promise<void>((resolve) => (last >= n ? resolve() : waiters.push({ n, resolve }), void done.then(() => resolve()))),
    kill: async () => {
      child.kill('SIGKILL');
      return done;
    },
  };
}

const count = (file: string, prefix: string) => {
  const d = openDatabaseWithKey(file, key.dataKey, key.keyFile, { migrationsDir: MIGRATIONS_DIR });
  try {
    expect(d.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    return d.sqlite.prepare('SELECT count(*) FROM settings WHERE key LIKE ?').pluck().get(`${prefix}%`) as number;
  } finally {
    d.close();
  }
};

/**
 * The next open of the folder (as the app does it: status first, which finishes an interrupted swap) must show a
 * database to unlock, never first-run setup; then exactly one of: nothing restored (the old data in ptdv.db, nothing
 * aside), or restored (the backup in ptdv.db, the old data whole in one moved-aside copy).
 */
function settle(dir: string, db: string): { restored: boolean; aside: string | null } {
  const session = new Session({ dataDir: dir, migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-11-23'), actor: 'test' });
  expect(session.status().state).toBe('locked');
  expect(existsSync(db) && existsSync(keyFilePath(db))).toBe(true);
  const left = readdirSync(dir);
  expect(left.filter((n) => n.includes('dang-khoi-phuc') || n.includes('dang-nhan'))).toEqual([]);
  const aside = left.filter((n) => n.includes('truoc-khoi-phuc') && !/(\.key|-wal|-shm)$/.test(n));
  expect(aside.length).toBeLessThanOrEqual(1);
  const restored = count(db, 'ban-ghi-') === BACKED_UP;
  expect(aside.length).toBe(restored ? 1 : 0);
  return { restored, aside: aside[0] ? join(dir, aside[0]) : null };
}

describe('killing a restore', () => {
  it('at every step of the swap, again and again, leaves a database and its key and loses no record', async () => {
    let kills = 0;
    for (let round = 0; round < 5; round++) {
      for (const [i, step] of STEPS.entries()) {
        const { dir, db, backup } = freshFolder();
        const run = await restore(db, backup, step);
        expect({ step, signal: run.signal, stderr: run.stderr }).toEqual({ step, signal: 'SIGKILL', stderr: '' });
        kills++;
        const { restored, aside } = settle(dir, db);
        expect({ step, restored }).toEqual({ step, restored: i >= FORWARD_FROM });
        expect(count(db, 'ban-ghi-')).toBe(restored ? BACKED_UP : OLD);
        expect(aside ? count(aside, 'ban-ghi-') : OLD).toBe(OLD);
      }
    }
    expect(kills).toBeGreaterThanOrEqual(50);

    // On top: kills at random moments, checked only against the invariants (some land after the restore ended).
    const { db: timed, backup: timedBackup } = freshFolder();
    const started = performance.now();
    expect((await restore(timed, timedBackup)).code).toBe(0);
    const span = performance.now() - started;
    for (let k = 0; k < 12; k++) {
      const { dir, db, backup } = freshFolder();
      await restore(db, backup, undefined, Math.round(Math.random() * span));
      const { aside } = settle(dir, db);
      expect(aside ? count(aside, 'ban-ghi-') : OLD).toBe(OLD);
    }
  }, 480_000);

  it('cut off at any step of the swap, is finished by the next command that opens the database, as by the app', async () => {
    for (const [i, step] of STEPS.entries()) {
      const { dir, db, backup } = freshFolder();
      expect((await restore(db, backup, step)).signal).toBe('SIGKILL');
      const shown = await exited(spawn(process.execPath, [build.cli, 'unit', 'show', '--db', db], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] }));
      expect({ step, code: shown.code, stderr: shown.stderr }).toEqual({ step, code: 0, stderr: '' });
      expect(readdirSync(dir).filter((n) => n.includes('dang-khoi-phuc') || n.includes('dang-nhan'))).toEqual([]);
      expect({ step, records: count(db, 'ban-ghi-') }).toEqual({ step, records: i >= FORWARD_FROM ? BACKED_UP : OLD });
    }
  }, 240_000);

  it('attempted while the app has the database open: refused, and every record the app committed stays in ptdv.db', async () => {
    let kills = 0;
    for (let group = 0; group < 5; group++) {
      const { dir, db, backup } = freshFolder();
      const app = startApp(db);
      await app.reached(3);
      // Ten restores killed on their way to the lock, then one let run to its refusal; the app writes on throughout.
      const writesOn = async () => {
        const after = app.committed();
        await app.reached(after + 2);
        expect(app.committed()).toBeGreaterThanOrEqual(after + 2);
      };
      for (let k = 0; k < 10; k++) {
        const run = await restore(db, backup, 'restore:read');
        expect({ signal: run.signal, stderr: run.stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
        kills++;
        await writesOn();
      }
      const refused = await restore(db, backup);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('đang được mở bởi ứng dụng ptdv');
      await writesOn();
      await app.kill();
      const committed = app.committed();
      const { restored } = settle(dir, db);
      expect(restored).toBe(false);
      expect(count(db, 'app-')).toBeGreaterThanOrEqual(committed);
      expect(count(db, 'ban-ghi-')).toBe(OLD);
    }
    expect(kills).toBeGreaterThanOrEqual(50);

    // On top: the app and the restore both killed at random moments. If the app died before the restore took the
    // lock the restore may go ahead; then all the app committed must be in the moved-aside copy, whole.
    for (let k = 0; k < 12; k++) {
      const { dir, db, backup } = freshFolder();
      const app = startApp(db);
      await app.reached(1);
      const appKill = setTimeout(() => void app.kill(), Math.round(Math.random() * 400));
      await restore(db, backup, undefined, Math.round(Math.random() * 600));
      clearTimeout(appKill);
      await app.kill();
      const committed = app.committed();
      const { aside } = settle(dir, db);
      expect(count(aside ?? db, 'app-')).toBeGreaterThanOrEqual(committed);
      expect(count(aside ?? db, 'ban-ghi-')).toBe(OLD);
    }
  }, 480_000);
});
