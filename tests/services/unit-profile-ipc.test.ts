import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/core/ports';
import { Session } from '../../electron/core/services/session';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

/** Cài đặt reaches the unit profile through the same schema as `ptdv unit set`. */
describe('unit profile channels', () => {
  it('read and change the profile; a refused change says why in Vietnamese and changes nothing', async () => {
    const session = new Session({ dataDir: tempDir(), migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-12-28'), actor: 'test' });
    const dispatch = createDispatcher(createHandlers(session, { choosePath: async () => null }), (e) => {
      throw e;
    });
    await dispatch('session:setup', { unit: { code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo', parentCode: 'DUCS01' }, passphrase: 'mat-khau-dai-1' });
    expect(await dispatch('unit:update-profile', { parentCode: 'DUK01', secretaryName: 'Lê Văn Nam', documentPlace: 'Huế' })).toMatchObject({
      ok: true,
      value: { parentCode: 'DUK01', secretaryName: 'Lê Văn Nam', documentPlace: 'Huế', enrolled: false },
    });
    expect(await dispatch('unit:update-profile', { parentCode: 'CB014' })).toMatchObject({ ok: false, error: { kind: 'validation', code: 'UNIT_IDENTITY_TAKEN' } });
    expect(await dispatch('unit:update-profile', { name: 'x' })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(await dispatch('unit:profile', {})).toMatchObject({ ok: true, value: { name: 'Chi bộ Kỹ thuật', parentCode: 'DUK01' } });
  });
});
