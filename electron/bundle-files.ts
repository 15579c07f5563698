import { existsSync, linkSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { syncFolder, writeTempFile } from '../db/atomic';
import { crashPoint } from '../db/crash-point';
import { bundleError, MAX_BUNDLE_BYTES } from './core/domain/bundles/index';
import { AppError, storageError } from './core/errors';
import type { ImportOutcome } from './core/model/sync';
import type { MadeBundle } from './core/services/bundle-export';
import { importBundle, rejectedOutcome, type ImportOptions } from './core/services/bundle-import';
import type { ServiceContext } from './core/services/context';
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
    outcomes.push(outcome);
    onFile?.(outcomes.length, outcome);
  }
  return outcomes;
}

/** Reads a small text file the user chose (a trust file). */
export function readTextFile(path: string): string {
  checkPaths([path]);
  return readUtf8File(path, basename(path));
}
