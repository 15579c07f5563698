import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { discardNewDatabase, openDatabase, type Database } from '../../db/client';
import { finishInterruptedRestore } from '../../db/restore-swap';
import { DbError } from '../../db/errors';
import { AppError } from '../core/errors';
import { isIsoDate } from '../core/model/dates';
import { fixedClock, systemClock, type Clock } from '../core/ports';
import type { ServiceContext } from '../core/services/context';
import { createNewDatabase } from '../core/services/session';
import { UsageError, type CliIo } from './io';

/** Where the shipped migrations are: beside the sources in development, in resources when packaged. */
export function migrationsDir(env: CliIo['env']): string {
  const candidates = [
    env.PTDV_MIGRATIONS_DIR,
    join(import.meta.dirname ?? '', '../../migrations'),
    // Set by Electron when the CLI runs from the packaged app.
    join((process as { resourcesPath?: string }).resourcesPath ?? '', 'migrations'),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(join(p, 'meta/_journal.json')));
  if (!found) {
    throw new AppError('internal', 'Không tìm thấy thư mục migrations của ptdv (đặt PTDV_MIGRATIONS_DIR).');
  }
  return found;
}

/** Inside the installed app (`ptdv --cli`) SQLite is the Electron-ABI build beside app.asar; main says where. */
function nativeModule(env: CliIo['env']): { nativeBinding?: string } {
  return env.PTDV_NATIVE_BINDING ? { nativeBinding: env.PTDV_NATIVE_BINDING } : {};
}

/** The passphrase from PTDV_PASSPHRASE, or asked on the terminal; a script with neither fails clearly. */
export async function passphrase(io: CliIo, prompt = 'Mật khẩu cơ sở dữ liệu: '): Promise<string> {
  const fromEnv = io.env.PTDV_PASSPHRASE;
  if (fromEnv) {
    return fromEnv;
  }
  const typed = await io.askSecret(prompt);
  if (!typed) {
    throw new AppError('validation', 'Cần mật khẩu: đặt biến môi trường PTDV_PASSPHRASE hoặc chạy lệnh trong terminal để nhập.');
  }
  return typed;
}

export type OpenedDb = { database: Database; ctx: ServiceContext };

/** PTDV_TODAY fixes "today" (demos, tests, replaying a past day); otherwise the Vietnam calendar day. */
export function clockOf(io: CliIo): Clock {
  const today = io.env.PTDV_TODAY;
  if (today && !isIsoDate(today)) {
    throw new AppError('validation', `PTDV_TODAY không phải ngày hợp lệ (YYYY-MM-DD): ${today}`);
  }
  return today ? fixedClock(today) : systemClock;
}

function context(database: Database, io: CliIo): ServiceContext {
  return { db: database.db, clock: clockOf(io), actor: `cli:${io.env.USER ?? io.env.USERNAME ?? 'user'}` };
}

/**
 * A passphrase that does not open the file, or a file with no key beside it (not a ptdv database, or copied without
 * its key), is input to correct: exit 2 like a --db that is not there.
 */
export function wrongDatabase(err: unknown): unknown {
  const refused = err instanceof DbError && (err.code === 'WRONG_PASSPHRASE' || err.kind === 'not-found');
  return refused ? new AppError('validation', err.message, err.code) : err;
}

/** Opens the database named by --db with the passphrase; runs `fn` and always closes it. */
export async function withDatabase<T>(file: string, io: CliIo, fn: (opened: OpenedDb) => T | Promise<T>): Promise<T> {
  const path = resolve(io.cwd, file);
  // A restore cut off mid-swap may have moved the file aside: finish it first, as the app does, or no command could
  // open the data again (docs/backup-restore.md promises any command finishes it).
  finishInterruptedRestore(path, nativeModule(io.env).nativeBinding);
  // A database that is not there, or a passphrase that does not open it, is input to correct (exit 2), not a finding.
  if (!existsSync(path)) {
    throw new UsageError(`--db: không tìm thấy cơ sở dữ liệu ${path}.`);
  }
  if (statSync(path).isDirectory()) {
    throw new UsageError(`--db: ${path} là một thư mục, không phải tệp cơ sở dữ liệu.`);
  }
  let database: Database;
  try {
    database = openDatabase(path, await passphrase(io), { ...nativeModule(io.env), migrationsDir: migrationsDir(io.env), timestamp: () => systemClock.now() });
  } catch (err) {
    throw wrongDatabase(err);
  }
  try {
    return await fn({ database, ctx: context(database, io) });
  } finally {
    database.close();
  }
}

/** Creates a new database at --db; refuses to overwrite. */
export async function withNewDatabase<T>(file: string, io: CliIo, fn: (opened: OpenedDb & { recoveryCode: string }) => T | Promise<T>): Promise<T> {
  const path = resolve(io.cwd, file);
  if (!existsSync(dirname(path))) {
    throw new UsageError(`--db: thư mục ${dirname(path)} không tồn tại. Hãy tạo thư mục đó trước, hoặc chọn nơi khác cho --db.`);
  }
  const { database, recoveryCode } = createNewDatabase(path, await passphrase(io, 'Đặt mật khẩu cho cơ sở dữ liệu mới: '), { ...nativeModule(io.env), migrationsDir: migrationsDir(io.env) });
  let result: T;
  try {
    result = await fn({ database, ctx: context(database, io), recoveryCode });
  } catch (err) {
    discardNewDatabase(database);
    throw err;
  }
  database.close();
  return result;
}
