import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { DbError } from '../../db/errors';
import '../../electron/core/model/zod-locale';
import { createDispatcher, toFailure } from '../../electron/ipc/dispatcher';
import type { Handlers } from '../../electron/ipc/dispatcher';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

/** A schema deep inside a use case that refuses a value must read like any refused input, never as a crash. */
describe('a refusal from a schema inside a use case', () => {
  it('reaches the window as a Vietnamese validation message, not "lỗi không mong đợi"', async () => {
    const refused = z.strictObject({ year: z.number().int().min(2000) }).safeParse({ year: 1800 });
    expect(refused.success).toBe(false);
    const failure = toFailure(refused.error, () => {
      throw new Error('a refused input is not a bug to log');
    });
    expect(failure.error.kind).toBe('validation');
    expect(failure.error.message).toMatch(/^Năm: /);
    expect(failure.error.message).not.toMatch(/mong đợi|number|string/);
    expect(failure.error.message).not.toContain('không mong đợi');
    const dispatch = createDispatcher({ 'session:get-status': () => z.strictObject({ a: z.string() }).parse({ a: 1 }) } as unknown as Handlers, () => {});
    expect(await dispatch('session:get-status', {})).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('names the field it refused, so a form shows the reason under that field', async () => {
    const refused = z.strictObject({ entry: z.strictObject({ year: z.number().int().min(2000) }) }).safeParse({ entry: { year: 1800 } });
    expect(toFailure(refused.error, () => {}).error.fields).toEqual([{ field: 'entry.year', message: expect.stringMatching(/2000/) }]);
    const dispatch = createDispatcher({} as Handlers, () => {});
    const failure = await dispatch('calendar:save', { entry: { date: '2026-02-16' }, previousDate: null });
    expect(failure).toMatchObject({ ok: false, error: { kind: 'validation', fields: expect.arrayContaining([{ field: 'entry.kind', message: expect.any(String) }]) } });
    expect(toFailure(new DbError('validation', 'x', 'KEYFILE_DAMAGED'), () => {}).error).not.toHaveProperty('fields');
  });

  it('ends a CLI command with exit 2 and the field, not a stack or raw JSON', async () => {
    const r = await runCli(['check', '--as-of', '2026-13-45', 'x.json'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/ZodError|"code":|at .*\.ts:/);
  });
});

/** db/ has its own error type (it never imports core); the shells show it exactly as db/ wrote it. */
describe('a refusal from db/', () => {
  it('reaches the window with its kind, Vietnamese message and code, not as a bug', () => {
    const failure = toFailure(new DbError('validation', 'Tệp khóa bị hỏng (ptdv.db.key).', 'KEYFILE_DAMAGED'), () => {
      throw new Error('a refusal of db/ is not a bug to log');
    });
    expect(failure.error).toEqual({ kind: 'validation', message: 'Tệp khóa bị hỏng (ptdv.db.key).', code: 'KEYFILE_DAMAGED' });
  });

  it('keeps a raw storage failure readable: a full disk is DISK_FULL, not "lỗi không mong đợi"', () => {
    const failure = toFailure(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), () => {
      throw new Error('a full disk is not a bug to log');
    });
    expect(failure.error).toMatchObject({ kind: 'conflict', code: 'DISK_FULL' });
    expect(failure.error.message).toContain('Ổ đĩa đã đầy');
  });

  it('ends a CLI command with its message, its code and the exit code of its kind', async () => {
    const db = join(tempDir(), 'ptdv.db');
    writeFileSync(db, '');
    writeFileSync(`${db}.key`, '{"not":"a key file"}');
    const r = await runCli(['unit', 'show', '--db', db], { PTDV_PASSPHRASE: 'mat-khau-kiem-thu' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Lỗi: Tệp khóa bị hỏng \(ptdv\.db\.key\).* \[KEYFILE_DAMAGED\]\n$/);
  });
});
