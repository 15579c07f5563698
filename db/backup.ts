import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../electron/core/errors';
import { writeFileAtomic } from './atomic';
import { keyFilePath, openDatabaseWithKey, openEncrypted, type Database, type OpenOptions } from './client';
import { crashPoint } from './crash-point';
import { keyFileSchema, unlockKeyFile, type KeyFile } from './keyfile';
import { holdExclusive } from './lock';
import { repairUnderLock, stagedPrefix, swapFiles, type SwapStep } from './restore-swap';

/**
 * A backup is one file a secretary can copy to a USB stick: a text header line (JSON: format, date, key file,
 * sha256) and then the database bytes, still encrypted with the data key. The key file travels inside, so the
 * backup opens with the passphrase (or recovery code) that was valid when it was made, and with nothing else.
 */
const MAGIC = 'PTDV-BACKUP/1\n';
const headerSchema = z.strictObject({
  format: z.literal('ptdv.backup/1'),
  createdAt: z.string(),
  unitCode: z.string().nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  keyFile: keyFileSchema,
});

/** Writes a consistent backup of an open database to `outFile` (atomic); returns its size in bytes. */
export function backupDatabase(database: Database, outFile: string, meta: { createdAt: string; unitCode: string | null }): number {
  const snapshot = join(dirname(outFile), `.${basename(outFile)}.snapshot-${process.pid}`);
  rmSync(snapshot, { force: true });
  try {
    database.sqlite.prepare('VACUUM INTO ?').run(snapshot);
    const bytes = readFileSync(snapshot);
    const header = headerSchema.parse({
      format: 'ptdv.backup/1',
      createdAt: meta.createdAt,
      unitCode: meta.unitCode,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      keyFile: database.keyFile,
    });
    const out = Buffer.concat([Buffer.from(MAGIC + JSON.stringify(header) + '\n'), bytes]);
    writeFileAtomic(outFile, out);
    return out.length;
  } finally {
    rmSync(snapshot, { force: true });
  }
}

function readBackup(file: string): { header: z.infer<typeof headerSchema>; bytes: Buffer } {
  const invalid = () => new AppError('validation', `Tệp ${basename(file)} không phải bản sao lưu ptdv hoặc đã bị hỏng.`, 'BACKUP_INVALID');
  if (!existsSync(file)) {
    throw new AppError('not-found', `Không tìm thấy tệp sao lưu ${file}.`);
  }
  const all = readFileSync(file);
  if (all.subarray(0, MAGIC.length).toString() !== MAGIC) {
    throw invalid();
  }
  const end = all.indexOf(0x0a, MAGIC.length);
  if (end < 0) {
    throw invalid();
  }
  let header;
  try {
    header = headerSchema.parse(JSON.parse(all.subarray(MAGIC.length, end).toString('utf8')));
  } catch {
    throw invalid();
  }
  const bytes = all.subarray(end + 1);
  if (header.size === 0) {
    throw new AppError('validation', `Tệp ${basename(file)} là bản sao lưu rỗng (không có dữ liệu); dữ liệu hiện tại được giữ nguyên.`, 'BACKUP_INVALID');
  }
  if (bytes.length !== header.size || createHash('sha256').update(bytes).digest('hex') !== header.sha256) {
    throw invalid();
  }
  return { header, bytes };
}

/**
 * The backup's database is checked where it was staged, before anything of the current data moves: it opens with
 * the key, SQLite finds it whole, and it holds a unit set up as its own (an empty or foreign file is refused). Only
 * then are older backups brought up to date by the migrations, and the file left as a single file without WAL.
 */
function checkStaged(staged: string, dataKey: Buffer, keyFile: KeyFile, options: OpenOptions): void {
  const invalid = new AppError(
    'validation',
    'Bản sao lưu bị hỏng, rỗng hoặc không chứa dữ liệu của đơn vị nào; dữ liệu hiện tại được giữ nguyên.',
    'BACKUP_INVALID',
  );
  let sound = false;
  try {
    const sqlite = openEncrypted(staged, dataKey, options.nativeBinding);
    try {
      const whole = sqlite.pragma('integrity_check', { simple: true }) === 'ok';
      const hasUnits = sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'units'").pluck().get() === 1;
      sound = whole && hasUnits && Number(sqlite.prepare("SELECT count(*) FROM units WHERE origin = 'self'").pluck().get()) === 1;
    } finally {
      sqlite.close();
    }
  } catch (err) {
    if (err instanceof AppError && err.kind !== 'locked') {
      throw err;
    }
    throw invalid;
  }
  if (!sound) {
    throw invalid;
  }
  const database = openDatabaseWithKey(staged, dataKey, keyFile, options);
  try {
    database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    database.sqlite.pragma('journal_mode = DELETE');
  } finally {
    database.close();
  }
}

/** A moved-aside name nobody has used: a second restore in the same second (or on a fixed PTDV_TODAY) gets `-2`. */
function freshAsideName(dbFile: string, stamp: string): string {
  const base = `${dbFile}.truoc-khoi-phuc-${stamp.replace(/[:.]/g, '-')}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (![name, `${name}-wal`, `${name}-shm`, keyFilePath(name)].some((f) => existsSync(f))) {
      return name;
    }
  }
}

/** The renames that move whatever is in place now (database, WAL, shared memory, key) to one fresh aside name. */
function moveAsideSteps(dbFile: string, stamp: string): { movedAside: string | null; steps: SwapStep[] } {
  const old = [
    { name: 'aside-db', suffix: '' },
    { name: 'aside-wal', suffix: '-wal' },
    { name: 'aside-shm', suffix: '-shm' },
    { name: 'aside-key', suffix: keyFilePath(dbFile).slice(dbFile.length) },
  ].filter((f) => existsSync(dbFile + f.suffix));
  if (old.length === 0) {
    return { movedAside: null, steps: [] };
  }
  const movedAside = freshAsideName(dbFile, stamp);
  return { movedAside, steps: old.map((f) => ({ name: f.name, from: basename(dbFile + f.suffix), to: basename(movedAside + f.suffix) })) };
}

/**
 * Restores `backupFile` over `dbFile`. Refused while any other process has the database open (see lock.ts). The
 * backup is checked fully (size, hash, key, SQLite integrity, a unit inside) in a staged file before anything of the
 * current data moves; then the current database, its WAL and key are moved aside (never deleted, never over an
 * earlier moved-aside copy) and the backup moved in, under a journal that any later open finishes after a crash.
 * Returns where the old database went.
 */
export function restoreDatabase(
  dbFile: string,
  backupFile: string,
  secret: string,
  options: OpenOptions & { stamp: string },
): { movedAside: string | null } {
  const { header, bytes } = readBackup(backupFile);
  const dataKey = unlockKeyFile(header.keyFile, secret);
  if (!dataKey) {
    throw new AppError('locked', 'Mật khẩu hoặc mã khôi phục không mở được bản sao lưu này (cần mật khẩu lúc sao lưu).', 'WRONG_PASSPHRASE');
  }
  const dir = dirname(dbFile);
  if (!existsSync(dir)) {
    throw new AppError('not-found', `Thư mục ${dir} không tồn tại.`);
  }
  crashPoint('restore:read');
  const lock = holdExclusive(dbFile, options.nativeBinding);
  try {
    crashPoint('restore:locked');
    repairUnderLock(dbFile);
    const staged = join(dir, `${stagedPrefix(dbFile)}${randomBytes(6).toString('hex')}`);
    try {
      writeFileAtomic(staged, bytes);
      checkStaged(staged, dataKey, header.keyFile, options);
      writeFileAtomic(keyFilePath(staged), JSON.stringify(header.keyFile, null, 2));
    } catch (err) {
      for (const f of [staged, `${staged}-wal`, `${staged}-shm`, keyFilePath(staged)]) {
        rmSync(f, { force: true });
      }
      throw err;
    }
    crashPoint('restore:staged');
    const { movedAside, steps } = moveAsideSteps(dbFile, options.stamp);
    swapFiles(dbFile, [
      ...steps,
      { name: 'place-key', from: basename(keyFilePath(staged)), to: basename(keyFilePath(dbFile)) },
      { name: 'place-db', from: basename(staged), to: basename(dbFile) },
    ]);
    return { movedAside };
  } finally {
    lock.release();
  }
}

/**
 * Puts a moved-aside copy (`<db>.truoc-khoi-phuc-…` and its key) back in place, under the same lock and journal as a
 * restore; whatever is in place now (perhaps a database without its key) is moved aside in turn, never deleted.
 */
export function reinstateMovedAside(dbFile: string, aside: string, options: { stamp: string; nativeBinding?: string }): { movedAside: string | null } {
  const lock = holdExclusive(dbFile, options.nativeBinding);
  try {
    repairUnderLock(dbFile);
    if (dirname(aside) !== dirname(dbFile) || !basename(aside).startsWith(`${basename(dbFile)}.truoc-khoi-phuc-`) || !existsSync(aside) || !existsSync(keyFilePath(aside))) {
      throw new AppError('not-found', `Không tìm thấy bản dữ liệu cũ ${basename(aside)} cùng tệp khóa của nó.`);
    }
    const { movedAside, steps } = moveAsideSteps(dbFile, options.stamp);
    swapFiles(dbFile, [
      ...steps,
      ...['-wal', '-shm'].filter((suffix) => existsSync(aside + suffix)).map((suffix) => ({ name: `place${suffix}`, from: basename(aside + suffix), to: basename(dbFile + suffix) })),
      { name: 'place-key', from: basename(keyFilePath(aside)), to: basename(keyFilePath(dbFile)) },
      { name: 'place-db', from: basename(aside), to: basename(dbFile) },
    ]);
    return { movedAside };
  } finally {
    lock.release();
  }
}
