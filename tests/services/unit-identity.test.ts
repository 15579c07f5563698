import { describe, expect, it } from 'vitest';
import { exportUnitReport } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { updateUnitProfile } from '../../electron/core/services/unit-service';
import { confirmUnitChange, listUnits } from '../../electron/core/services/units-overview';
import { asFile, enrolledPair, SUPERIOR, type TestDb } from '../helpers/sync';

const report = async (unit: TestDb) => asFile(await exportUnitReport(unit.ctx, '2026Q4'));
const unitAtSuperior = (superior: TestDb, code = 'CB014') => listUnits(superior.database.db).find((u) => u.code === code);

describe('a unit’s name as its files state it, at the superior', () => {
  it('holds a rename for the officer to confirm instead of applying it, then applies it once confirmed', async () => {
    const { superior, unit } = await enrolledPair();
    updateUnitProfile(unit.ctx, { name: 'Chi bộ Phòng Kế hoạch' });
    const outcome = await importBundle(superior.ctx, await report(unit));
    expect(outcome.status).toBe('applied');
    expect(outcome.summary?.warnings.join('\n')).toContain('Đơn vị CB014 báo đổi tên "Chi bộ CB014" thành "Chi bộ Phòng Kế hoạch": chưa áp dụng, cần xác nhận');
    expect(unitAtSuperior(superior)).toMatchObject({ name: 'Chi bộ CB014', pendingChange: { name: 'Chi bộ Phòng Kế hoạch', level: null } });

    const confirmed = confirmUnitChange(superior.ctx, 'CB014');
    expect(confirmed).toMatchObject({ name: 'Chi bộ Phòng Kế hoạch', pendingChange: null });
    expect(unitAtSuperior(superior)).toMatchObject({ name: 'Chi bộ Phòng Kế hoạch', pendingChange: null });
    expect(() => confirmUnitChange(superior.ctx, 'CB014')).toThrow('không có thay đổi tên hoặc cấp nào chờ xác nhận');
  });

  it('drops the pending rename when the next file states the recorded name again', async () => {
    const { superior, unit } = await enrolledPair();
    updateUnitProfile(unit.ctx, { name: 'Chi bộ Gõ Nhầm' });
    await importBundle(superior.ctx, await report(unit));
    expect(unitAtSuperior(superior)?.pendingChange).not.toBeNull();
    updateUnitProfile(unit.ctx, { name: 'Chi bộ CB014' });
    const outcome = await importBundle(superior.ctx, await report(unit));
    expect(outcome.summary?.warnings.join('\n')).not.toContain('báo đổi tên');
    expect(unitAtSuperior(superior)).toMatchObject({ name: 'Chi bộ CB014', pendingChange: null });
  });

  it('refuses a file whose unit takes the superior’s own name, even spelt with look-alike letters, and writes nothing', async () => {
    const { superior, unit } = await enrolledPair();
    // A Cyrillic "о" and a zero-width space: the same name to a reader.
    const lookAlike = SUPERIOR.name.replace('o', '\u043e').replace(' ', '\u200b ');
    expect(lookAlike).not.toBe(SUPERIOR.name);
    updateUnitProfile(unit.ctx, { name: lookAlike });
    const before = unitAtSuperior(superior);
    const outcome = await importBundle(superior.ctx, await report(unit));
    expect(outcome.status).toBe('rejected');
    expect(outcome.code).toBe('UNIT_IDENTITY_TAKEN');
    expect(outcome.message).toContain('Đơn vị gửi dùng tên của đơn vị nhận hoặc của cấp trên đơn vị nhận');
    expect(unitAtSuperior(superior)).toEqual(before);
  });
});
