import type * as realFs from 'node:fs';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { backupDatabase } from '../../db/backup';
import { runCli } from '../helpers/cli';
import { TEST_PASSPHRASE, testContext } from '../helpers/db';
import { tempDir } from '../helpers/temp';

// A folder on a read-only USB stick: root may write anywhere on this machine, so the refusal is the file system's.
const readOnly = vi.hoisted(() => ({ folder: '' }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof realFs>();
  const accessSync = (path: realFs.PathLike, mode?: number) => {
    if (readOnly.folder !== '' && String(path) === readOnly.folder && mode !== undefined && (mode & fs.constants.W_OK) !== 0) {
      throw Object.assign(new Error(`EROFS: read-only file system, access '${String(path)}'`), { code: 'EROFS', errno: -30 });
    }
    return fs.accessSync(path, mode);
  };
  return { ...fs, default: { ...fs, accessSync }, accessSync };
});

const NOT_WRITABLE = `Không có quyền ghi vào thư mục`;

describe('a backup into a folder that cannot be written', () => {
  it('is refused by the CLI in Vietnamese before any work, naming the folder, and leaves nothing there', async () => {
    const { database, file } = testContext();
    database.close();
    readOnly.folder = join(tempDir(), 'usb');
    mkdirSync(readOnly.folder);
    const r = await runCli(['backup', '--db', file, '--out', join(readOnly.folder, 'sao-luu.ptdvbak')], { PTDV_PASSPHRASE: TEST_PASSPHRASE });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${NOT_WRITABLE} ${readOnly.folder}`);
    expect(r.stderr).toContain('[FOLDER_NOT_WRITABLE]');
    expect(r.stderr).not.toMatch(/không mong đợi|EROFS|unable to open/);
    expect(readdirSync(readOnly.folder)).toEqual([]);
  });

  it('is refused by the app the same way (Cài đặt saves through backupDatabase)', async () => {
    const { database } = testContext();
    readOnly.folder = join(tempDir(), 'usb');
    mkdirSync(readOnly.folder);
    try {
      await expect(backupDatabase(database, join(readOnly.folder, 'sao-luu.ptdvbak'), { createdAt: '2026-11-23T08:00:00.000Z', unitCode: 'CB014' })).rejects.toMatchObject({
        code: 'FOLDER_NOT_WRITABLE',
        message: expect.stringContaining(`${NOT_WRITABLE} ${readOnly.folder}`),
      });
      expect(readdirSync(readOnly.folder)).toEqual([]);
    } finally {
      database.close();
    }
  });
});
