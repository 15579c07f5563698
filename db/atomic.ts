import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { storageError } from './errors';

/**
 * Writes `data` to a new temp file beside `path` and fsyncs it; returns the temp path. On any failure (a full disk
 * most often) the temp file is removed and the error is given in Vietnamese, so nothing half-written is left.
 */
export function writeTempFile(path: string, data: string | Uint8Array, mode = 0o600): string {
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    const fd = openSync(tmp, 'w', mode);
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    rmSync(tmp, { force: true });
    throw storageError(err, dirname(path)) ?? err;
  }
  return tmp;
}

/**
 * Writes a file so that a crash leaves either the old or the new content, never half of one: temp file in the
 * same folder, fsync, rename over the target, fsync the folder (where the OS allows it).
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = writeTempFile(path, data);
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw storageError(err, dirname(path)) ?? err;
  }
  syncFolder(dirname(path));
}

/** fsync of a folder makes a rename durable on Linux; Windows cannot open folders and does not need it. */
export function syncFolder(folder: string): void {
  if (process.platform === 'win32') {
    return;
  }
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
