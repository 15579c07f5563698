import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/core/ports';
import { Session } from '../../electron/core/services/session';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import type { InvokeChannel, Output } from '../../electron/ipc-contract';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

/** One app instance behind the real dispatcher: every input and output is checked against the contract. */
async function app(unit: { code: string; name: string; level: string; parentCode?: string }) {
  const session = new Session({ dataDir: tempDir(), migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-12-28'), actor: 'test' });
  const dispatch = createDispatcher(createHandlers(session, { choosePath: async () => null }), (e) => {
    throw e;
  });
  const call = async <C extends InvokeChannel>(channel: C, input: unknown): Promise<Output<C>> => {
    const result = await dispatch(channel, input);
    if (!result.ok) {
      throw Object.assign(new Error(result.error.message), result.error);
    }
    return result.value as Output<C>;
  };
  await call('session:setup', { unit, passphrase: 'mat-khau-dai-1' });
  return { call, dispatch };
}

describe('review and request channels for the UI', () => {
  it('return a report and ask about a candidate at the superior; the unit sees both, corrects and answers', async () => {
    const dir = tempDir();
    const superior = await app({ code: 'DUK01', name: 'Đảng ủy Khối', level: 'cap-tren' });
    const unit = await app({ code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo', parentCode: 'DUK01' });
    await superior.call('keys:export-trust', { path: join(dir, 'trust.json') });
    const request = await unit.call('enrol:request', { trustPath: join(dir, 'trust.json'), path: dir });
    await superior.call('enrol:accept', { path: request.path });
    await superior.call('enrol:confirm', { unitCode: 'CB014', code: request.readAloudCode });

    const hoa = await unit.call('candidates:create', { profile: { fullName: 'Trần Thị Hoa', birthDate: '2000-02-02', gender: 'nu' }, firstEvent: { type: 'SOURCE_PROPOSED', date: '2026-10-01', by: 'doan' } });
    await unit.call('reports:freeze', { period: '2026-Q4', number: '07-BC/CB' });
    await superior.call('bundles:import', { paths: [(await unit.call('bundles:export', { label: '2026Q4', path: dir })).path] });

    expect(await superior.dispatch('reports:review', { unitCode: 'CB014', period: '2026-Q4', verdict: 'returned' })).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringContaining('cần ghi ý kiến') } });
    expect(await superior.dispatch('reports:review', { unitCode: 'CB014', period: '2026-Q4', verdict: 'maybe' })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(await superior.call('reports:review', { unitCode: 'cb014', period: '2026Q4', verdict: 'returned', comment: 'Sai số đảng viên.' })).toMatchObject({ version: 1, verdict: 'returned', sent: false });
    const copy = (await superior.call('units:get', { code: 'CB014' })).candidates[0]!;
    await superior.call('directives:add-note', { unitCode: 'CB014', kind: 'request-dossier', text: 'Bổ sung lý lịch.', candidateId: copy.id });
    await unit.call('directives:import', { paths: [(await superior.call('directives:export', { unitCode: 'CB014', path: dir })).path] });

    expect((await unit.call('reports:list-returned', {})).map((r) => [r.version, r.review?.comment])).toEqual([[1, 'Sai số đảng viên.']]);
    const open = await unit.call('directives:list-open-requests', { candidateId: hoa.id });
    expect(open).toEqual([expect.objectContaining({ text: 'Bổ sung lý lịch.', candidateName: 'Trần Thị Hoa' })]);
    expect(await unit.dispatch('directives:resolve', { id: open[0]!.id, answer: 'x'.repeat(2001) })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(await unit.call('directives:list-open-requests', {})).toHaveLength(1);
    await unit.call('directives:resolve', { id: open[0]!.id, answer: 'Đã bổ sung.' });
    await unit.call('reports:freeze', { period: '2026-Q4', number: '08-BC/CB', reason: 'Sửa số đảng viên' });
    expect(await unit.call('reports:list-returned', {})).toEqual([]);

    await superior.call('bundles:import', { paths: [(await unit.call('bundles:export', { label: '2026Q4', path: dir })).path] });
    expect((await superior.call('reports:list-frozen', { unitCode: 'CB014' })).map((r) => [r.version, r.review?.verdict ?? null])).toEqual([
      [1, 'returned'],
      [2, null],
    ]);
    expect((await superior.call('directives:list-sent', { unitCode: 'CB014' })).find((i) => i.kind === 'request-dossier')).toMatchObject({ answer: 'Đã bổ sung.' });
  });
});
