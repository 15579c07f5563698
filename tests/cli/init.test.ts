import { existsSync, readdirSync } from 'node:fs';
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

  it('refuses a bad unit code or a one-letter name before creating anything', async () => {
    const dir = tempDir();
    const db = join(dir, 'ptdv.db');
    const badCode = await runCli(['init', '--db', db, '--code', 'cb 014!', '--name', 'Chi bộ', '--level', 'chi-bo'], env);
    expect(badCode.code).toBe(2);
    expect(badCode.stderr).toContain('--code');
    const badName = await runCli(['init', '--db', db, '--code', 'CB014', '--name', 'A', '--level', 'chi-bo'], env);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('--name');
    expect(readdirSync(dir)).toEqual([]);
  });
});
