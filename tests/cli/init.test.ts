import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { TEST_PASSPHRASE } from '../helpers/db';
import { tempDir } from '../helpers/temp';

const env = { PTDV_PASSPHRASE: TEST_PASSPHRASE, PTDV_TODAY: '2026-11-23' };

describe('ptdv init with a mistyped flag', () => {
  it('refuses an unknown --level in Vietnamese, naming the flag, and leaves no file behind', async () => {
    const dir = tempDir();
    const db = join(dir, 'ptdv.db');
    const r = await runCli(['init', '--db', db, '--code', 'CB014', '--name', 'Chi bộ Kỹ thuật', '--level', 'xxx'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--level không hợp lệ: "xxx"');
    expect(r.stderr).toContain('chi-bo, dang-bo-co-so, cap-tren');
    expect(r.stderr).not.toMatch(/"code"|invalid_|ZodError/);
    expect(readdirSync(dir)).toEqual([]);

    // The corrected command then works on the same path.
    const fixed = await runCli(['init', '--db', db, '--code', 'CB014', '--name', 'Chi bộ Kỹ thuật', '--level', 'chi-bo'], env);
    expect(fixed.stderr).not.toContain('Lỗi');
    expect(fixed.code).toBe(0);
    expect(existsSync(db)).toBe(true);
  });

  it('refuses a --db in a folder that does not exist with exit 2, naming the flag', async () => {
    const dir = tempDir();
    const r = await runCli(['init', '--db', join(dir, 'khong-co', 'ptdv.db'), '--code', 'CB014', '--name', 'Chi bộ Kỹ thuật', '--level', 'chi-bo'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--db: thư mục ${join(dir, 'khong-co')} không tồn tại`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a bad unit code or a one-letter name before creating anything', async () => {
    const dir = tempDir();
    const db = join(dir, 'ptdv.db');
    const badCode = await runCli(['init', '--db', db, '--code', 'cb 014!', '--name', 'Chi bộ', '--level', 'chi-bo'], env);
    expect(badCode.code).toBe(2);
    expect(badCode.stderr).toContain('--code');
    const badName = await runCli(['init', '--db', db, '--code', 'CB014', '--name', 'A', '--level', 'chi-bo'], env);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('--name');
    // A blank name gets one reason, not two about the same flag.
    const blank = await runCli(['init', '--db', db, '--code', 'CB014', '--name', '   ', '--level', 'chi-bo'], env);
    expect(blank.code).toBe(2);
    expect(blank.stderr.match(/--name:/g)).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('ptdv init on a path that already holds a database', () => {
  it('exits 2 naming --db and leaves the existing database and key as they were', async () => {
    const dir = tempDir();
    const db = join(dir, 'ptdv.db');
    expect((await runCli(['init', '--db', db, '--code', 'CB014', '--name', 'Chi bộ Kỹ thuật', '--level', 'chi-bo'], env)).code).toBe(0);
    const before = { db: readFileSync(db), key: readFileSync(`${db}.key`) };

    const again = await runCli(['init', '--db', db, '--code', 'CB015', '--name', 'Chi bộ Khác', '--level', 'chi-bo'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('Đã có cơ sở dữ liệu');
    expect(again.stderr).toContain('--db');
    expect(again.stderr).not.toMatch(/DbError|conflict|Error/);
    expect(readFileSync(db).equals(before.db)).toBe(true);
    expect(readFileSync(`${db}.key`).equals(before.key)).toBe(true);
    const units = await runCli(['unit', 'show', '--db', db], env);
    expect(units.stdout).toContain('CB014');
  });

  it('refuses --parent equal to --code, naming --parent, before creating anything', async () => {
    const dir = tempDir();
    const r = await runCli(['init', '--db', join(dir, 'ptdv.db'), '--code', 'CB014', '--name', 'Chi bộ Kỹ thuật', '--level', 'chi-bo', '--parent', 'cb014'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--parent: mã cấp trên phải khác mã đơn vị');
    expect(readdirSync(dir)).toEqual([]);
  });
});
