import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import type Sqlite from 'better-sqlite3';
import { z } from 'zod';
import { syncFolder, writeFileAtomic } from './atomic';
import { keyFilePath, openEncrypted, openUnmigrated, type Database, type OpenOptions } from './client';
import { migrateInSteps } from './open-steps';
import { crashPoint } from './crash-point';
import { ARCHIVE_FOLDER, ARCHIVE_PATH } from './data-folder';
import { assertWritableFolder, DbError, storageError } from './errors';
import { keyFileSchema, openKeyFileAsync, type KeyFile } from './keyfile';
import { holdExclusive } from './lock';
import { snapshotDatabase } from './snapshot';
import { repairUnderLock, stagedPrefix, swapFiles, type SwapStep } from './restore-swap';

/**
 * A backup is one file a secretary can copy to a USB stick: a text header line (JSON: format, date, key file,
 * sha256) and then the database bytes, still encrypted with the data key. The key file travels inside, so the
 * backup opens with the passphrase (or recovery code) that was valid when it was made, and with nothing else.
 * After the database come the archived received files of `luu-tru/` (still encrypted and signed as received), one
 * after another in the order the header lists them; a backup made before they were carried has no `archive`.
 */
const MAGIC = 'PTDV-BACKUP/1\n';
const archiveEntrySchema = z.strictObject({
  path: z.string().regex(ARCHIVE_PATH),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
type ArchiveEntry = z.infer<typeof archiveEntrySchema>;
const headerSchema = z.strictObject({
  format: z.literal('ptdv.backup/1'),
  createdAt: z.string(),
  unitCode: z.string().nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  keyFile: keyFileSchema,
  archive: z.array(archiveEntrySchema).optional(),
});

/**
 * Where a backup or restore is: the step it is doing, and how much of it is done, in bytes or in parts of the step
 * (the app's ProgressSink fits it).
 */
export type BackupProgress = (progress: { step: string; done: number; total: number; unit: 'bytes' | 'steps' }) => void;
const noProgress: BackupProgress = () => undefined;
/** Progress of one file among several that make one step: `base` bytes are done before it, of `total`. */
const within = (progress: BackupProgress, base: number, total: number): BackupProgress => (p) => progress({ ...p, done: base + p.done, total });
const sum = (sizes: readonly number[]) => sizes.reduce((a, b) => a + b, 0);

/** Backups are read and written a megabyte at a time: a backup is never held in memory whole. */
const CHUNK = 1024 * 1024;
/** The header line is small (a key file and a few fields); one longer than this is not ours. */
const MAX_HEADER = 64 * 1024;

function writeAll(fd: number, chunk: Uint8Array): void {
  for (let written = 0; written < chunk.length; ) {
    written += writeSync(fd, chunk, written, chunk.length - written);
  }
}

/**
 * Reads `length` bytes of `file` from `start`, a chunk at a time, hashing them and handing each to `each`; reports
 * the bytes done as `step`. Reads are asynchronous, so the app answers other calls between chunks.
 */
async function streamFile(file: string, start: number, length: number, step: string, progress: BackupProgress, each?: (chunk: Buffer) => void): Promise<{ sha256: string; bytes: number }> {
  // Reported before the first wait: a look at the progress made during the synchronous work before (the key
  // derivation) is answered there, and should see this step.
  progress({ step, done: 0, total: length, unit: 'bytes' });
  const handle = await open(file, 'r');
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(CHUNK);
  let done = 0;
  try {
    while (done < length) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, length - done), start + done);
      if (bytesRead === 0) {
        break;
      }
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      each?.(chunk);
      done += bytesRead;
      progress({ step, done, total: length, unit: 'bytes' });
    }
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), bytes: done };
}

/** The archived files beside `dbFile` (paths relative to its folder), by unit and then name. */
function archivedFiles(dbFile: string): string[] {
  const root = join(dirname(dbFile), ARCHIVE_FOLDER);
  if (!existsSync(root)) {
    return [];
  }
  const found: string[] = [];
  for (const unit of readdirSync(root).sort()) {
    if (!statSync(join(root, unit)).isDirectory()) {
      continue;
    }
    for (const name of readdirSync(join(root, unit)).sort()) {
      const path = `${ARCHIVE_FOLDER}/${unit}/${name}`;
      // A temp file is what a killed move left: its file is still whole in the database.
      if (ARCHIVE_PATH.test(path) && !name.includes('.tmp-') && statSync(join(root, unit, name)).isFile()) {
        found.push(path);
      }
    }
  }
  return found;
}

/**
 * Writes a consistent backup of an open database to `outFile` (atomic: a temp file renamed into place); returns its
 * size in bytes. The snapshot and the archived files are streamed twice, once to hash them for the header and once
 * to copy them after the header, with progress by bytes.
 */
export async function backupDatabase(database: Database, outFile: string, meta: { createdAt: string; unitCode: string | null }, progress: BackupProgress = noProgress): Promise<number> {
  assertWritableFolder(dirname(outFile));
  removeLeftovers(dirname(outFile));
  const snapshot = join(dirname(outFile), `.${basename(outFile)}.snapshot-${process.pid}`);
  rmSync(snapshot, { force: true });
  try {
    const size = await snapshotDatabase(database, snapshot, (done, total) => progress({ step: 'Chụp lại dữ liệu hiện tại', done, total, unit: 'bytes' }));
    const dir = dirname(database.file);
    const archived = archivedFiles(database.file).map((path) => ({ path, size: statSync(join(dir, path)).size }));
    const total = size + sum(archived.map((a) => a.size));
    const checking = 'Kiểm tra dữ liệu cần sao lưu';
    const { sha256 } = await streamFile(snapshot, 0, size, checking, within(progress, 0, total));
    const archive: ArchiveEntry[] = [];
    for (const file of archived) {
      const hashed = await streamFile(join(dir, file.path), 0, file.size, checking, within(progress, size + sum(archive.map((a) => a.size)), total));
      archive.push({ path: file.path, size: hashed.bytes, sha256: hashed.sha256 });
    }
    const header = headerSchema.parse({
      format: 'ptdv.backup/1',
      createdAt: meta.createdAt,
      unitCode: meta.unitCode,
      sha256,
      size,
      keyFile: database.keyFile,
      ...(archive.length > 0 ? { archive } : {}),
    });
    const head = Buffer.from(MAGIC + JSON.stringify(header) + '\n');
    const tmp = `${outFile}.tmp-${process.pid}-${Date.now()}`;
    try {
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeAll(fd, head);
        const writing = 'Ghi tệp sao lưu';
        const copied = await streamFile(snapshot, 0, size, writing, within(progress, 0, total), (chunk) => writeAll(fd, chunk));
        if (copied.sha256 !== sha256) {
          throw new Error('the backup snapshot changed while it was copied');
        }
        let base = size;
        for (const entry of archive) {
          const file = await streamFile(join(dir, entry.path), 0, entry.size, writing, within(progress, base, total), (chunk) => writeAll(fd, chunk));
          if (file.sha256 !== entry.sha256 || file.bytes !== entry.size) {
            throw new DbError('conflict', `Tệp lưu trữ ${entry.path} thay đổi trong lúc sao lưu; hãy sao lưu lại.`, 'BACKUP_ARCHIVE_CHANGED');
          }
          base += entry.size;
        }
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, outFile);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw storageError(err, dirname(outFile)) ?? err;
    }
    syncFolder(dirname(outFile));
    return head.length + total;
  } finally {
    rmSync(snapshot, { force: true });
  }
}

/** A backup whose bytes were read into the data folder and checked; restoreVerified puts them in place. */
export type Verified = { header: z.infer<typeof headerSchema>; dataKey: Buffer; reading: string; archiveDir: string };

/** Where a restore copies a backup's database bytes while it checks them, before it takes the lock. */
const readingPrefix = (dbFile: string) => `${basename(dbFile)}.dang-doc-`;

/** The header line of a backup file and where its database bytes start, read without reading the rest. */
function readHeader(file: string): { header: z.infer<typeof headerSchema>; bodyStart: number; size: number } {
  const invalid = () => new DbError('validation', `Tệp ${basename(file)} không phải bản sao lưu ptdv hoặc đã bị hỏng.`, 'BACKUP_INVALID');
  if (!existsSync(file)) {
    throw new DbError('not-found', `Không tìm thấy tệp sao lưu ${file}.`);
  }
  const size = statSync(file).size;
  const first = Buffer.alloc(Math.min(MAX_HEADER, size));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, first, 0, first.length, 0);
  } finally {
    closeSync(fd);
  }
  if (first.subarray(0, MAGIC.length).toString() !== MAGIC) {
    throw invalid();
  }
  const end = first.indexOf(0x0a, MAGIC.length);
  if (end < 0) {
    throw invalid();
  }
  let header;
  try {
    header = headerSchema.parse(JSON.parse(first.subarray(MAGIC.length, end).toString('utf8')));
  } catch {
    throw invalid();
  }
  if (header.size === 0) {
    throw new DbError('validation', `Tệp ${basename(file)} là bản sao lưu rỗng (không có dữ liệu); dữ liệu hiện tại được giữ nguyên.`, 'BACKUP_INVALID');
  }
  if (size - (end + 1) !== header.size + sum((header.archive ?? []).map((a) => a.size))) {
    throw invalid();
  }
  return { header, bodyStart: end + 1, size };
}

/**
 * Reads a backup into the data folder while checking it, before anything of the current data is touched: its header
 * and size, that the secret opens its key, then its database bytes, streamed a megabyte at a time into a file beside
 * the database and hashed on the way (progress by bytes), and so are the archived files it carries, into a folder
 * beside it. The app keeps working meanwhile; only restoreVerified needs the database let go. A refused backup leaves
 * nothing behind.
 */
export async function readBackupForRestore(dbFile: string, file: string, secret: string, progress: BackupProgress = noProgress): Promise<Verified> {
  const { header, bodyStart } = readHeader(file);
  const dataKey = (await openKeyFileAsync(header.keyFile, secret, (done, total) => progress({ step: 'Mở khóa bản sao lưu', done, total, unit: 'steps' })))?.dataKey;
  if (!dataKey) {
    throw new DbError('locked', 'Mật khẩu hoặc mã khôi phục không mở được bản sao lưu này (cần mật khẩu lúc sao lưu).', 'WRONG_PASSPHRASE');
  }
  const dir = dirname(dbFile);
  if (!existsSync(dir)) {
    throw new DbError('not-found', `Thư mục ${dir} không tồn tại.`);
  }
  const reading = join(dir, `${readingPrefix(dbFile)}${randomBytes(6).toString('hex')}`);
  const archiveDir = `${reading}-${ARCHIVE_FOLDER}`;
  const archive = header.archive ?? [];
  const total = header.size + sum(archive.map((a) => a.size));
  const step = 'Đọc và kiểm tra tệp sao lưu';
  const copy = async (to: string, start: number, length: number, base: number, expected: string) => {
    const fd = openSync(to, 'w', 0o600);
    try {
      const { sha256 } = await streamFile(file, start, length, step, within(progress, base, total), (chunk) => writeAll(fd, chunk));
      if (sha256 !== expected) {
        throw new DbError('validation', `Tệp ${basename(file)} không phải bản sao lưu ptdv hoặc đã bị hỏng.`, 'BACKUP_INVALID');
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  };
  try {
    await copy(reading, bodyStart, header.size, 0, header.sha256);
    let base = header.size;
    for (const entry of archive) {
      const to = join(archiveDir, entry.path);
      mkdirSync(dirname(to), { recursive: true });
      await copy(to, bodyStart + base, entry.size, base, entry.sha256);
      base += entry.size;
    }
  } catch (err) {
    rmSync(reading, { force: true });
    rmSync(archiveDir, { recursive: true, force: true });
    throw storageError(err, dir) ?? err;
  }
  return { header, dataKey, reading, archiveDir };
}

/**
 * Puts the backup's archived files into `luu-tru/`, each by a rename from where it was read. Only adds: a file
 * already there with the same bytes stays, one with other bytes is renamed aside, never deleted; returns where those
 * went (relative to the data folder), for the person restoring to be told. Runs after the backup's database was
 * found sound and before it is swapped in; a crash in between leaves extra archived files, which nothing reads unless
 * a database names them.
 */
function placeArchive(dir: string, verified: Verified, stamp: string): string[] {
  const keptAside: string[] = [];
  for (const entry of verified.header.archive ?? []) {
    const target = join(dir, entry.path);
    if (existsSync(target)) {
      if (createHash('sha256').update(readFileSync(target)).digest('hex') === entry.sha256) {
        continue;
      }
      let aside = `${target}.truoc-khoi-phuc-${stamp.replace(/[^\w-]/g, '-')}`;
      for (let n = 2; existsSync(aside); n++) {
        aside = `${target}.truoc-khoi-phuc-${stamp.replace(/[^\w-]/g, '-')}-${n}`;
      }
      renameSync(target, aside);
      keptAside.push(relative(dir, aside).split(sep).join('/'));
    }
    mkdirSync(dirname(target), { recursive: true });
    renameSync(join(verified.archiveDir, entry.path), target);
    syncFolder(dirname(target));
  }
  return keptAside;
}

/**
 * SQLite's integrity check of a whole database, in parts the screen sees go by: `integrity_check` of one table (with
 * its indexes) at a time, then `quick_check` of the file, which finds what checks of single tables cannot (a page
 * used twice or by nobody, a damaged free list). Together they check what one `integrity_check` does, in about the
 * same time. Waits a turn of the event loop before each part, so a look at the progress is answered.
 */
async function checkIntegrity(sqlite: Sqlite.Database, progress: BackupProgress): Promise<boolean> {
  const tables = sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  const parts = [...tables.map((table) => `PRAGMA integrity_check('${table.replaceAll("'", "''")}')`), 'PRAGMA quick_check'];
  for (const [index, sql] of parts.entries()) {
    progress({ step: 'Kiểm tra tính toàn vẹn dữ liệu khôi phục', done: index, total: parts.length, unit: 'steps' });
    await new Promise((resolve) => setImmediate(resolve));
    const found = sqlite.prepare(sql).pluck().all();
    if (found.length !== 1 || found[0] !== 'ok') {
      return false;
    }
  }
  return true;
}

/**
 * The backup's database is checked where it was staged, before anything of the current data moves: it opens with
 * the key, SQLite finds it whole, and it holds a unit set up as its own (an empty or foreign file is refused). Only
 * then are older backups brought up to date by the migrations, and the file left as a single file without WAL.
 */
async function checkStaged(staged: string, dataKey: Buffer, keyFile: KeyFile, options: OpenOptions, progress: BackupProgress): Promise<RestoredUnit> {
  const invalid = new DbError(
    'validation',
    'Bản sao lưu bị hỏng, rỗng hoặc không chứa dữ liệu của đơn vị nào; dữ liệu hiện tại được giữ nguyên.',
    'BACKUP_INVALID',
  );
  let sound = false;
  let unit: RestoredUnit | undefined;
  try {
    const sqlite = openEncrypted(staged, dataKey, options.nativeBinding);
    try {
      const whole = await checkIntegrity(sqlite, progress);
      progress({ step: 'Kiểm tra dữ liệu khôi phục và đặt vào chỗ', done: 0, total: 0, unit: 'bytes' });
      const hasUnits = sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'units'").pluck().get() === 1;
      const own = hasUnits ? (sqlite.prepare("SELECT code, name FROM units WHERE origin = 'self'").all() as RestoredUnit[]) : [];
      sound = whole && own.length === 1;
      unit = own[0];
    } finally {
      sqlite.close();
    }
  } catch (err) {
    if (err instanceof DbError && err.kind !== 'locked') {
      throw err;
    }
    throw invalid;
  }
  if (!sound || !unit) {
    throw invalid;
  }
  const database = openUnmigrated(staged, dataKey, keyFile, options);
  try {
    await migrateInSteps(database, options, progress, 'Nâng cấp dữ liệu của bản sao lưu lên phiên bản này');
    database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    database.sqlite.pragma('journal_mode = DELETE');
  } finally {
    database.close();
  }
  return unit;
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

/** The working files a backup writes beside its destination, with the process that wrote them. */
const LEFTOVER = /^(?:\..+\.snapshot-(\d+)|.+\.tmp-(\d+)-\d{13})$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A backup killed midway (power cut, task manager) leaves its snapshot, as big as the database, in the folder the
 * user chose, hidden: the next backup there removes what a process no longer running left. Never another live one's.
 */
function removeLeftovers(dir: string): void {
  for (const name of readdirSync(dir)) {
    const match = LEFTOVER.exec(name);
    const pid = Number(match?.[1] ?? match?.[2]);
    if (match && pid !== process.pid && !alive(pid)) {
      rmSync(join(dir, name), { force: true });
    }
  }
}

/**
 * Restores `backupFile` over `dbFile`. Refused while any other process has the database open (see lock.ts). The
 * backup is read and checked (size, key, hash) by readBackupForRestore, then again where it is staged (SQLite
 * integrity, a unit inside) before anything of the current data moves; then the current database, its WAL and key are
 * moved aside (never deleted, never over an earlier moved-aside copy) and the backup moved in, under a journal that
 * any later open finishes after a crash. Returns where the old database went.
 */
export async function restoreDatabase(dbFile: string, backupFile: string, secret: string, options: OpenOptions & { stamp: string; progress?: BackupProgress }): Promise<Restored> {
  const verified = await readBackupForRestore(dbFile, backupFile, secret, options.progress);
  return restoreVerified(dbFile, verified, options);
}

/**
 * What a restore kept: where the database in place before went, and the files of `luu-tru/` that differed from the
 * backup's under the same name and were renamed aside (paths relative to the data folder).
 */
export type Restored = { movedAside: string | null; archiveKeptAside: string[]; unit: RestoredUnit; backupMadeAt: string };

/** The unit the restored data belongs to, read from inside it (the backup's plain header only names it). */
export type RestoredUnit = { code: string; name: string };

/** The part of a restore that moves files: under the exclusive lock, with nothing else using the database. */
export async function restoreVerified(dbFile: string, verified: Verified, options: OpenOptions & { stamp: string; progress?: BackupProgress }): Promise<Restored> {
  const { header, dataKey } = verified;
  const dir = dirname(dbFile);
  try {
    crashPoint('restore:read');
    const lock = holdExclusive(dbFile, options.nativeBinding);
    try {
      crashPoint('restore:locked');
      repairUnderLock(dbFile);
      // What a restore killed while reading left behind; this one's own file is kept.
      for (const name of readdirSync(dir)) {
        if (name.startsWith(readingPrefix(dbFile)) && ![verified.reading, verified.archiveDir].includes(join(dir, name))) {
          rmSync(join(dir, name), { recursive: true, force: true });
        }
      }
      const staged = join(dir, `${stagedPrefix(dbFile)}${randomBytes(6).toString('hex')}`);
      let archiveKeptAside: string[];
      let unit: RestoredUnit;
      try {
        renameSync(verified.reading, staged);
        unit = await checkStaged(staged, dataKey, header.keyFile, options, options.progress ?? noProgress);
        writeFileAtomic(keyFilePath(staged), JSON.stringify(header.keyFile, null, 2));
        archiveKeptAside = placeArchive(dir, verified, options.stamp);
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
      return { movedAside, archiveKeptAside, unit, backupMadeAt: header.createdAt };
    } finally {
      lock.release();
    }
  } finally {
    rmSync(verified.reading, { force: true });
    rmSync(verified.archiveDir, { recursive: true, force: true });
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
      throw new DbError('not-found', `Không tìm thấy bản dữ liệu cũ ${basename(aside)} cùng tệp khóa của nó.`);
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
