import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createDatabase } from '../../db/client';
import { fixedClock } from '../../electron/core/ports';
import { Session } from '../../electron/core/services/session';
import * as unitService from '../../electron/core/services/unit-service';
import { TEST_PASSPHRASE } from '../helpers/db';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

vi.mock('../../electron/core/services/unit-service', async (importOriginal) => {
  const real = await importOriginal<typeof unitService>();
  return { ...real, setupUnit: vi.fn<typeof real.setupUnit>(real.setupUnit) };
});

const unit = { code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo' as const, parentCode: 'DU001' };
const PASSPHRASE = 'hoa-sen-no-ven-ho-2026';

function session(dataDir: string): Session {
  return new Session({ dataDir, migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-11-23'), actor: 'test' });
}

/** Files a user would see in the data folder: the lock file is never deleted (db/lock.ts) and holds nothing. */
const dataFiles = (dir: string) => readdirSync(dir).filter((f) => !f.endsWith('.lock'));

describe('first-run setup in the app', () => {
  it('refuses a mistyped unit in Vietnamese before any file exists, then accepts the corrected one', () => {
    const dir = tempDir();
    const s = session(dir);
    expect(() => s.setup({ ...unit, code: 'cb 014!' }, PASSPHRASE)).toThrow(/mã đơn vị chỉ gồm/);
    expect(() => s.setup({ ...unit, parentCode: 'CB014' }, PASSPHRASE)).toThrow(/mã cấp trên phải khác mã đơn vị/);
    expect(readdirSync(dir)).toEqual([]);
    expect(s.status().state).toBe('no-database');
    expect(s.setup(unit, PASSPHRASE).unit.code).toBe('CB014');
  });

  it('discards the new database when a step after creating it fails, so the next try starts clean', () => {
    const dir = tempDir();
    const s = session(dir);
    vi.mocked(unitService.setupUnit).mockImplementationOnce(() => {
      throw new Error('disk went away');
    });
    expect(() => s.setup(unit, PASSPHRASE)).toThrow('disk went away');
    expect(dataFiles(dir)).toEqual([]);
    expect(s.status().state).toBe('no-database');
    expect(s.setup(unit, PASSPHRASE).unit.code).toBe('CB014');
    expect(s.status().state).toBe('unlocked');
  });
});

describe('createDatabase', () => {
  it('leaves neither the database nor its key file when the migrations fail', () => {
    const dir = tempDir();
    const broken = join(tempDir(), 'migrations');
    mkdirSync(join(broken, 'meta'), { recursive: true });
    writeFileSync(join(broken, 'meta/_journal.json'), JSON.stringify({ version: '7', dialect: 'sqlite', entries: [{ idx: 0, version: '6', when: 1, tag: '0000_broken', breakpoints: true }] }));
    writeFileSync(join(broken, '0000_broken.sql'), 'CREATE TABLE oops (;');
    const file = join(dir, 'ptdv.db');
    expect(() => createDatabase(file, TEST_PASSPHRASE, { migrationsDir: broken })).toThrow(/oops|syntax/i);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.key`)).toBe(false);
    expect(dataFiles(dir)).toEqual([]);
  });
});
