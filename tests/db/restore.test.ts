import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../db/backup';
import { createDatabase, keyFilePath, openDatabase } from '../../db/client';
import { holdExclusive } from '../../db/lock';
import { fixedClock } from '../../electron/core/ports';
import { Session } from '../../electron/core/services/session';
import { runCli } from '../helpers/cli';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

const PASS = 'mat-khau-kiem-thu';
const env = { PTDV_PASSPHRASE: PASS, PTDV_TODAY: '2026-11-23' };
const options = { migrationsDir: MIGRATIONS_DIR };
/** The migrations this version has, in order; `when` is what a database records of each it ran. */
const JOURNAL = (JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] }).entries;

/** A set-up unit database in its own folder with `records` rows, and a backup of it made when it had `backedUp`. */
async function prepare(backedUp: number, records: number): Promise<{ dir: string; db: string; backup: string }> {
  const dir = tempDir();
  const db = join(dir, 'ptdv.db');
  const { database } = createDatabase(db, PASS, options);
  database.sqlite.prepare("INSERT INTO units (code, name, level, origin) VALUES ('CB014', 'Chi bộ Kỹ thuật', 'chi-bo', 'self')").run();
  const backup = join(dir, 'sao-luu.ptdvbak');
  for (let i = 1; i <= records; i++) {
    if (i === backedUp + 1) {
      await backupDatabase(database, backup, { createdAt: '2026-11-23T09:00:00+07:00', unitCode: 'CB014' });
    }
    addRecord(database.sqlite, i);
  }
  database.close();
  return { dir, db, backup };
}

function addRecord(sqlite: ReturnType<typeof openDatabase>['sqlite'], i: number): void {
  sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(`ban-ghi-${i}`, '1');
}

/** The statements of a migration file that start with `prefix`. */
function statementsOf(file: string, prefix: string): string[] {
  return readFileSync(join(MIGRATIONS_DIR, file), 'utf8')
    .split('--> statement-breakpoint')
    .map((statement) => statement.replace(/^--.*$/gm, '').trim())
    .filter((statement) => statement.startsWith(prefix));
}

/** The database as the ptdv before migration 0030 left it: without the to-do keys, their index and triggers as 0021 made them. */
function asBefore0030(sqlite: ReturnType<typeof openDatabase>['sqlite']): void {
  const triggers = statementsOf('0021_findings_valid_until.sql', 'CREATE TRIGGER `candidate_findings_report_');
  expect(triggers).toHaveLength(3);
  sqlite.exec('DROP INDEX candidates_todo');
  for (const name of ['insert', 'update', 'delete']) {
    sqlite.exec(`DROP TRIGGER candidate_findings_report_${name}`);
  }
  sqlite.exec('ALTER TABLE candidates DROP COLUMN todo_findings');
  triggers.forEach((statement) => sqlite.exec(statement));
  // 0031 changes those triggers again, 0032 only adds an index: with 0030 and any later migration, all are pending.
  sqlite.exec('DROP INDEX directive_items_to');
  // 0037 adds a column, 0040 two to each findings table; the others only delete stored findings, which an empty
  // database lacks.
  sqlite.exec('ALTER TABLE frozen_reports DROP COLUMN header');
  const calendarTriggers = statementsOf('0011_reported_findings.sql', 'CREATE TRIGGER `findings_stale_calendar_');
  expect(calendarTriggers).toHaveLength(3);
  for (const name of ['insert', 'update', 'delete']) {
    sqlite.exec(`DROP TRIGGER findings_stale_calendar_${name}`);
  }
  for (const table of ['candidate_findings', 'period_findings']) {
    sqlite.exec(`ALTER TABLE ${table} DROP COLUMN calendar_from; ALTER TABLE ${table} DROP COLUMN calendar_to`);
  }
  calendarTriggers.forEach((statement) => sqlite.exec(statement));
  expect(JOURNAL[30]!.tag).toBe('0030_todo_findings');
  sqlite.prepare('DELETE FROM __drizzle_migrations WHERE created_at >= ?').run(JOURNAL[30]!.when);
}

/** A database with its own unit, as the ptdv before migration 0030 left it (open). */
function olderDatabase(file: string): ReturnType<typeof openDatabase> {
  const { database } = createDatabase(file, PASS, options);
  database.sqlite.prepare("INSERT INTO units (code, name, level, origin) VALUES ('CB014', 'Chi bộ Kỹ thuật', 'chi-bo', 'self')").run();
  asBefore0030(database.sqlite);
  return database;
}

/** What the bar shows of the migrations asBefore0030 leaves to run (0030 and every later one): step 1 of n, … n of n. */
const migrationSteps = (step: string) => JOURNAL.slice(30).map((_, done) => ({ step, done, total: JOURNAL.length - 30, unit: 'steps' }));

function records(file: string): number {
  const d = openDatabase(file, PASS, options);
  try {
    return d.sqlite.prepare("SELECT count(*) FROM settings WHERE key LIKE 'ban-ghi-%'").pluck().get() as number;
  } finally {
    d.close();
  }
}

/** What a user would see in the data folder, minus the lock file that is always there. */
function folder(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((n) => !n.endsWith('.lock'))
      .map((n) => [n, readFileSync(join(dir, n)).toString('base64')]),
  );
}

const restore = (db: string, backup: string, extra: Record<string, string> = {}) => runCli(['restore', '--db', db, '--from', backup], { ...env, ...extra });

describe('restoring a backup', () => {
  it('is refused in Vietnamese while the app has the database open, and what the app writes afterwards stays in ptdv.db', async () => {
    const { dir, db, backup } = await prepare(2, 5);
    const app = openDatabase(db, PASS, options);
    const r = await restore(db, backup);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('đang được mở bởi ứng dụng ptdv');
    expect(r.stderr).toContain('Dữ liệu hiện tại chưa bị thay đổi');
    addRecord(app.sqlite, 6);
    app.close();
    expect(records(db)).toBe(6);
    expect(readdirSync(dir).filter((n) => n.includes('truoc-khoi-phuc') || n.includes('dang-nhan') || n.includes('dang-khoi-phuc'))).toEqual([]);
  });

  it('keeps both moved-aside copies when two restores happen in the same second on a fixed PTDV_TODAY', async () => {
    const { dir, db, backup } = await prepare(2, 5);
    const first = await restore(db, backup);
    expect(first.code).toBe(0);
    const second = await restore(db, backup);
    expect(second.code).toBe(0);
    const aside = readdirSync(dir).filter((n) => n.includes('truoc-khoi-phuc') && !n.endsWith('.key')).sort();
    expect(aside).toHaveLength(2);
    expect(aside.every((n) => existsSync(keyFilePath(join(dir, n))))).toBe(true);
    expect(aside.map((n) => records(join(dir, n)))).toEqual([5, 2]);
    expect(second.stdout).toContain(aside[1]);
    expect(records(db)).toBe(2);
  });

  it('refuses an empty backup, a truncated one and one holding no unit, changing nothing', async () => {
    const { dir, db, backup } = await prepare(2, 5);
    const whole = readFileSync(backup);
    const headerEnd = whole.indexOf(0x0a, whole.indexOf(0x0a) + 1) + 1;
    const header = JSON.parse(whole.subarray(whole.indexOf(0x0a) + 1, headerEnd - 1).toString());
    const empty = join(dir, 'rong.ptdvbak');
    writeFileSync(
      empty,
      `PTDV-BACKUP/1\n${JSON.stringify({ ...header, size: 0, sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })}\n`,
    );
    const truncated = join(dir, 'cut.ptdvbak');
    writeFileSync(truncated, whole.subarray(0, whole.length - 4096));
    // A backup whose body is a real, correctly keyed database that was never set up (no unit of its own).
    const blankDir = tempDir();
    const blank = createDatabase(join(blankDir, 'ptdv.db'), PASS, options).database;
    const noUnit = join(dir, 'khong-don-vi.ptdvbak');
    await backupDatabase(blank, noUnit, { createdAt: '2026-11-23T09:00:00+07:00', unitCode: null });
    blank.close();
    const before = folder(dir);
    for (const [file, message] of [
      [empty, 'bản sao lưu rỗng'],
      [truncated, 'không phải bản sao lưu ptdv hoặc đã bị hỏng'],
      [noUnit, 'không chứa dữ liệu của đơn vị nào'],
    ] as const) {
      const r = await restore(db, file);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(message);
      expect(folder(dir)).toEqual(before);
    }
    expect(records(db)).toBe(5);
  });

  it('refuses a backup whose database is damaged inside though its size and hash agree, found by the integrity check', async () => {
    const { dir, db, backup } = await prepare(5, 5);
    const source = openDatabase(db, PASS, options);
    const add = source.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    source.sqlite.transaction(() => {
      for (let i = 0; i < 1000; i++) {
        add.run(`lon-${i}`, 'x'.repeat(1500));
      }
    })();
    await backupDatabase(source, backup, { createdAt: '2026-11-23T09:00:00+07:00', unitCode: 'CB014' });
    source.sqlite.prepare("DELETE FROM settings WHERE key LIKE 'lon-%'").run();
    source.close();
    // One page in the middle of the database made unreadable, and the header made to agree with the damaged bytes:
    // only SQLite's own check can tell.
    const whole = readFileSync(backup);
    const headerEnd = whole.indexOf(0x0a, 'PTDV-BACKUP/1\n'.length);
    const header = JSON.parse(whole.subarray('PTDV-BACKUP/1\n'.length, headerEnd).toString()) as { size: number; sha256: string };
    const body = Buffer.from(whole.subarray(headerEnd + 1));
    body.fill(0x55, 4096 * Math.floor(header.size / 8192) + 100, 4096 * Math.floor(header.size / 8192) + 300);
    const damaged = join(dir, 'hong-ben-trong.ptdvbak');
    writeFileSync(damaged, Buffer.concat([Buffer.from(`PTDV-BACKUP/1\n${JSON.stringify({ ...header, sha256: createHash('sha256').update(body).digest('hex') })}\n`), body]));
    const before = folder(dir);

    const seen: string[] = [];
    const refused = await restoreDatabase(db, damaged, PASS, { ...options, stamp: '2026-11-23T10:00:00+07:00', progress: (p) => seen.push(p.step) }).catch((e: Error) => e);
    expect((refused as Error).message).toBe('Bản sao lưu bị hỏng, rỗng hoặc không chứa dữ liệu của đơn vị nào; dữ liệu hiện tại được giữ nguyên.');
    expect(seen).toContain('Kiểm tra tính toàn vẹn dữ liệu khôi phục');
    expect(folder(dir)).toEqual(before);
    expect(records(db)).toBe(5);
  });

  it('offers recovery instead of first-run setup when only a moved-aside database is left, and puts it back', async () => {
    const { dir, db } = await prepare(2, 5);
    const session = new Session({ dataDir: dir, migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-11-23'), actor: 'test' });
    // What an earlier, unprotected restore could leave: the data only under its moved-aside name.
    const aside = `${db}.truoc-khoi-phuc-2026-11-23T09-00-00+07-00`;
    writeFileSync(aside, readFileSync(db));
    writeFileSync(keyFilePath(aside), readFileSync(keyFilePath(db)));
    rmSync(db);
    rmSync(keyFilePath(db));
    const status = session.status();
    expect(status.state).toBe('needs-recovery');
    expect(status.movedAside).toEqual(['ptdv.db.truoc-khoi-phuc-2026-11-23T09-00-00+07-00']);
    expect(status.problem).toContain('dữ liệu được giữ lại');
    expect(() => session.setup({ code: 'CB015', name: 'Chi bộ mới', level: 'chi-bo', parentCode: null }, 'mat-khau-moi-1')).toThrow('thay vì thiết lập mới');
    expect(existsSync(db)).toBe(false);
    expect(session.reinstate(status.movedAside![0]!).state).toBe('locked');
    session.unlock(PASS);
    expect(session.open().sqlite.prepare("SELECT count(*) FROM settings WHERE key LIKE 'ban-ghi-%'").pluck().get()).toBe(5);
    session.close();
  });

  it('restores from the app itself while unlocked, and reopens the restored data with the backup passphrase', async () => {
    const { dir, db, backup } = await prepare(2, 5);
    const session = new Session({ dataDir: dir, migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-11-23'), actor: 'test' });
    session.unlock(PASS);
    const other = openDatabase(db, PASS, options);
    // Another window or command still has the file: refused, and the app goes on with its data as before.
    await expect(session.restore(backup, PASS)).rejects.toThrow('đang được mở bởi ứng dụng ptdv');
    expect(session.status().state).toBe('unlocked');
    other.close();
    await expect(session.restore(backup, 'mat-khau-sai')).rejects.toThrow('không mở được bản sao lưu');
    expect(session.status().state).toBe('unlocked');
    const { movedAside, status, backupMadeAt, movedAsideAt } = await session.restore(backup, PASS);
    expect(status.state).toBe('unlocked');
    expect([backupMadeAt, movedAsideAt]).toEqual(['2026-11-23T09:00:00+07:00', fixedClock('2026-11-23').now()]);
    expect(session.open().sqlite.prepare("SELECT count(*) FROM settings WHERE key LIKE 'ban-ghi-%'").pluck().get()).toBe(2);
    addRecord(session.open().sqlite, 3);
    session.close();
    expect(records(db)).toBe(3);
    expect(records(join(dir, movedAside!))).toBe(5);
  });

  it('streams a backup and a restore a megabyte at a time, saying which step and how many bytes are done', async () => {
    const dir = tempDir();
    const db = join(dir, 'ptdv.db');
    const { database } = createDatabase(db, PASS, options);
    database.sqlite.prepare("INSERT INTO units (code, name, level, origin) VALUES ('CB014', 'Chi bộ Kỹ thuật', 'chi-bo', 'self')").run();
    // A few megabytes of records, so the file takes several chunks.
    const add = database.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    database.sqlite.transaction(() => {
      for (let i = 0; i < 3000; i++) {
        add.run(`lon-${i}`, 'x'.repeat(1500));
      }
    })();
    database.close();
    const session = new Session({ dataDir: dir, migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-11-23'), actor: 'test' });
    session.unlock(PASS);
    const seen: { step: string; done: number; total: number; unit: string }[] = [];
    const backup = join(dir, 'sao-luu.ptdvbak');
    const bytes = await backupDatabase(session.open(), backup, { createdAt: '2026-11-23T09:00:00+07:00', unitCode: 'CB014' }, (p) => seen.push(p));
    expect(bytes).toBe(readFileSync(backup).length);
    const steps = (name: string) => seen.filter((p) => p.step === name);
    // The snapshot is taken on a worker thread and reported by the bytes of the copy it writes.
    const snapshot = steps('Chụp lại dữ liệu hiện tại');
    expect(snapshot[0]).toMatchObject({ done: 0, unit: 'bytes' });
    expect(snapshot[0]!.total).toBeGreaterThan(3 * 1024 * 1024);
    expect(snapshot.at(-1)!.done).toBe(snapshot.at(-1)!.total);
    for (const name of ['Kiểm tra dữ liệu cần sao lưu', 'Ghi tệp sao lưu']) {
      const step = steps(name);
      expect(step.length).toBeGreaterThan(3);
      expect(step.map((p) => p.done)).toEqual([...step.map((p) => p.done)].sort((a, b) => a - b));
      expect(step.at(-1)!.done).toBe(step.at(-1)!.total);
    }
    seen.length = 0;
    await session.restore(backup, PASS, (p) => seen.push(p));
    const checked = steps('Đọc và kiểm tra tệp sao lưu');
    expect(checked.length).toBeGreaterThan(3);
    expect(checked.at(-1)!.done).toBe(checked.at(-1)!.total);
    // The integrity check goes a table at a time, then the whole file: "bước k/n" on the screen.
    const integrity = steps('Kiểm tra tính toàn vẹn dữ liệu khôi phục');
    expect(integrity.length).toBeGreaterThan(10);
    expect(integrity.map((p) => p.done)).toEqual(integrity.map((_, k) => k));
    expect(integrity.every((p) => p.total === integrity.length && p.unit === 'steps')).toBe(true);
    expect(seen.at(-1)!.step).toBe('Kiểm tra dữ liệu khôi phục và đặt vào chỗ');
    expect(session.open().sqlite.prepare("SELECT count(*) FROM settings WHERE key LIKE 'lon-%'").pluck().get()).toBe(3000);
    session.close();
  });

  it('restores a backup an older ptdv made, unlocking it, copying it aside and migrating it in steps the bar shows', async () => {
    const dir = tempDir();
    const database = olderDatabase(join(dir, 'cu.db'));
    const backup = join(dir, 'sao-luu-cu.ptdvbak');
    await backupDatabase(database, backup, { createdAt: '2026-11-23T09:00:00+07:00', unitCode: 'CB014' });
    database.close();
    const session = new Session({ dataDir: dir, migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-11-23'), actor: 'test' });
    const seen: { step: string; done: number; total: number; unit: string }[] = [];
    await session.restore(backup, PASS, (p) => seen.push(p));
    const steps = [...new Set(seen.map((p) => p.step))];
    expect(steps).toEqual([
      'Mở khóa bản sao lưu',
      'Đọc và kiểm tra tệp sao lưu',
      'Kiểm tra tính toàn vẹn dữ liệu khôi phục',
      'Kiểm tra dữ liệu khôi phục và đặt vào chỗ',
      'Sao lưu tự động trước khi nâng cấp dữ liệu',
      'Nâng cấp dữ liệu của bản sao lưu lên phiên bản này',
    ]);
    expect(seen.find((p) => p.step === steps[0])).toMatchObject({ done: 0, total: 2, unit: 'steps' });
    const copy = seen.filter((p) => p.step === steps[4]);
    expect(copy[0]).toMatchObject({ done: 0, unit: 'bytes' });
    expect(copy.at(-1)!.done).toBe(copy.at(-1)!.total);
    expect(seen.filter((p) => p.step === steps[5])).toEqual(migrationSteps(steps[5]!));
    expect(readdirSync(join(dir, 'backups')).filter((n) => n.includes('.truoc-nang-cap-') && !n.endsWith('.key'))).toHaveLength(1);
    const columns = session.open().sqlite.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('candidates');
    expect(columns).toContain('todo_findings');
    session.close();
  });

  it('unlocks a database an older ptdv wrote, saying each step: the key, the automatic copy by bytes, each migration', async () => {
    const dir = tempDir();
    const database = olderDatabase(join(dir, 'ptdv.db'));
    database.close();
    const session = new Session({ dataDir: dir, migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-11-23'), actor: 'test' });
    const seen: { step: string; done: number; total: number; unit: string }[] = [];
    expect((await session.unlockInSteps(PASS, (p) => seen.push(p))).state).toBe('unlocked');
    const steps = [...new Set(seen.map((p) => p.step))];
    expect(steps).toEqual(['Mở khóa dữ liệu bằng mật khẩu', 'Sao lưu tự động trước khi nâng cấp dữ liệu', 'Nâng cấp dữ liệu lên phiên bản này']);
    const copy = seen.filter((p) => p.step === steps[1]);
    expect(copy[0]).toMatchObject({ done: 0, unit: 'bytes' });
    expect(copy.at(-1)!.done).toBe(copy.at(-1)!.total);
    expect(seen.filter((p) => p.step === steps[2])).toEqual(migrationSteps(steps[2]!));
    expect(readdirSync(join(dir, 'backups')).filter((n) => n.includes('.truoc-nang-cap-') && !n.endsWith('.key'))).toHaveLength(1);
    expect(session.open().sqlite.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('candidates')).toContain('todo_findings');
    session.close();
    // Up to date, the next unlock has only the key to derive; a wrong passphrase is refused as before.
    seen.length = 0;
    await session.unlockInSteps(PASS, (p) => seen.push(p));
    expect([...new Set(seen.map((p) => p.step))]).toEqual(['Mở khóa dữ liệu bằng mật khẩu']);
    session.close();
    await expect(session.unlockInSteps('sai-mat-khau')).rejects.toThrow('Mật khẩu hoặc mã khôi phục không đúng.');
  });

  it('keeps both automatic copies when an upgrade is made twice in the same second', async () => {
    const dir = tempDir();
    const database = olderDatabase(join(dir, 'ptdv.db'));
    database.close();
    // The clock does not move: both copies get the same timestamp.
    const session = new Session({ dataDir: dir, migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-11-23'), actor: 'test' });
    expect((await session.unlockInSteps(PASS)).state).toBe('unlocked');
    asBefore0030(session.open().sqlite);
    session.close();
    expect((await session.unlockInSteps(PASS)).state).toBe('unlocked');
    session.close();
    const copies = readdirSync(join(dir, 'backups')).filter((n) => n.includes('.truoc-nang-cap-') && !n.endsWith('.key'));
    expect(copies).toHaveLength(2);
    expect(copies.every((n) => existsSync(join(dir, 'backups', `${n}.key`)))).toBe(true);
  });

  it('leaves the file free after two unlocks at once, and stays locked when locked while unlocking', async () => {
    const dir = tempDir();
    createDatabase(join(dir, 'ptdv.db'), PASS, options).database.close();
    const session = new Session({ dataDir: dir, migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-11-23'), actor: 'test' });
    // Two tabs of the web host unlocking together: one database stays open, the other's handle is closed.
    const both = await Promise.all([session.unlockInSteps(PASS), session.unlockInSteps(PASS)]);
    expect(both.map((s) => s.state)).toEqual(['unlocked', 'unlocked']);
    session.close();
    const held = holdExclusive(join(dir, 'ptdv.db'));
    held.release();
    // The user locks while the key is being derived (at the first step the bar shows): the unlock ends locked.
    let locked = false;
    const unlocking = session.unlockInSteps(PASS, () => {
      if (!locked) {
        locked = true;
        session.lock();
      }
    });
    expect((await unlocking).state).toBe('locked');
    expect(locked).toBe(true);
    expect(session.status().state).toBe('locked');
    holdExclusive(join(dir, 'ptdv.db')).release();
  });

  it('clears a journal a restore was killed writing (before any file moved), and opens the database as it was', async () => {
    const { dir, db } = await prepare(2, 5);
    // writeFileAtomic's temporary name: the kill came before the rename that makes it the journal.
    const stray = join(dir, 'ptdv.db.dang-khoi-phuc.json.tmp-4242-1796454833794');
    writeFileSync(stray, '{"format":"ptdv.restore-');
    const session = new Session({ dataDir: dir, migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-11-23'), actor: 'test' });
    expect(session.status().state).toBe('locked');
    session.close();
    expect(existsSync(stray)).toBe(false);
    expect(records(db)).toBe(5);
  });
});

describe('a backup killed midway', () => {
  it('leaves working files that the next backup into that folder removes, never those of a backup still running', async () => {
    const dir = tempDir();
    const { database } = createDatabase(join(dir, 'ptdv.db'), PASS, options);
    const out = join(dir, 'usb');
    mkdirSync(out);
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const running = spawn('sleep', ['30']);
    try {
      writeFileSync(join(out, `.sao-luu-thu-hai.ptdvbak.snapshot-${gone}`), 'x'.repeat(4096));
      writeFileSync(join(out, `sao-luu-thu-hai.ptdvbak.tmp-${gone}-1765000000000`), 'x');
      writeFileSync(join(out, `.khac.ptdvbak.snapshot-${running.pid}`), 'x');
      await backupDatabase(database, join(out, 'sao-luu.ptdvbak'), { createdAt: '2026-11-23T09:00:00+07:00', unitCode: null });
      expect(readdirSync(out).sort()).toEqual([`.khac.ptdvbak.snapshot-${running.pid}`, 'sao-luu.ptdvbak']);
    } finally {
      running.kill();
      database.close();
    }
  });
});
