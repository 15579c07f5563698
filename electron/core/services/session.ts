import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readBackupForRestore, reinstateMovedAside, restoreVerified } from '../../../db/backup';
import { noProgress, type ProgressSink } from '../progress';
import { openDatabaseInSteps } from '../../../db/open-steps';
import { createDatabase, discardNewDatabase, keyFilePath, openDatabase, openDatabaseLocked, type Database, type OpenOptions } from '../../../db/client';
import { writeFileAtomic } from '../../../db/atomic';
import { finishInterruptedRestore, movedAsideCopies } from '../../../db/restore-swap';
import { rewrapPassphrase, unlockKeyFile } from '../../../db/keyfile';
import { passphraseProblem } from '../domain/passphrase/index';
import { AppError } from '../errors';
import { unitSetupSchema, type Unit, type UnitSetup } from '../model/entities';
import type { Clock } from '../ports';
import type { ServiceContext } from './context';
import { setupUnit } from './unit-service';
import { countUnitsBelow, findSelfUnit } from '../store/units';

/** `fixedToday`: the day `clock` is fixed to (the web host under PTDV_TODAY), told to the screens so their forms agree. */
export type SessionOptions = Omit<OpenOptions, 'timestamp'> & { dataDir: string; clock: Clock; actor: string; fixedToday?: string };
export type SessionStatus = {
  state: 'no-database' | 'locked' | 'unlocked' | 'needs-recovery';
  unit: Unit | null;
  dataDir: string;
  unitsBelow?: number;
  /** Unlocked with the recovery code: a new passphrase must be set before anything else. */
  needsNewPassphrase?: boolean;
  /** The day the host fixed "today" to (PTDV_TODAY under the web host); absent: the real Vietnam day. */
  fixedToday?: string;
  /** Names of the databases earlier restores moved aside, newest last (only in state 'needs-recovery'). */
  movedAside?: string[];
  /** Why the app cannot simply be unlocked or set up (only in state 'needs-recovery'). */
  problem?: string;
};

export const DB_FILE_NAME = 'ptdv.db';

/** The strength rule is the app's, for new passphrases only: checked here, before db/ writes a key file with it. */
function refuseWeakPassphrase(passphrase: string): void {
  const weak = passphraseProblem(passphrase);
  if (weak) {
    throw new AppError('validation', weak, 'WEAK_PASSPHRASE');
  }
}

/** A new encrypted database, for the app's first run and `ptdv init` alike; refuses a weak passphrase first. */
export function createNewDatabase(file: string, passphrase: string, options: OpenOptions): { database: Database; recoveryCode: string } {
  refuseWeakPassphrase(passphrase);
  return createDatabase(file, passphrase, options);
}

/**
 * The app's one open database: created at first run, unlocked with the passphrase, locked on demand. Every
 * transport (Electron IPC, web host, CLI) goes through this, so "locked" means the same everywhere.
 */
export class Session {
  private database: Database | null = null;
  /** Unlocks in steps run one after another: two at once (two tabs of the web host) would each open the file. */
  private unlocking: Promise<unknown> = Promise.resolve();
  /** Moves on at each lock, so an unlock still deriving its key when the user locks does not unlock afterwards. */
  private locks = 0;
  readonly file: string;

  constructor(private readonly options: SessionOptions) {
    this.file = join(options.dataDir, DB_FILE_NAME);
  }

  private dayFixed(): { fixedToday?: string } {
    return this.options.fixedToday ? { fixedToday: this.options.fixedToday } : {};
  }

  private openOptions(): OpenOptions {
    return { ...this.options, timestamp: () => this.options.clock.now() };
  }

  status(): SessionStatus {
    if (this.database) {
      const db = this.database.db;
      const status: SessionStatus = { state: 'unlocked', unit: findSelfUnit(db), dataDir: this.options.dataDir, unitsBelow: countUnitsBelow(db), ...this.dayFixed() };
      return this.database.openedWith === 'recovery' ? { ...status, needsNewPassphrase: true } : status;
    }
    // Every look at the folder first finishes a restore a crash interrupted, so the names below are the real state.
    finishInterruptedRestore(this.file, this.options.nativeBinding);
    const hasDb = existsSync(this.file);
    const hasKey = existsSync(keyFilePath(this.file));
    const base = { unit: null, dataDir: this.options.dataDir, ...this.dayFixed() };
    if (hasDb && hasKey) {
      return { state: 'locked', ...base };
    }
    const movedAside = movedAsideCopies(this.file).map((f) => basename(f));
    if (!hasDb && !hasKey && movedAside.length === 0) {
      return { state: 'no-database', ...base };
    }
    // Setting up anew here would bury the data that is still in this folder, so offer to restore instead.
    const problem = hasDb
      ? `Có ${DB_FILE_NAME} nhưng thiếu tệp khóa ${basename(keyFilePath(this.file))} nên không mở được.`
      : hasKey
        ? `Có tệp khóa nhưng thiếu ${DB_FILE_NAME}.`
        : `Không có ${DB_FILE_NAME}, nhưng thư mục còn dữ liệu được giữ lại từ lần khôi phục trước.`;
    return { state: 'needs-recovery', ...base, movedAside, problem };
  }

  /** First run: creates the encrypted database and the own unit; returns the recovery code to show once. */
  setup(unit: UnitSetup, passphrase: string): { recoveryCode: string; unit: Unit } {
    const state = this.status().state;
    if (state === 'needs-recovery') {
      throw new AppError('conflict', 'Thư mục dữ liệu còn dữ liệu cũ; hãy khôi phục từ bản sao lưu hoặc dùng lại dữ liệu cũ thay vì thiết lập mới.', 'MOVED_ASIDE_EXISTS');
    }
    if (state !== 'no-database') {
      throw new AppError('conflict', 'Đã có cơ sở dữ liệu; hãy mở khóa thay vì thiết lập lại.');
    }
    // Checked before the file exists, so a mistyped field never leaves a database that blocks the next try.
    const checked = unitSetupSchema.parse(unit);
    const { database, recoveryCode } = createNewDatabase(this.file, passphrase, this.openOptions());
    this.database = database;
    try {
      return { recoveryCode, unit: setupUnit(this.context(), checked) };
    } catch (err) {
      this.database = null;
      discardNewDatabase(database);
      throw err;
    }
  }

  unlock(secret: string): SessionStatus {
    this.database?.close();
    this.database = openDatabase(this.file, secret, this.openOptions());
    return this.status();
  }

  /**
   * unlock from the unlock screen: deriving the key, the automatic copy an upgrade makes and its migrations are steps
   * the screen's bar shows, and the host goes on answering meanwhile.
   */
  unlockInSteps(secret: string, progress: ProgressSink = noProgress): Promise<SessionStatus> {
    const locks = this.locks;
    const run = this.unlocking.then(async () => {
      if (this.locks !== locks) {
        return this.status();
      }
      this.database?.close();
      this.database = null;
      const database = await openDatabaseInSteps(this.file, secret, this.openOptions(), progress);
      if (this.locks !== locks || this.database) {
        // Locked, set up or restored since it was asked: that came last and stands; this handle must not keep the file open.
        database.close();
      } else {
        this.database = database;
      }
      return this.status();
    });
    this.unlocking = run.catch(() => undefined);
    return run;
  }

  /**
   * Restores a backup from the app itself: the app lets go of the database (so it is not writing into the file that
   * is moved aside), the restore runs, and the restored data is opened with the backup's passphrase. If the restore is
   * refused, the database that was open is opened again, unchanged.
   */
  async restore(
    backupFile: string,
    secret: string,
    progress: ProgressSink = noProgress,
  ): Promise<{ movedAside: string | null; movedAsideAt: string; backupMadeAt: string; archiveKeptAside: string[]; status: SessionStatus }> {
    // The backup is read and checked while the app keeps working; the database is let go only to put it in place.
    const verified = await readBackupForRestore(this.file, backupFile, secret, progress);
    const previous = this.database;
    this.lock();
    try {
      const stamp = this.options.clock.now();
      const { movedAside, archiveKeptAside } = await restoreVerified(this.file, verified, { ...this.openOptions(), stamp, progress });
      // The notice says when the backup was made and when the data it replaced was put aside, not only file names.
      return { movedAside: movedAside && basename(movedAside), movedAsideAt: stamp, backupMadeAt: verified.header.createdAt, archiveKeptAside, status: this.unlock(secret) };
    } catch (err) {
      if (previous && !this.database) {
        this.database = openDatabaseLocked(this.file, previous.dataKey, previous.keyFile, this.openOptions());
      }
      throw err;
    }
  }

  /** Puts a copy an earlier restore moved aside back in place; it then opens with its own passphrase. */
  reinstate(name: string): SessionStatus {
    if (this.database) {
      throw new AppError('conflict', 'Hãy khóa ứng dụng trước khi dùng lại dữ liệu cũ.');
    }
    reinstateMovedAside(this.file, join(this.options.dataDir, basename(name)), { stamp: this.options.clock.now(), nativeBinding: this.options.nativeBinding });
    return this.status();
  }

  lock(): SessionStatus {
    this.locks += 1;
    this.database?.close();
    this.database = null;
    return this.status();
  }

  /** Re-wraps the data key under the new passphrase; the database itself is not rewritten. */
  changePassphrase(current: string, next: string): void {
    const database = this.open();
    if (!unlockKeyFile(database.keyFile, current)) {
      throw new AppError('locked', 'Mật khẩu hiện tại không đúng.', 'WRONG_PASSPHRASE');
    }
    this.rewrap(database, next);
  }

  /**
   * After unlocking with the recovery code the old passphrase is presumed forgotten: the user sets a new one without
   * typing the old, and the app asks for nothing else until then. The recovery code keeps working.
   */
  replaceLostPassphrase(next: string): SessionStatus {
    const database = this.open();
    if (database.openedWith !== 'recovery') {
      throw new AppError('forbidden', 'Chỉ đặt mật khẩu mới theo cách này ngay sau khi mở bằng mã khôi phục. Hãy dùng “Đổi mật khẩu” trong Cài đặt.');
    }
    this.rewrap(database, next);
    return this.status();
  }

  private rewrap(database: Database, next: string): void {
    refuseWeakPassphrase(next);
    const keyFile = rewrapPassphrase(database.keyFile, database.dataKey, next);
    writeFileAtomic(keyFilePath(this.file), JSON.stringify(keyFile, null, 2));
    database.keyFile = keyFile;
    database.openedWith = 'passphrase';
  }

  open(): Database {
    if (!this.database) {
      throw new AppError('locked', 'Cơ sở dữ liệu đang khóa; hãy nhập mật khẩu để mở.');
    }
    return this.database;
  }

  context(): ServiceContext {
    return { db: this.open().db, clock: this.options.clock, actor: this.options.actor };
  }

  close(): void {
    this.lock();
  }
}
