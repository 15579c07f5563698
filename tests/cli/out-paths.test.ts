import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { TEST_PASSPHRASE } from '../helpers/db';
import { tempDir } from '../helpers/temp';

const env = { PTDV_PASSPHRASE: TEST_PASSPHRASE, PTDV_TODAY: '2026-11-23' };
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

let dir: string;
let db: string;

beforeEach(async () => {
  dir = tempDir();
  db = join(dir, 'ptdv.db');
  const init = await runCli(['init', '--db', db, '--code', 'CB014', '--name', 'Chi bộ Kỹ thuật', '--level', 'chi-bo', '--parent', 'DU01'], env);
  if (init.code !== 0) {
    throw new Error(`ptdv init failed: ${init.stderr}`);
  }
});

describe('an --out the command cannot write to is refused before any work, in Vietnamese, with exit 2', () => {
  it('never writes a backup over the database in use, its key, or any existing file', async () => {
    const before = { db: sha(db), key: sha(`${db}.key`) };
    for (const target of [db, `${db}.key`]) {
      const r = await runCli(['backup', '--db', db, '--out', target], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('là tệp của cơ sở dữ liệu đang dùng');
    }
    const kept = join(dir, 'cu.ptdvbak');
    writeFileSync(kept, 'bản sao lưu cũ');
    const again = await runCli(['backup', '--db', db, '--out', kept], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('đã có; lệnh này không ghi đè tệp nào');
    expect(readFileSync(kept, 'utf8')).toBe('bản sao lưu cũ');
    expect({ db: sha(db), key: sha(`${db}.key`) }).toEqual(before);
    expect((await runCli(['unit', 'show', '--db', db], env)).code).toBe(0);
  });

  it('names a folder given for a file, a missing folder, and a file given for a folder', async () => {
    const folder = join(dir, 'thu-muc');
    mkdirSync(folder);
    const file = join(dir, 'mot-tep.txt');
    writeFileSync(file, 'x');
    const before = sha(db);
    const cases: [string[], string][] = [
      [['backup', '--db', db, '--out', folder], 'là một thư mục; hãy ghi cả tên tệp'],
      [['report', '--db', db, '--period', '2026-Q3', '--format', 'json', '--out', folder], 'là một thư mục; hãy ghi cả tên tệp'],
      [['report', '--db', db, '--period', '2026-Q3', '--format', 'json', '--out', join(dir, 'khong-co', 'r.json')], 'không tồn tại'],
      [['keys', 'export-trust', '--db', db, '--out', folder], 'là một thư mục'],
      [['dossier', 'export', '--db', db, '--out', file], 'là một tệp, không phải thư mục'],
      [['bundle', 'export', '--db', db, '--label', '2026Q4', '--out', file], 'là một tệp, không phải thư mục'],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv, env);
      expect({ argv, code: r.code, said: r.stderr.includes(message) }).toEqual({ argv, code: 2, said: true });
      expect(r.stderr).not.toMatch(/không mong đợi|EISDIR|EEXIST/);
    }
    expect(readdirSync(folder)).toEqual([]);
    expect(sha(db)).toBe(before);
  });

  it('takes a wrong passphrase or a file that is not a ptdv database as input to correct (exit 2)', async () => {
    const backupFile = join(dir, 'sao-luu.ptdvbak');
    expect((await runCli(['backup', '--db', db, '--out', backupFile], env)).code).toBe(0);
    const wrong = await runCli(['restore', '--db', db, '--from', backupFile], { ...env, PTDV_PASSPHRASE: 'mot-mat-khau-khac-han' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('WRONG_PASSPHRASE');
    expect((await runCli(['restore', '--db', db, '--from', join(dir, 'khong-co.ptdvbak')], env)).code).toBe(2);
    const junk = join(dir, 'khong-phai.db');
    writeFileSync(junk, 'không phải cơ sở dữ liệu');
    // A restore never takes a folder or an unrelated file for the data to replace, nor a folder for the backup.
    const exported = join(dir, 'ho-so');
    mkdirSync(exported);
    for (const [argv, message] of [
      [['restore', '--db', junk, '--from', backupFile], 'không phải cơ sở dữ liệu ptdv'],
      [['restore', '--db', exported, '--from', backupFile], 'là một thư mục'],
      [['restore', '--db', db, '--from', exported], '--from: '],
    ] as const) {
      const r = await runCli([...argv], env);
      expect({ argv, code: r.code, said: r.stderr.includes(message) }).toEqual({ argv, code: 2, said: true });
      expect(r.stderr).not.toMatch(/không mong đợi|EISDIR/);
    }
    expect(readdirSync(dir).filter((n) => n.includes('truoc-khoi-phuc'))).toEqual([]);
    expect(readFileSync(junk, 'utf8')).toBe('không phải cơ sở dữ liệu');
    const notOurs = await runCli(['unit', 'show', '--db', junk], env);
    expect(notOurs.code).toBe(2);
    expect(notOurs.stderr).toContain('Không tìm thấy tệp khóa');
    expect((await runCli(['unit', 'show', '--db', dir], env)).code).toBe(2);
    expect((await runCli(['unit', 'show', '--db', db], { PTDV_TODAY: '2026-11-23' })).code).toBe(2);
  });
});
