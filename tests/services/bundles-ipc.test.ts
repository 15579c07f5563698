import { readFileSync, writeFileSync } from 'node:fs';
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

describe('sync channels for the UI', () => {
  it('walk enrolment, export, a batch import with a tampered file, and a directive back, with per-file results', async () => {
    const dir = tempDir();
    const superior = await app({ code: 'DUK01', name: 'Đảng ủy Khối', level: 'cap-tren' });
    const unit = await app({ code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo', parentCode: 'DUK01' });

    await superior.call('keys:export-trust', { path: join(dir, 'trust.json') });
    const request = await unit.call('enrol:request', { trustPath: join(dir, 'trust.json'), path: dir });
    expect(request).toMatchObject({ path: join(dir, 'CB014_DUK01_DANGKY_s000001.ptdv'), superior: { code: 'DUK01', name: 'Đảng ủy Khối' } });
    expect(request.superior.readAloudCode).toBe((await superior.call('keys:get-info', {})).own.readAloudCode);
    const accepted = await superior.call('enrol:accept', { path: request.path });
    expect(accepted.enrolment?.readAloudCode).toBe(request.readAloudCode);
    expect(await superior.dispatch('enrol:confirm', { unitCode: 'cb014', code: '1234 5678 9012 3456 7890' })).toMatchObject({ ok: false, error: { kind: 'conflict', code: 'FINGERPRINT_MISMATCH' } });
    await superior.call('enrol:confirm', { unitCode: 'cb014', code: request.readAloudCode });

    const hoa = await unit.call('candidates:create', { profile: { fullName: 'Trần Thị Hoa', birthDate: '2000-02-02', gender: 'nu' }, firstEvent: { type: 'SOURCE_PROPOSED', date: '2026-10-01', by: 'doan' } });
    // Proposed by the chi bộ and the ĐUCS, so the admission decision below fits her.
    await unit.call('candidates:add-event', { id: hoa.id, event: { type: 'CHI_BO_VOTED', date: '2026-11-20', yes: 10, eligible: 12 } });
    await unit.call('candidates:add-event', { id: hoa.id, event: { type: 'DUCS_VOTED', date: '2026-12-01', yes: 9, members: 11 } });
    const name = await unit.call('bundles:next-file-name', { label: '2026Q4' });
    const exported = await unit.call('bundles:export', { label: '2026Q4', path: dir });
    expect(exported).toMatchObject({ fileName: name.fileName, path: join(dir, name.fileName), seq: 2, counts: { candidates: 1 } });
    const tampered = join(dir, 'CB014_DUK01_2026Q4_s000099.ptdv');
    const bytes = readFileSync(exported.path);
    writeFileSync(tampered, bytes.subarray(0, bytes.length - 10));
    const results = await superior.call('bundles:import', { paths: [exported.path, tampered] });
    expect(results.map((r) => [r.status, r.code])).toEqual([['applied', null], ['rejected', 'DECRYPT_FAILED']]);
    expect(results[1]!.message).toContain('Không giải mã được tệp');

    expect(await superior.call('units:list', {})).toMatchObject([{ code: 'CB014', keyState: 'verified', candidates: 1, lastBundle: { seq: 2 } }]);
    const detail = await superior.call('units:get', { code: 'CB014' });
    expect(detail.candidates.map((c) => c.fullName)).toEqual(['Trần Thị Hoa']);
    await superior.call('directives:add-decision', { candidateId: detail.candidates[0]!.id, kind: 'admission', number: '7-QĐ/ĐUK', date: '2026-12-20' });
    await superior.call('directives:add-note', { unitCode: 'CB014', kind: 'comment', text: 'Đề nghị gửi báo cáo quý đúng hạn.' });
    expect((await superior.call('directives:list-pending', { unitCode: 'CB014' })).map((i) => i.kind)).toEqual(['receipt', 'receipt', 'decision', 'comment']);
    const directive = await superior.call('directives:export', { unitCode: 'CB014', path: dir });
    expect((await unit.call('directives:import', { paths: [directive.path] }))[0]).toMatchObject({ status: 'applied', kind: 'directive' });
    expect((await unit.call('directives:list-received', {})).map((i) => i.text)).toContain('Quyết định kết nạp số 7-QĐ/ĐUK ngày 20/12/2026');
    expect((await unit.call('quarantine:list', {})).rows).toEqual([]);

    const [sent] = await unit.call('bundles:list-outbox', {});
    expect(sent).toMatchObject({ fileName: name.fileName, kind: 'unit-report' });
    expect((await unit.call('bundles:reopen', { bundleId: sent!.bundleId })).counts).toMatchObject({ candidates: 1 });
    expect(await unit.dispatch('bundles:save-copy', { bundleId: sent!.bundleId, path: dir })).toMatchObject({ ok: false, error: { code: 'FILE_EXISTS' } });
    expect(await unit.call('bundles:save-copy', { bundleId: sent!.bundleId, path: join(dir, 'ban-sao.ptdv') })).toEqual({ path: join(dir, 'ban-sao.ptdv'), bytes: bytes.length });
  });
});
