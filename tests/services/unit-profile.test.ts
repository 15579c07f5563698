import { describe, expect, it } from 'vitest';
import { requestEnrolment } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { exportTrustFile } from '../../electron/core/services/key-service';
import { previewReport } from '../../electron/core/services/report-service';
import { unitProfile, updateUnitProfile } from '../../electron/core/services/unit-service';
import { testContext } from '../helpers/db';
import { asFile, SUPERIOR, TODAY } from '../helpers/sync';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err as { code?: string; message: string };
  }
  throw new Error('expected a refusal');
};

describe('unit profile', () => {
  it('keeps name, youth and trade union, secretary and place, and leaves absent fields as they were', () => {
    const { ctx } = testContext(TODAY, { code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo', parentCode: 'DUCS01' });
    expect(unitProfile(ctx)).toMatchObject({ name: 'Chi bộ Kỹ thuật', hasTradeUnion: true, secretaryName: null, documentPlace: null, enrolled: false });
    updateUnitProfile(ctx, { secretaryName: 'Nguye\u0302\u0303n Văn  Hùng', documentPlace: 'Hà Nội', hasTradeUnion: false });
    const after = updateUnitProfile(ctx, { name: 'Chi bộ Kỹ thuật 2' });
    expect(after).toMatchObject({ name: 'Chi bộ Kỹ thuật 2', hasTradeUnion: false, hasYouthUnion: true, documentPlace: 'Hà Nội' });
    expect(after.secretaryName).toBe('Nguyễn Văn Hùng'.normalize('NFC'));
    expect(updateUnitProfile(ctx, { documentPlace: '  ' }).documentPlace).toBeNull();
  });

  it("signs the unit's report with the secretary and place it keeps, unless a place is given for the report", () => {
    const { ctx } = testContext(TODAY, { code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo', parentCode: 'DUCS01' });
    const page = (place?: string) => previewReport(ctx.db, { period: '2026-Q4', ...(place ? { place } : {}) }, TODAY).html;
    expect(page()).not.toContain('Nguyễn Văn Hùng');
    updateUnitProfile(ctx, { secretaryName: 'Nguyễn Văn Hùng', documentPlace: 'Hà Nội' });
    expect(page()).toContain('Nguyễn Văn Hùng');
    expect(page()).toContain('Hà Nội, ngày');
    expect(page('Hải Phòng')).toContain('Hải Phòng, ngày');
  });

  it('corrects a mistyped parent code before enrolment, then enrols with the right superior', async () => {
    const superior = testContext(TODAY, SUPERIOR);
    const unit = testContext(TODAY, { code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo', parentCode: 'DUCS01' });
    // The trust file of DUK01 is refused while the unit names DUCS01 as its superior.
    await expect(requestEnrolment(unit.ctx, exportTrustFile(superior.ctx))).rejects.toThrow(/DUCS01/);
    expect(updateUnitProfile(unit.ctx, { parentCode: 'duk01' }).parentCode).toBe('DUK01');
    const outcome = await importBundle(superior.ctx, asFile(await requestEnrolment(unit.ctx, exportTrustFile(superior.ctx))));
    expect(outcome.status).toBe('applied');
    expect(unitProfile(unit.ctx).enrolled).toBe(true);
    const locked = refusal(() => updateUnitProfile(unit.ctx, { parentCode: 'DUK02' }));
    expect(locked.code).toBe('PARENT_LOCKED');
    expect(locked.message).toMatch(/đăng ký lại/);
    expect(unitProfile(unit.ctx).parentCode).toBe('DUK01');
  });

  it("never takes the superior's own code or name", async () => {
    const superior = testContext(TODAY, SUPERIOR);
    const unit = testContext(TODAY, { code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo', parentCode: 'DUK01' });
    await importBundle(superior.ctx, asFile(await requestEnrolment(unit.ctx, exportTrustFile(superior.ctx))));
    const byName = refusal(() => updateUnitProfile(unit.ctx, { name: ' đảng ủy khối  Doanh nghiệp ' }));
    expect(byName.code).toBe('UNIT_IDENTITY_TAKEN');
    expect(byName.message).toMatch(/trùng với tên cấp trên/);
    const fresh = testContext(TODAY, { code: 'CB015', name: 'Chi bộ Kho', level: 'chi-bo', parentCode: 'DUK01' });
    expect(refusal(() => updateUnitProfile(fresh.ctx, { parentCode: 'CB015' })).code).toBe('UNIT_IDENTITY_TAKEN');
    expect(unitProfile(unit.ctx).name).toBe('Chi bộ Kỹ thuật');
  });
});
