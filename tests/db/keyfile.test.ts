import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatabase, keyFilePath, openDatabase } from '../../db/client';
import type { AppError } from '../../electron/core/errors';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

const options = { migrationsDir: MIGRATIONS_DIR };
const PASSPHRASE = 'mat-khau-kiem-thu';

function seeded(): { file: string; keyFile: Record<string, unknown> & { kdf: Record<string, number | string>; slots: Record<string, string>[] }; recoveryCode: string } {
  const file = join(tempDir(), 'ptdv.db');
  const { database, recoveryCode } = createDatabase(file, PASSPHRASE, options);
  database.close();
  return { file, keyFile: JSON.parse(readFileSync(keyFilePath(file), 'utf8')), recoveryCode };
}

function openError(file: string, secret: string): AppError {
  try {
    openDatabase(file, secret, options).close();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('the database opened');
}

/** Changes one base64 character to another, keeping the length: what a disk error or a hand edit does. */
function flip(b64: string, at = 5): string {
  return b64.slice(0, at) + (b64[at] === 'A' ? 'B' : 'A') + b64.slice(at + 1);
}

describe('the key file', () => {
  it('with one changed character is reported as damaged ("tệp khóa bị hỏng"), not as a wrong passphrase', () => {
    const { file, keyFile } = seeded();
    keyFile.slots[0]!.wrapped = flip(keyFile.slots[0]!.wrapped!);
    writeFileSync(keyFilePath(file), JSON.stringify(keyFile));
    const err = openError(file, PASSPHRASE);
    expect(err.message).toContain('Tệp khóa bị hỏng');
    expect(err.code).toBe('KEYFILE_DAMAGED');
  });

  it('with a shortened field is reported as damaged even without its checksum', () => {
    const { file, keyFile } = seeded();
    delete keyFile.check;
    keyFile.slots[0]!.salt = keyFile.slots[0]!.salt!.slice(4);
    writeFileSync(keyFilePath(file), JSON.stringify(keyFile));
    expect(openError(file, PASSPHRASE).code).toBe('KEYFILE_DAMAGED');
  });

  it.each([
    ['a huge scrypt cost (memory and minutes before the passphrase is tried)', { N: 2 ** 24 }],
    ['a scrypt cost too low to slow guessing', { N: 2 ** 10 }],
    ['a cost that is not a power of two', { N: 40000 }],
    ['a huge block size', { r: 1024 }],
    ['huge parallelism', { p: 64 }],
  ])('naming %s is refused as damaged, the cost never taken from the file', (_name, kdf) => {
    const { file, keyFile } = seeded();
    // Without the checksum, as in key files written before it existed: the bounds alone must refuse it.
    delete keyFile.check;
    keyFile.kdf = { ...keyFile.kdf, ...kdf };
    writeFileSync(keyFilePath(file), JSON.stringify(keyFile));
    expect(openError(file, PASSPHRASE).code).toBe('KEYFILE_DAMAGED');
  });

  it('written before checksums existed still opens with the passphrase and the recovery code', () => {
    const { file, keyFile, recoveryCode } = seeded();
    delete keyFile.check;
    writeFileSync(keyFilePath(file), JSON.stringify(keyFile));
    for (const secret of [PASSPHRASE, recoveryCode]) {
      const database = openDatabase(file, secret, options);
      expect(database.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'units'").get()).toEqual({ n: 1 });
      database.close();
    }
  });

  it('intact, with a wrong passphrase, still says the passphrase is wrong', () => {
    const { file } = seeded();
    const err = openError(file, 'mat-khau-sai-roi');
    expect(err.code).toBe('WRONG_PASSPHRASE');
    expect(err.message).toBe('Mật khẩu hoặc mã khôi phục không đúng.');
  });
});
