import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFilePath, openDatabase } from '../../db/client';
import { rewrapPassphrase } from '../../db/keyfile';
import { passphraseProblem } from '../../electron/core/domain/passphrase/index';
import { fixedClock } from '../../electron/core/ports';
import { Session } from '../../electron/core/services/session';
import { runCli } from '../helpers/cli';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

const UNIT = { code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo', parentCode: 'DU001' } as const;
const STRONG = 'Chi bộ họp ngày mùng 5';

describe('a new passphrase', () => {
  it.each([
    ['', 'Chưa nhập mật khẩu mới'],
    ['12345678', 'ít nhất 10 ký tự'],
    ['        ', 'chỉ gồm dấu cách'],
    ['          ', 'chỉ gồm dấu cách'],
    ['123456789', 'ít nhất 10 ký tự'],
    ['1234567890', 'quá phổ biến'],
    ['aaaaaaaaaaaa', 'quá phổ biến'],
    ['qwertyuiop', 'quá phổ biến'],
    ['matkhau123', 'quá phổ biến'],
    ['Mật khẩu 2024', 'quá phổ biến'],
    ['anhyeuem2026', 'quá phổ biến'],
    ['Đảng Cộng sản', 'quá phổ biến'],
    ['dangcongsanvietnam', 'quá phổ biến'],
    ['Vietnam@2024', 'quá phổ biến'],
    ['Việt Nam 123', 'quá phổ biến'],
    ['password123', 'quá phổ biến'],
    ['12345678901', 'dễ đoán: chỉ gồm chữ số'],
    ['28/12/2026', 'dễ đoán: chỉ gồm chữ số'],
    ['0912 345 678', 'dễ đoán: chỉ gồm chữ số'],
    ['aaaaaaaaab', 'dễ đoán: chỉ lặp lại'],
    ['1111122222', 'dễ đoán: chỉ gồm chữ số'],
    ['cb001cb001', 'dễ đoán: chỉ lặp lại'],
    ['abcabcabcabc', 'dễ đoán: chỉ lặp lại'],
    ['1qaz2wsx3edc', 'dễ đoán: đi theo hàng phím'],
    ['poiuytrewq', 'dễ đoán: đi theo hàng phím'],
  ])('refuses %j in Vietnamese (%s)', (passphrase, reason) => {
    expect(passphraseProblem(passphrase)).toContain(reason);
  });

  it.each([STRONG, 'mat-khau-kiem-thu', 'mat khau moi cua chi bo', 'bench-passphrase', 'mat-khau-dai-1', 'Họp chi bộ 28/12/2026', 'ba con mèo ăn cá'])('accepts %j', (passphrase) => {
    expect(passphraseProblem(passphrase)).toBeNull();
  });

  it('is refused at setup, leaving no database and no key file behind', () => {
    const dataDir = tempDir();
    const session = new Session({ dataDir, migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-11-23'), actor: 'test' });
    expect(() => session.setup(UNIT, '12345678')).toThrow('ít nhất 10 ký tự');
    expect(() => session.setup(UNIT, '          ')).toThrow('chỉ gồm dấu cách');
    expect(() => session.setup(UNIT, 'anhyeuem123')).toThrow('quá phổ biến');
    expect(session.status().state).toBe('no-database');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('is refused at a passphrase change, and the current passphrase keeps working', () => {
    const dataDir = tempDir();
    const session = new Session({ dataDir, migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-11-23'), actor: 'test' });
    session.setup(UNIT, STRONG);
    expect(() => session.changePassphrase(STRONG, 'dangcongsan')).toThrow('quá phổ biến');
    expect(() => session.changePassphrase(STRONG, '12345678')).toThrow('ít nhất 10 ký tự');
    session.close();
    openDatabase(session.file, STRONG, { migrationsDir: MIGRATIONS_DIR }).close();
    expect(() => openDatabase(session.file, 'dangcongsan', { migrationsDir: MIGRATIONS_DIR })).toThrow('không đúng');
  });

  it('is refused by ptdv init with a Vietnamese message, creating nothing', async () => {
    const db = join(tempDir(), 'ptdv.db');
    const result = await runCli(['init', '--db', db, '--code', 'CB014', '--name', 'Chi bộ', '--level', 'chi-bo'], { PTDV_PASSPHRASE: '12345678' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Mật khẩu cần ít nhất 10 ký tự');
    expect(result.stderr).toContain('[WEAK_PASSPHRASE]');
    expect(existsSync(db)).toBe(false);
    expect(readdirSync(join(db, '..'))).toEqual([]);
  });

  it('does not stop an existing database with an older, shorter passphrase from opening', async () => {
    // Strength is a rule for new passphrases only: a database made before it must still open.
    const dataDir = tempDir();
    const session = new Session({ dataDir, migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-11-23'), actor: 'test' });
    session.setup(UNIT, STRONG);
    const { keyFile, dataKey } = session.open();
    writeFileSync(keyFilePath(session.file), JSON.stringify(rewrapPassphrase(keyFile, dataKey, '12345678')));
    expect(session.lock().state).toBe('locked');
    expect(session.unlock('12345678').state).toBe('unlocked');
    session.close();
  });
});
