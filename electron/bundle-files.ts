import { existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { syncFolder, writeFileAtomic, writeTempFile } from '../db/atomic';
import { crashPoint } from '../db/crash-point';
import { ARCHIVE_FOLDER } from '../db/data-folder';
import { storageError } from '../db/errors';
import { bundleError, MAX_BUNDLE_BYTES, sha256Hex } from './core/domain/bundles/index';
import { AppError } from './core/errors';
import type { ImportOutcome } from './core/model/sync';
import type { MadeBundle } from './core/services/bundle-export';
import { importBundle, rejectedOutcome, type ImportOptions } from './core/services/bundle-import';
import type { ServiceContext } from './core/services/context';
import { databaseFile, heldFileBytes, markMovedOut, supersededFiles } from './core/store/archive';
import { readUtf8File } from './input-files';

/**
 * Bundle files on disk, for both shells (the CLI and the IPC handlers): core works on bytes and never touches
 * the file system.
 */

/**
 * Writes `data` to `path` only if nothing is there: the file appears whole (temp file, fsync, hard link) or not
 * at all, and an existing file, perhaps another bundle with the same name, is never replaced.
 */
export function writeNewFile(path: string, data: string | Uint8Array, mode = 0o644): void {
  if (existsSync(path)) {
    throw new AppError('conflict', `Tệp ${path} đã có; ptdv không ghi đè. Hãy chọn nơi lưu khác hoặc xóa tệp cũ.`, 'FILE_EXISTS');
  }
  const tmp = writeTempFile(path, data, mode);
  try {
    linkSync(tmp, path);
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') {
      throw new AppError('conflict', `Tệp ${path} đã có; ptdv không ghi đè.`, 'FILE_EXISTS');
    }
    throw storageError(error, dirname(path)) ?? error;
  } finally {
    unlinkSync(tmp);
  }
  syncFolder(dirname(path));
}

/** Saves a made bundle under its own name in folder `dir` (or at `path` when it names a file); returns the path. */
export function saveBundle(target: string, made: Pick<MadeBundle, 'bytes'> & { bundle: { fileName: string } }): string {
  const path = existsSync(target) && statSync(target).isDirectory() ? join(target, made.bundle.fileName) : target;
  writeNewFile(path, made.bytes);
  return path;
}

/** Every path must name a readable file before anything is imported: a typo should not leave half a batch done. */
function checkPaths(paths: readonly string[]): void {
  const missing = paths.filter((p) => !existsSync(p) || !statSync(p).isFile());
  if (missing.length > 0) {
    throw new AppError('validation', `Không tìm thấy tệp: ${missing.join(', ')}`, 'FILE_NOT_FOUND');
  }
}

/**
 * Imports (or verifies) files one at a time, so a batch of 500 never holds more than one file in memory. A file
 * over the size limit is refused from its size alone, before it is read (import step 1).
 */
export async function importFiles(ctx: ServiceContext, paths: readonly string[], options: ImportOptions, onFile?: (done: number, outcome: ImportOutcome) => void): Promise<ImportOutcome[]> {
  checkPaths(paths);
  const outcomes: ImportOutcome[] = [];
  for (const path of paths) {
    crashPoint('bundle-import:read');
    const outcome =
      statSync(path).size > MAX_BUNDLE_BYTES
        ? rejectedOutcome(basename(path), null, bundleError('BUNDLE_TOO_LARGE'))
        : await importBundle(ctx, { name: basename(path), bytes: readFileSync(path) }, options);
    if (outcome.status === 'applied' && outcome.kind === 'unit-report' && outcome.from) {
      // Right after each report, so the pages its predecessor frees take the next report instead of new ones.
      moveOutSuperseded(ctx, outcome.from);
    }
    outcomes.push(outcome);
    onFile?.(outcomes.length, outcome);
  }
  if (!options.verifyOnly) {
    // Also what an older ptdv left inside, or what a failed move left behind.
    moveOutSuperseded(ctx);
  }
  return outcomes;
}

export { ARCHIVE_FOLDER };

const safeName = (name: string) => name.replace(/[^\w.-]/g, '_');

/**
 * Moves the received files that newer ones superseded out of the database into `luu-tru/<unit>/` beside it, byte
 * for byte as received (still encrypted and signed, so still verifiable). A file's bytes leave the database only
 * once its copy is on disk (fsynced) and reads back with the archived sha256; a failure (a full disk) leaves them
 * in the database, and the next import tries again. Returns how many files were moved.
 */
export function moveOutSuperseded(ctx: ServiceContext, unitCode?: string): number {
  const dbFile = databaseFile(ctx.db);
  if (!dbFile) {
    return 0;
  }
  let moved = 0;
  for (const file of supersededFiles(ctx.db, unitCode)) {
    const bytes = heldFileBytes(ctx.db, file.sha256);
    if (!bytes) {
      continue;
    }
    const relative = [ARCHIVE_FOLDER, safeName(file.fromCode), `${file.sha256.slice(0, 12)}-${safeName(file.fileName)}`];
    const target = join(dirname(dbFile), ...relative);
    try {
      mkdirSync(dirname(target), { recursive: true });
      if (!existsSync(target) || sha256Hex(readFileSync(target)) !== file.sha256) {
        writeFileAtomic(target, bytes);
      }
      if (sha256Hex(readFileSync(target)) !== file.sha256) {
        return moved;
      }
    } catch {
      // Housekeeping after a committed import: the file stays whole in the database until a later move succeeds.
      return moved;
    }
    ctx.db.transaction((tx) => markMovedOut(tx, file.sha256, relative.join('/'), bytes.length));
    moved += 1;
  }
  return moved;
}

/** Reads a small text file the user chose (a trust file). */
export function readTextFile(path: string): string {
  checkPaths([path]);
  return readUtf8File(path, basename(path));
}
