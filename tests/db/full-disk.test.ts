import * as realFs from 'node:fs';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../db/atomic';
import { fixedClock } from '../../electron/core/ports';
import { Session } from '../../electron/core/services/session';
import { saveBundle } from '../../electron/bundle-files';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { runCli } from '../helpers/cli';
import { TEST_PASSPHRASE, testContext } from '../helpers/db';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

// A disk that fills up after the first 100 bytes of a write: the temp file is left half-written unless removed.
const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof realFs>();
  const writeFileSync = (...args: Parameters<typeof fs.writeFileSync>) => {
    if (disk.full && typeof args[0] === 'number') {
      fs.writeSync(args[0], Buffer.from(String(args[1]).slice(0, 100)));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
    }
    return fs.writeFileSync(...args);
  };
  return { ...fs, default: { ...fs, writeFileSync }, writeFileSync };
});

const FREE_SPACE = 'giải phóng chỗ trống';

function whileDiskFull<T>(fn: () => T): T {
  disk.full = true;
  try {
    return fn();
  } finally {
    disk.full = false;
  }
}

describe('a full disk', () => {
  it('when saving a file, says in Vietnamese what to free, keeps the old file and leaves no .tmp file', () => {
    const dir = tempDir();
    const target = join(dir, 'bao-cao.txt');
    writeFileSync(target, 'bản cũ');
    const err = whileDiskFull(() => {
      try {
        writeFileAtomic(target, 'bản mới '.repeat(1000));
        return null;
      } catch (e) {
        return e as Error & { code?: string };
      }
    });
    expect(err?.code).toBe('DISK_FULL');
    expect(err?.message).toContain('Ổ đĩa đã đầy');
    expect(err?.message).toContain(FREE_SPACE);
    expect(err?.message).toContain(dir);
    expect(readFileSync(target, 'utf8')).toBe('bản cũ');
    expect(readdirSync(dir)).toEqual(['bao-cao.txt']);
  });

  it('when the CLI writes its output, exits with a Vietnamese message and leaves no partial or .tmp file', async () => {
    const { database, file } = testContext();
    database.close();
    const out = join(tempDir(), 'tin-cay.json');
    disk.full = true;
    const result = await runCli(['keys', 'export-trust', '--db', file, '--out', out], { PTDV_PASSPHRASE: TEST_PASSPHRASE });
    disk.full = false;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Ổ đĩa đã đầy');
    expect(result.stderr).toContain('[DISK_FULL]');
    expect(result.stderr).not.toMatch(/ENOSPC|no space/i);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(out, '..'))).toEqual([]);
  });

  it('when saving a bundle, leaves neither the bundle nor a .tmp file', () => {
    const dir = tempDir();
    expect(() => whileDiskFull(() => saveBundle(dir, { bytes: new Uint8Array(4096), bundle: { fileName: 'goi.ptdv' } }))).toThrow('Ổ đĩa đã đầy');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('when the database grows, the app says in Vietnamese what to free and the database keeps every earlier save', async () => {
    const session = new Session({ dataDir: tempDir(), migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-11-23'), actor: 'test' });
    session.setup({ code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo', parentCode: 'DU001' }, TEST_PASSPHRASE);
    const dispatch = createDispatcher(createHandlers(session, { choosePath: async () => null }), () => {});
    const { sqlite } = session.open();
    // SQLite's own size cap gives the same SQLITE_FULL a full disk gives, at a known point.
    sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true })) + 2}`);
    const count = () => (sqlite.prepare('SELECT count(*) AS n FROM candidates').get() as { n: number }).n;
    let saved = 0;
    let failure: unknown = null;
    for (let i = 0; i < 500 && failure === null; i++) {
      const result = await dispatch('candidates:create', { profile: { fullName: `Nguyễn Văn ${'A'.repeat(50)} ${i}`, birthDate: '2001-02-03', gender: 'nam' } });
      if (result.ok) {
        saved++;
      } else {
        failure = result;
      }
    }
    expect(failure).toMatchObject({ ok: false, error: { kind: 'conflict', code: 'DISK_FULL' } });
    expect(JSON.stringify(failure)).toContain(FREE_SPACE);
    expect(count()).toBe(saved);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // Once there is room again, the same save goes through.
    sqlite.pragma('max_page_count = 1073741823');
    expect((await dispatch('candidates:create', { profile: { fullName: 'Trần Thị Mai', birthDate: '2001-02-03', gender: 'nu' } })).ok).toBe(true);
    expect(count()).toBe(saved + 1);
    session.close();
  });
});

// The mock must not leak: outside a "full disk" the real module works as before.
it('writes normally when the disk is not full', () => {
  const dir = tempDir();
  writeFileAtomic(join(dir, 'a.txt'), 'xin chào');
  expect(realFs.readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('xin chào');
});
