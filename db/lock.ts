import Sqlite from 'better-sqlite3';
import { DbError } from './errors';

/**
 * Who has a database open, across processes. Every process that opens `ptdv.db` (the app while unlocked, each CLI
 * command) holds a SHARED lock on `ptdv.db.lock`; a restore, and the repair of an interrupted restore, need the
 * EXCLUSIVE lock, so they are refused while anyone else has the database open, and nobody can open it while files
 * are being swapped.
 *
 * Why SQLite's own locking on a small side file: Node has no file-lock API, and a pid written in a file goes stale
 * when a process is killed (and pids are reused). SQLite locks with fcntl on Linux and LockFileEx on Windows; the OS
 * drops both when the process dies, however it dies, so a crash never leaves the data folder locked. The lock is
 * shared rather than exclusive so the app and the CLI can still work on the same file at the same time; and it lives
 * in its own file because the database's locks are taken and released per transaction, not held while open.
 * The lock file is never deleted: a process holding it must not be left locking a file that nobody else can see.
 */
export type FileLock = { release(): void };

export function lockFilePath(dbFile: string): string {
  return `${dbFile}.lock`;
}

function openLock(dbFile: string, nativeBinding?: string): Sqlite.Database {
  const sqlite = new Sqlite(lockFilePath(dbFile), nativeBinding ? { nativeBinding } : {});
  // Waiting would only delay the answer: a restore takes seconds, an open app holds its lock for hours.
  sqlite.pragma('busy_timeout = 0');
  return sqlite;
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

function held(sqlite: Sqlite.Database): FileLock {
  let released = false;
  return {
    release() {
      if (!released) {
        released = true;
        sqlite.close();
      }
    },
  };
}

/** Held while the database is open; refused while a restore is swapping files. */
export function holdShared(dbFile: string, nativeBinding?: string): FileLock {
  const sqlite = openLock(dbFile, nativeBinding);
  try {
    // A read transaction left open keeps the SHARED lock until the handle is closed.
    sqlite.prepare('BEGIN').run();
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    sqlite.close();
    if (isBusy(err)) {
      throw new DbError('conflict', 'Đang khôi phục dữ liệu từ bản sao lưu ở một cửa sổ hoặc lệnh ptdv khác. Hãy chờ xong rồi mở lại.', 'DB_RESTORING');
    }
    throw err;
  }
  return held(sqlite);
}

/** Held by a restore from before it looks at the files until the swap is done; refused while anyone has it open. */
export function holdExclusive(dbFile: string, nativeBinding?: string): FileLock {
  const sqlite = openLock(dbFile, nativeBinding);
  try {
    sqlite.prepare('BEGIN EXCLUSIVE').run();
  } catch (err) {
    sqlite.close();
    if (isBusy(err)) {
      throw new DbError(
        'conflict',
        'Cơ sở dữ liệu đang được mở bởi ứng dụng ptdv hoặc một lệnh ptdv khác. Hãy đóng ứng dụng (hoặc chờ lệnh chạy xong) rồi khôi phục lại, hoặc khôi phục ngay trong ứng dụng: Cài đặt → Khôi phục. Dữ liệu hiện tại chưa bị thay đổi.',
        'DB_IN_USE',
      );
    }
    throw err;
  }
  return held(sqlite);
}
