import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import { writeFileAtomic } from './atomic';
import { applyDataKey } from './cipher';
import { DbError } from './errors';
import { createKeyFile, openKeyFile, parseKeyFile, type KeyFile } from './keyfile';
import { holdShared, type FileLock } from './lock';
import { finishInterruptedRestore, movedAsideCopies } from './restore-swap';
import * as schema from './schema/index';
import type { Db } from './types';

export type OpenOptions = {
  migrationsDir: string;
  /** Folder for the automatic backups made before migrations; defaults to `backups/` beside the database. */
  backupDir?: string;
  /** Path of the native module built for the running ABI (Electron), when it is not the default Node one. */
  nativeBinding?: string;
  /** A clock reading for backup names; core's Clock is not a dependency of db. */
  timestamp?: () => string;
  /** How long a write waits for another ptdv process to finish its own (default 5 s). */
  busyTimeoutMs?: number;
};

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export type Database = {
  file: string;
  db: Db;
  sqlite: Sqlite.Database;
  dataKey: Buffer;
  keyFile: KeyFile;
  /** The native module it was opened with (OpenOptions.nativeBinding), for a worker that opens it again. */
  nativeBinding?: string;
  /** Set by openDatabase: opened with the recovery code, the passphrase is presumed lost and must be replaced. */
  openedWith?: 'passphrase' | 'recovery';
  close(): void;
};

/** The key file sits beside the database; losing it loses the data, so backups carry it too. */
export function keyFilePath(dbFile: string): string {
  return `${dbFile}.key`;
}

export function readKeyFile(dbFile: string): KeyFile {
  const path = keyFilePath(dbFile);
  if (!existsSync(path)) {
    throw new DbError('not-found', `Không tìm thấy tệp khóa ${basename(path)} bên cạnh cơ sở dữ liệu.`);
  }
  const keyFile = parseKeyFile(readFileSync(path, 'utf8'));
  if (!keyFile) {
    // Not "wrong passphrase": retyping cannot help; the key file from a backup can.
    throw new DbError(
      'validation',
      `Tệp khóa bị hỏng (${basename(path)}): nội dung đã bị thay đổi hoặc không phải tệp khóa của ptdv. Mật khẩu không được thử. Hãy chép lại tệp khóa từ bản sao lưu.`,
      'KEYFILE_DAMAGED',
    );
  }
  return keyFile;
}

/** Opens an SQLite handle with the raw data key and proves the key right with a first read. */
export function openEncrypted(file: string, dataKey: Buffer, nativeBinding?: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): Sqlite.Database {
  const sqlite = new Sqlite(file, { timeout: busyTimeoutMs, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    applyDataKey(sqlite, dataKey);
    // A wrong key only shows on the first read (SQLITE_NOTADB), so read now.
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    sqlite.close();
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') {
      throw new DbError('locked', 'Không mở được cơ sở dữ liệu: khóa không đúng hoặc tệp không phải của ptdv.');
    }
    throw err;
  }
  sqlite.pragma('journal_mode = WAL');
  // FULL: a committed change survives a power cut, which a secretary's laptop will see.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // 64 MB of decrypted pages: a superior's mirror of 50,000 candidates keyed by random ids outgrows the 16 MB default,
  // and every page missed is read and decrypted again (measured: a third off applying 500 unit bundles).
  sqlite.pragma('cache_size = -65536');
  // Statement journals in memory: every row a bulk import inserts into a table with triggers and foreign keys opens
  // one, and in a file each cost page writes (measured: 150 MB written, and encrypted, per 0.5 MB bundle of 1,000
  // candidates, against 11 MB of WAL). They hold a statement's changed pages, never the data of a whole transaction.
  sqlite.pragma('temp_store = MEMORY');
  // Checkpoint every 64 MB of log instead of 4 MB: the index pages every import or batch of dossiers touches are
  // then copied into the database once for several transactions instead of once per transaction (measured: a
  // fifth less written filling 20,000 dossiers, and faster). The log is cut back to that size after a checkpoint, so
  // one huge transaction does not leave a log of its size on disk.
  sqlite.pragma('wal_autocheckpoint = 16384');
  sqlite.pragma('journal_size_limit = 67108864');
  return sqlite;
}

function appliedMillis(sqlite: Sqlite.Database): number | null {
  const table = sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'").get();
  if (!table) {
    return null;
  }
  const row = sqlite.prepare('SELECT max(created_at) AS m FROM __drizzle_migrations').get() as { m: number | null };
  return row.m === null ? null : Number(row.m);
}

/** The migrations `database` lacks, oldest first; refused for a database a newer ptdv made. */
export function pendingMigrations(database: Database, options: OpenOptions): { pending: MigrationMeta[]; fresh: boolean } {
  const migrations = readMigrationFiles({ migrationsFolder: options.migrationsDir });
  const newest = Math.max(...migrations.map((m) => m.folderMillis));
  const applied = appliedMillis(database.sqlite);
  if (applied !== null && applied > newest) {
    throw new DbError(
      'conflict',
      'Cơ sở dữ liệu này được tạo bởi phiên bản ptdv mới hơn. Hãy cập nhật ứng dụng rồi mở lại; dữ liệu không bị thay đổi.',
      'DB_FROM_FUTURE',
    );
  }
  return { pending: migrations.filter((m) => applied === null || m.folderMillis > applied), fresh: applied === null };
}

function runMigrations(database: Database, options: OpenOptions): void {
  const { pending, fresh } = pendingMigrations(database, options);
  if (pending.length === 0) {
    return;
  }
  if (!fresh) {
    backupBeforeMigration(database, options);
  }
  migrate(database.db, { migrationsFolder: options.migrationsDir });
}

/**
 * One migration in a transaction of its own, as drizzle's migrator records it: a restore of an old backup applies
 * them one at a time so the screen can say which of how many it is at, instead of stalling on them all.
 */
export function applyMigration(database: Database, migration: MigrationMeta): void {
  const { dialect, session } = database.db as unknown as { dialect: { migrate(m: MigrationMeta[], s: unknown, c: object): void }; session: unknown };
  dialect.migrate([migration], session, {});
}

/** Where the automatic copy made before migrating `database` goes (`backups/` beside it unless told). */
export function preMigrationBackupPath(database: Database, options: OpenOptions): string {
  const dir = options.backupDir ?? join(dirname(database.file), 'backups');
  mkdirSync(dir, { recursive: true });
  const stamp = (options.timestamp?.() ?? new Date().toISOString()).replace(/[:.]/g, '-');
  const base = join(dir, `${basename(database.file)}.truoc-nang-cap-${stamp}`);
  // A retry in the same second (an upgrade that stopped, opened again at once) must not meet the earlier copy:
  // VACUUM INTO refuses an existing file, and that copy is the one from before the upgrade began.
  let target = base;
  for (let n = 2; existsSync(target) || existsSync(keyFilePath(target)); n++) {
    target = `${base}-${n}`;
  }
  return target;
}

function backupBeforeMigration(database: Database, options: OpenOptions): void {
  const target = preMigrationBackupPath(database, options);
  // VACUUM INTO writes a consistent copy encrypted with the same key; the key file goes with it.
  database.sqlite.prepare('VACUUM INTO ?').run(target);
  writeFileAtomic(keyFilePath(target), JSON.stringify(database.keyFile, null, 2));
}

/**
 * Transactions start IMMEDIATE: a deferred one that reads and then writes cannot wait for another process's write
 * (SQLite skips the busy handler when upgrading a read to a write, and the read snapshot would be stale anyway), so
 * it failed at once with "database is locked". Taking the write lock up front waits up to the busy timeout.
 */
function immediateTransactions(db: Db): Db {
  const deferred = db.transaction.bind(db);
  db.transaction = (fn, config) => deferred(fn, { behavior: 'immediate', ...config });
  return db;
}

function wrapHandle(file: string, sqlite: Sqlite.Database, dataKey: Buffer, keyFile: KeyFile, nativeBinding: string | undefined, lock?: FileLock): Database {
  return {
    file,
    db: immediateTransactions(drizzle(sqlite, { schema })),
    sqlite,
    dataKey,
    keyFile,
    ...(nativeBinding ? { nativeBinding } : {}),
    close: () => {
      sqlite.close();
      lock?.release();
    },
  };
}

/**
 * Another connection to a database this process already has open, for reading in a worker thread: with the open
 * one's key, nothing migrated (the first connection did) and no lock taken (the first one holds it). It can only
 * read.
 */
export function openReader(file: string, dataKey: Buffer, nativeBinding?: string): { db: Db; close(): void } {
  const sqlite = openEncrypted(file, dataKey, nativeBinding);
  sqlite.pragma('query_only = ON');
  return { db: drizzle(sqlite, { schema }) as Db, close: () => sqlite.close() };
}

/** An existing database opened with its data key, not migrated: the caller brings it up to date. */
export function openUnmigrated(file: string, dataKey: Buffer, keyFile: KeyFile, options: OpenOptions): Database {
  return wrapHandle(file, openEncrypted(file, dataKey, options.nativeBinding, options.busyTimeoutMs), dataKey, keyFile, options.nativeBinding);
}

/** Opens an existing database with its data key, migrating it (after an automatic backup) when the app is newer. */
export function openDatabaseWithKey(file: string, dataKey: Buffer, keyFile: KeyFile, options: OpenOptions): Database {
  const database = wrapHandle(file, openEncrypted(file, dataKey, options.nativeBinding, options.busyTimeoutMs), dataKey, keyFile, options.nativeBinding);
  try {
    runMigrations(database, options);
  } catch (err) {
    database.close();
    throw err;
  }
  return database;
}

/**
 * Opens a database the way the app and the CLI do: holding the shared lock that keeps a restore in another process
 * from moving it away while it is in use (lock.ts).
 */
export function openDatabaseLocked(file: string, dataKey: Buffer, keyFile: KeyFile, options: OpenOptions): Database {
  const database = openLockedUnmigrated(file, dataKey, keyFile, options);
  try {
    runMigrations(database, options);
  } catch (err) {
    database.close();
    throw err;
  }
  return database;
}

/** openDatabaseLocked without the migrations: the caller brings the database up to date (open-steps.ts). */
export function openLockedUnmigrated(file: string, dataKey: Buffer, keyFile: KeyFile, options: OpenOptions): Database {
  const lock = holdShared(file, options.nativeBinding);
  try {
    return wrapHandle(file, openEncrypted(file, dataKey, options.nativeBinding), dataKey, keyFile, options.nativeBinding, lock);
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** Opens an existing database with the passphrase or the recovery code, first finishing an interrupted restore. */
export function openDatabase(file: string, secret: string, options: OpenOptions): Database {
  finishInterruptedRestore(file, options.nativeBinding);
  if (!existsSync(file)) {
    throw new DbError('not-found', `Không tìm thấy cơ sở dữ liệu ${file}.`);
  }
  const keyFile = readKeyFile(file);
  const opened = openKeyFile(keyFile, secret);
  if (!opened) {
    throw new DbError('locked', 'Mật khẩu hoặc mã khôi phục không đúng.', 'WRONG_PASSPHRASE');
  }
  const database = openDatabaseLocked(file, opened.dataKey, keyFile, options);
  database.openedWith = opened.via;
  return database;
}

/**
 * Creates a new encrypted database; returns it with the recovery code to show the user once. How strong the
 * passphrase must be is the app's rule, checked by its caller (services/session.ts createNewDatabase).
 */
export function createDatabase(
  file: string,
  passphrase: string,
  options: OpenOptions,
): { database: Database; recoveryCode: string } {
  finishInterruptedRestore(file, options.nativeBinding);
  if (existsSync(file) || existsSync(keyFilePath(file))) {
    throw new DbError('conflict', `Đã có cơ sở dữ liệu tại ${file}; ptdv không ghi đè dữ liệu có sẵn.`);
  }
  const aside = movedAsideCopies(file);
  if (aside.length > 0) {
    throw new DbError(
      'conflict',
      `Thư mục này còn dữ liệu cũ được giữ lại khi khôi phục (${basename(aside.at(-1)!)}). Hãy khôi phục từ bản sao lưu hoặc dùng lại bản đó thay vì tạo cơ sở dữ liệu mới.`,
      'MOVED_ASIDE_EXISTS',
    );
  }
  mkdirSync(dirname(file), { recursive: true });
  const { keyFile, dataKey, recoveryCode } = createKeyFile(passphrase);
  writeFileAtomic(keyFilePath(file), JSON.stringify(keyFile, null, 2));
  let database: Database;
  try {
    database = openDatabaseLocked(file, dataKey, keyFile, options);
  } catch (err) {
    removeDatabaseFiles(file);
    throw err;
  }
  return { database, recoveryCode };
}

function removeDatabaseFiles(file: string): void {
  // The lock file stays: lock.ts never deletes it, another process may be waiting on it.
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`, keyFilePath(file)]) {
    rmSync(path, { force: true });
  }
}

/**
 * Closes and deletes a database createDatabase made moments ago when a later step of setting it up failed: a
 * half-made database would block the retry ("already exists") and hold no data worth keeping.
 */
export function discardNewDatabase(database: Database): void {
  database.close();
  removeDatabaseFiles(database.file);
}
