import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabase, keyFilePath, openDatabase, type Database, type OpenOptions } from '../../../db/client';
import { writeFileAtomic } from '../../../db/atomic';
import { rewrapPassphrase, unlockKeyFile } from '../../../db/keyfile';
import { AppError } from '../errors';
import type { Unit, UnitSetup } from '../model/entities';
import type { Clock } from '../ports';
import type { ServiceContext } from './context';
import { countUnitsBelow, findSelfUnit, setupUnit } from './unit-service';

export type SessionOptions = Omit<OpenOptions, 'timestamp'> & { dataDir: string; clock: Clock; actor: string };
export type SessionStatus = { state: 'no-database' | 'locked' | 'unlocked'; unit: Unit | null; dataDir: string; unitsBelow?: number };

export const DB_FILE_NAME = 'ptdv.db';

/**
 * The app's one open database: created at first run, unlocked with the passphrase, locked on demand. Every
 * transport (Electron IPC, web host, CLI) goes through this, so "locked" means the same everywhere.
 */
export class Session {
  private database: Database | null = null;
  readonly file: string;

  constructor(private readonly options: SessionOptions) {
    this.file = join(options.dataDir, DB_FILE_NAME);
  }

  private openOptions(): OpenOptions {
    return { ...this.options, timestamp: () => this.options.clock.now() };
  }

  status(): SessionStatus {
    if (this.database) {
      const db = this.database.db;
      return { state: 'unlocked', unit: findSelfUnit(db), dataDir: this.options.dataDir, unitsBelow: countUnitsBelow(db) };
    }
    const exists = existsSync(this.file) && existsSync(keyFilePath(this.file));
    return { state: exists ? 'locked' : 'no-database', unit: null, dataDir: this.options.dataDir };
  }

  /** First run: creates the encrypted database and the own unit; returns the recovery code to show once. */
  setup(unit: UnitSetup, passphrase: string): { recoveryCode: string; unit: Unit } {
    if (this.status().state !== 'no-database') {
      throw new AppError('conflict', 'Đã có cơ sở dữ liệu; hãy mở khóa thay vì thiết lập lại.');
    }
    const { database, recoveryCode } = createDatabase(this.file, passphrase, this.openOptions());
    this.database = database;
    return { recoveryCode, unit: setupUnit(this.context(), unit) };
  }

  unlock(secret: string): SessionStatus {
    this.database?.close();
    this.database = openDatabase(this.file, secret, this.openOptions());
    return this.status();
  }

  lock(): SessionStatus {
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
    const keyFile = rewrapPassphrase(database.keyFile, database.dataKey, next);
    writeFileAtomic(keyFilePath(this.file), JSON.stringify(keyFile, null, 2));
    database.keyFile = keyFile;
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
