import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

const CLEAN = 'tests/fixtures/dossiers/clean.json';
const env = { PTDV_PASSPHRASE: 'mat-khau-kiem-thu', PTDV_TODAY: '2026-11-23' };
const cleanText = () => readFileSync(CLEAN, 'utf8');

async function initDb(dir: string): Promise<string> {
  const db = join(dir, 'cb.db');
  expect((await runCli(['init', '--db', db, '--code', 'CB014', '--name', 'Chi bộ Kỹ thuật', '--level', 'chi-bo', '--parent', 'DU001'], env)).code).toBe(0);
  return db;
}

describe('input files: UTF-8 only', () => {
  it('refuses a dossier saved in a legacy encoding (Windows-1258 bytes) with exit 2, the file and the byte offset', async () => {
    const dir = tempDir();
    const file = join(dir, 'cu.json');
    // "Nguyễn Văn Đức" as a Windows-1258 editor writes it: ă = 0xE3, Đ = 0xD0, ư = 0xFD, ễ = e + 0xDE (tilde).
    const bytes = Buffer.from(cleanText().replace('Nguyễn Thị Lan', 'Nguye\u0001n V\u0002n \u0003\u0004c'), 'utf8');
    const at = bytes.indexOf(1);
    [0xde, 0xe3, 0xd0, 0xfd].forEach((legacy, i) => (bytes[bytes.indexOf(i + 1)] = legacy));
    writeFileSync(file, bytes);
    const r = await runCli(['check', file, '--as-of', '2026-03-10'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: byte 0xDE ở vị trí ${at} không hợp lệ trong UTF-8`);
    expect(r.stderr).toContain('UTF-8');
    expect(r.stdout).toBe('');

    const db = await initDb(dir);
    const imported = await runCli(['dossier', 'import', '--db', db, file], env);
    expect(imported.code).toBe(2);
    expect(imported.stderr).toContain(`vị trí ${at}`);
    expect(imported.stdout).not.toContain('Đã nhập');
  });

  it('refuses a UTF-16 dossier, with or without its byte order mark, with exit 2 and the byte offset', async () => {
    const dir = tempDir();
    const withBom = join(dir, 'utf16-bom.json');
    const withoutBom = join(dir, 'utf16.json');
    writeFileSync(withBom, Buffer.from(`\ufeff${cleanText()}`, 'utf16le'));
    writeFileSync(withoutBom, Buffer.from(cleanText(), 'utf16le'));
    const r = await runCli(['check', withBom, withoutBom, '--as-of', '2026-03-10'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${withBom}: tệp mã hóa UTF-16 (dấu BOM 0xFF 0xFE ở byte 0)`);
    expect(r.stderr).toContain(`${withoutBom}: byte 0x00 ở vị trí 1`);
  });

  it('accepts a UTF-8 dossier that starts with a byte order mark, and drops the mark', async () => {
    const file = join(tempDir(), 'bom.json');
    writeFileSync(file, `\ufeff${cleanText()}`);
    const r = await runCli(['check', file, '--as-of', '2026-03-10', '--json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).candidates[0].name).toBe('Nguyễn Thị Lan');
  });
});

describe('input files: only regular files of a stated size', () => {
  it('refuses /dev/zero at once instead of reading it forever', async () => {
    const r = await runCli(['check', '/dev/zero'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/dev/zero: không phải tệp thường');
  });

  it('refuses a FIFO at once, even with nobody writing into it', async () => {
    const fifo = join(tempDir(), 'ong.json');
    execFileSync('mkfifo', [fifo]);
    const r = await runCli(['check', fifo], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${fifo}: không phải tệp thường`);
    expect(existsSync(fifo)).toBe(true);
  });

  it('refuses a dossier larger than 5 MB from its size, and a folder', async () => {
    const dir = tempDir();
    const big = join(dir, 'lon.json');
    writeFileSync(big, '');
    truncateSync(big, 5 * 1024 * 1024 + 1);
    const r = await runCli(['check', big, dir], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${big}: tệp lớn hơn giới hạn 5 MB (5.242.881 byte)`);
    expect(r.stderr).toContain(`${dir}: không phải tệp thường`);
  });
});

describe('input files: impossible dates', () => {
  it('refuses a dossier born 31/12/9999 with exit 2 naming the field, instead of a negative age', async () => {
    const file = join(tempDir(), 'x.json');
    writeFileSync(file, cleanText().replace('"2000-03-10"', '"9999-12-31"'));
    const r = await runCli(['check', file, '--as-of', '2026-03-10'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: candidate.birthDate: Ngày sinh (31/12/9999) không thể sau ngày hôm nay`);
    expect(r.stdout).not.toMatch(/-\d+ tuổi/);
  });
});
