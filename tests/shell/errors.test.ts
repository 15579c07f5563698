import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import '../../electron/core/model/zod-locale';
import { createDispatcher, toFailure } from '../../electron/ipc/dispatcher';
import type { Handlers } from '../../electron/ipc/dispatcher';
import { runCli } from '../helpers/cli';

/** A schema deep inside a use case that refuses a value must read like any refused input, never as a crash. */
describe('a refusal from a schema inside a use case', () => {
  it('reaches the window as a Vietnamese validation message, not "lỗi không mong đợi"', async () => {
    const refused = z.strictObject({ year: z.number().int().min(2000) }).safeParse({ year: 1800 });
    expect(refused.success).toBe(false);
    const failure = toFailure(refused.error, () => {
      throw new Error('a refused input is not a bug to log');
    });
    expect(failure.error.kind).toBe('validation');
    expect(failure.error.message).toMatch(/^year: /);
    expect(failure.error.message).not.toContain('không mong đợi');
    const dispatch = createDispatcher({ 'session:get-status': () => z.strictObject({ a: z.string() }).parse({ a: 1 }) } as unknown as Handlers, () => {});
    expect(await dispatch('session:get-status', {})).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('ends a CLI command with exit 2 and the field, not a stack or raw JSON', async () => {
    const r = await runCli(['check', '--as-of', '2026-13-45', 'x.json'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/ZodError|"code":|at .*\.ts:/);
  });
});
