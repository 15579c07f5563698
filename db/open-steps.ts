import { existsSync } from 'node:fs';
import { DbError } from './errors';
import { writeFileAtomic } from './atomic';
import { applyMigration, keyFilePath, openLockedUnmigrated, pendingMigrations, preMigrationBackupPath, readKeyFile, type Database, type OpenOptions } from './client';
import { openKeyFileAsync } from './keyfile';
import { finishInterruptedRestore } from './restore-swap';
import { snapshotDatabase } from './snapshot';

/** A step of opening, as the screen shows it (the shape of core's Progress, which db does not import). */
export type OpenProgress = (progress: { step: string; done: number; total: number; unit: 'bytes' | 'steps' }) => void;

/**
 * What opening does to an older database, in steps the screen sees: the automatic copy first (on a thread, by
 * bytes), then one migration at a time ("bước k/n"), the event loop turned between them so a look at the progress is
 * answered. A current database has none of these steps.
 */
export async function migrateInSteps(database: Database, options: OpenOptions, progress: OpenProgress, migrating: string): Promise<void> {
  const { pending, fresh } = pendingMigrations(database, options);
  if (pending.length === 0) {
    return;
  }
  if (!fresh) {
    const target = preMigrationBackupPath(database, options);
    await snapshotDatabase(database, target, (done, total) => progress({ step: 'Sao lưu tự động trước khi nâng cấp dữ liệu', done, total, unit: 'bytes' }));
    writeFileAtomic(keyFilePath(target), JSON.stringify(database.keyFile, null, 2));
  }
  for (const [index, migration] of pending.entries()) {
    progress({ step: migrating, done: index, total: pending.length, unit: 'steps' });
    await new Promise((resolve) => setImmediate(resolve));
    applyMigration(database, migration);
  }
}

/**
 * openDatabase for the unlock screen: the key derived off the main thread and the automatic copy and migrations an
 * upgrade needs done in steps, each said on the screen's bar instead of a window that stops answering meanwhile.
 */
export async function openDatabaseInSteps(file: string, secret: string, options: OpenOptions, progress: OpenProgress): Promise<Database> {
  finishInterruptedRestore(file, options.nativeBinding);
  if (!existsSync(file)) {
    throw new DbError('not-found', `Không tìm thấy cơ sở dữ liệu ${file}.`);
  }
  const keyFile = readKeyFile(file);
  const opened = await openKeyFileAsync(keyFile, secret, (done, total) => progress({ step: 'Mở khóa dữ liệu bằng mật khẩu', done, total, unit: 'steps' }));
  if (!opened) {
    throw new DbError('locked', 'Mật khẩu hoặc mã khôi phục không đúng.', 'WRONG_PASSPHRASE');
  }
  const database = openLockedUnmigrated(file, opened.dataKey, keyFile, options);
  try {
    await migrateInSteps(database, options, progress, 'Nâng cấp dữ liệu lên phiên bản này');
  } catch (err) {
    database.close();
    throw err;
  }
  database.openedWith = opened.via;
  return database;
}
