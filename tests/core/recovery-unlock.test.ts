import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { fixedClock } from '../../electron/core/ports';
import { Session } from '../../electron/core/services/session';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

const UNIT = { code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo', parentCode: 'DU001' } as const;
const FORGOTTEN = 'Chi bộ họp ngày mùng 5';
const NEW = 'Lá cờ đỏ sao vàng năm cánh';

function session(): Session {
  return new Session({ dataDir: tempDir(), migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-11-23'), actor: 'test' });
}

describe('unlocking with the recovery code', () => {
  it('asks for a new passphrase, which then opens the database while the recovery code still does', () => {
    const s = session();
    const { recoveryCode } = s.setup(UNIT, FORGOTTEN);
    s.lock();
    expect(s.unlock(FORGOTTEN).needsNewPassphrase).toBeUndefined();
    s.lock();
    // Typed in lower case with spaces instead of dashes, as people do.
    const unlocked = s.unlock(recoveryCode.toLowerCase().replace(/-/g, ' '));
    expect(unlocked.state).toBe('unlocked');
    expect(unlocked.needsNewPassphrase).toBe(true);
    expect(s.status().needsNewPassphrase).toBe(true);
    expect(() => s.replaceLostPassphrase('12345678')).toThrow('ít nhất 10 ký tự');
    expect(s.status().needsNewPassphrase).toBe(true);
    expect(s.replaceLostPassphrase(NEW).needsNewPassphrase).toBeUndefined();
    s.close();
    expect(() => openDatabase(s.file, FORGOTTEN, { migrationsDir: MIGRATIONS_DIR })).toThrow('không đúng');
    openDatabase(s.file, NEW, { migrationsDir: MIGRATIONS_DIR }).close();
    openDatabase(s.file, recoveryCode, { migrationsDir: MIGRATIONS_DIR }).close();
  });

  it('refuses to replace the passphrase without the old one after an ordinary unlock', () => {
    const s = session();
    s.setup(UNIT, FORGOTTEN);
    s.lock();
    s.unlock(FORGOTTEN);
    expect(() => s.replaceLostPassphrase(NEW)).toThrow('mã khôi phục');
    s.close();
    openDatabase(s.file, FORGOTTEN, { migrationsDir: MIGRATIONS_DIR }).close();
  });
});
