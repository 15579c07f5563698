import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { TEST_PASSPHRASE } from '../helpers/db';
import { tempDir } from '../helpers/temp';

const env = { PTDV_PASSPHRASE: TEST_PASSPHRASE, PTDV_TODAY: '2026-11-23' };
let db: string;

beforeEach(async () => {
  db = join(tempDir(), 'ptdv.db');
  const init = await runCli(['init', '--db', db, '--code', 'CB014', '--name', 'Chi bộ Kỹ thuật', '--level', 'chi-bo', '--parent', 'DU01'], env);
  if (init.code !== 0) {
    throw new Error(`ptdv init failed: ${init.stderr}`);
  }
});

describe('values a person would not mean are refused with exit 2 and change nothing', () => {
  it.each([
    [['targets', 'set', '--year', '2026', '--count', '0x10'], '--count cần là số người (số nguyên không âm), không phải "0x10"'],
    [['targets', 'set', '--year', '2026', '--count', '1e2'], 'không phải "1e2"'],
    [['targets', 'set', '--year', '2026', '--percent', '2,5%'], '--percent cần là một tỷ lệ như 5 hoặc 2,5'],
    [['targets', 'set', '--count', '3'], 'Thiếu tham số bắt buộc --year'],
    [['targets', 'table'], 'Thiếu tham số bắt buộc --year'],
    [['targets', 'table', '--year', '2026'], 'Chi bộ không có đơn vị trực thuộc để giao chỉ tiêu'],
    [['targets', 'export', '--year', '2026', '--out', join(tmpdir(), 'ptdv-chi-tieu-chi-bo.xlsx')], 'Chi bộ không có đơn vị trực thuộc để giao chỉ tiêu'],
    [['dashboard', 'people', '--year', '2026', '--count', 'period-admissions', '--trait', 'xyz', '--from', '2026-01-01'], '--trait không hợp lệ: "xyz". Chọn một trong: women, doan-vien'],
    [['dashboard', 'people', '--year', '2026', '--count', 'admissions', '--from', '2026-06-01', '--to', '2026-03-01'], '--to (01/03/2026) trước --from (01/06/2026)'],
    [['dashboard', 'people', '--year', '2026', '--count', 'period-admissions', '--from', '2026-01-01', '--to', '2026-06-30'], '--to chỉ dùng với --count admissions'],
    [['report', 'freeze', '--period', '2026-Q3', '--number', '05-BC/CB', '--issued', '2026-12-01'], 'Ngày báo cáo 01/12/2026 chưa đến'],
  ])('%j', async (argv, message) => {
    const before = createHash('sha256').update(readFileSync(db)).digest('hex');
    const r = await runCli([...argv, '--db', db], env);
    expect({ code: r.code, said: r.stderr.includes(message), raw: /undefined|không mong đợi/.test(r.stderr) }).toEqual({ code: 2, said: true, raw: false });
    expect(createHash('sha256').update(readFileSync(db)).digest('hex')).toBe(before);
  });

  it('still takes a count, a percent with a comma and a trait of the breakdown as written', async () => {
    expect((await runCli(['targets', 'set', '--db', db, '--year', '2026', '--count', '12'], env)).stdout).toContain('12 người');
    const percent = await runCli(['targets', 'set', '--db', db, '--year', '2027', '--percent', '2,5'], env);
    expect(percent.code).toBe(0);
    // Said back the way it was typed, with a decimal comma.
    expect(percent.stdout).toContain('(2,5% của ');
    expect((await runCli(['dashboard', 'people', '--db', db, '--year', '2026', '--count', 'period-admissions', '--trait', 'age:18-30', '--from', '2026-01-01'], env)).stdout).toMatch(/^0 người/);
  });
});
