import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/core/ports';
import { Session } from '../../electron/core/services/session';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

type Detail = { id: string; documents: { id: string }[]; voided: unknown; corrections: unknown[] };

/** The screens void and correct through these channels; a void without a reason is refused and changes nothing. */
describe('correction channels', () => {
  it('refuse a void without a reason in Vietnamese, then void with one', async () => {
    const session = new Session({ dataDir: tempDir(), migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-12-28'), actor: 'test' });
    const dispatch = createDispatcher(createHandlers(session, { choosePath: async () => null }), (e) => {
      throw e;
    });
    await dispatch('session:setup', { unit: { code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo' }, passphrase: 'mat-khau-dai-1' });
    const created = (await dispatch('candidates:create', { profile: { fullName: 'Lò Thị Mai', birthDate: '2001-04-02' } })) as { ok: true; value: Detail };
    const id = created.value.id;
    const withDoc = (await dispatch('candidates:add-document', { id, document: { form: '1-KNĐ', date: '2026-12-01' } })) as { ok: true; value: Detail };
    const documentId = withDoc.value.documents[0]!.id;

    const noReason = await dispatch('candidates:void-record', { candidateId: id, kind: 'document', recordId: documentId, reason: '  ' });
    expect(noReason).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringContaining('lý do') } });
    expect(await dispatch('candidates:void', { id, reason: '' })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(await dispatch('candidates:get', { id })).toMatchObject({ ok: true, value: { voided: null, corrections: [], documents: [{ id: documentId }] } });

    expect(await dispatch('candidates:void-record', { candidateId: id, kind: 'document', recordId: documentId, reason: 'Nhập nhầm' })).toMatchObject({
      ok: true,
      value: { documents: [], corrections: [{ kind: 'document', voided: { reason: 'Nhập nhầm', by: 'test' } }] },
    });
    expect(await dispatch('candidates:void', { id, reason: 'Tạo nhầm hồ sơ' })).toMatchObject({ ok: true, value: { voided: { reason: 'Tạo nhầm hồ sơ' } } });
    expect(await dispatch('candidates:list', { offset: 0, limit: 10 })).toMatchObject({ ok: true, value: { total: 0, rows: [] } });
    expect(await dispatch('candidates:add-event', { id, event: { type: 'LISTED', date: '2026-12-02' } })).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining('đã bị hủy') } });
  });
});
