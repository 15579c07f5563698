import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../electron/core/errors';
import { writeFileAtomic } from './atomic';
import { keyFilePath, openDatabaseWithKey, type Database, type OpenOptions } from './client';
import { keyFileSchema, unlockKeyFile } from './keyfile';

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
  if (bytes.length !== header.size || createHash('sha256').update(bytes).digest('hex') !== header.sha256) {
    throw invalid();
  }
  return { header, bytes };
}

/**
 * Restores `backupFile` over `dbFile` (which must be closed). The backup is checked first (hash, key, SQLite
 * integrity, migrations) in a temporary file; only then is the current database moved aside (never deleted) as
 * `<db>.truoc-khoi-phuc-<stamp>` and the restored one renamed into place. Returns where the old one went.
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
  const staged = `${dbFile}.khoi-phuc-${process.pid}`;
  writeFileAtomic(staged, bytes);
  try {
    const check = openDatabaseWithKey(staged, dataKey, header.keyFile, options);
    const result = check.sqlite.pragma('integrity_check', { simple: true });
    check.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    check.close();
    if (result !== 'ok') {
      throw new AppError('validation', 'Bản sao lưu không toàn vẹn; dữ liệu hiện tại được giữ nguyên.', 'BACKUP_INVALID');
    }
  } catch (err) {
    rmSync(staged, { force: true });
    rmSync(`${staged}-wal`, { force: true });
    rmSync(`${staged}-shm`, { force: true });
    throw err;
  }
  let movedAside: string | null = null;
  if (existsSync(dbFile)) {
    movedAside = `${dbFile}.truoc-khoi-phuc-${options.stamp.replace(/[:.]/g, '-')}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(dbFile + suffix)) {
        renameSync(dbFile + suffix, movedAside + suffix);
      }
    }
    if (existsSync(keyFilePath(dbFile))) {
      renameSync(keyFilePath(dbFile), keyFilePath(movedAside));
    }
  }
  writeFileAtomic(keyFilePath(dbFile), JSON.stringify(header.keyFile, null, 2));
  renameSync(staged, dbFile);
  return { movedAside };
}
