import { describe, expect, it } from 'vitest';
import { exportUnitReport, requestEnrolment } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { exportDirective } from '../../electron/core/services/directive-service';
import { confirmUnit, exportTrustFile } from '../../electron/core/services/key-service';
import { unitProfile } from '../../electron/core/services/unit-service';
import { testContext } from '../helpers/db';
import { asFile, TODAY } from '../helpers/sync';

const ducs = (code: string) => testContext(TODAY, { code, name: `Đảng ủy ${code}`, level: 'dang-bo-co-so', parentCode: 'DUK01' });

describe('a chi bộ moving to another đảng ủy cơ sở', () => {
  it('is an explicit re-enrolment: refused without --move, then numbered from 1 towards the new superior, and the old one is no longer obeyed', async () => {
    const [du1, du2] = [ducs('DU001'), ducs('DU002')];
    const cell = testContext(TODAY, { code: 'CB011', name: 'Chi bộ 11', level: 'chi-bo', parentCode: 'DU001' });
    const first = await importBundle(du1.ctx, asFile(await requestEnrolment(cell.ctx, exportTrustFile(du1.ctx))));
    confirmUnit(du1.ctx, 'CB011', first.enrolment!.readAloudCode);
    expect((await importBundle(du1.ctx, asFile(await exportUnitReport(cell.ctx, '2026Q4')))).status).toBe('applied');

    await expect(requestEnrolment(cell.ctx, exportTrustFile(du2.ctx))).rejects.toMatchObject({ code: 'TRUST_OTHER_SUPERIOR' });
    expect(unitProfile(cell.ctx).parentCode).toBe('DU001');

    const moved = await requestEnrolment(cell.ctx, exportTrustFile(du2.ctx), { move: true });
    expect(moved.bundle.fileName).toBe('CB011_DU002_DANGKY_s000001.ptdv');
    expect(unitProfile(cell.ctx)).toMatchObject({ parentCode: 'DU002', enrolled: true });
    const accepted = await importBundle(du2.ctx, asFile(moved));
    confirmUnit(du2.ctx, 'CB011', accepted.enrolment!.readAloudCode);
    const report = await importBundle(du2.ctx, asFile(await exportUnitReport(cell.ctx, '2026Q4')));
    expect(report).toMatchObject({ status: 'applied', seq: 2 });

    // A directive the old superior makes afterwards is not taken: the cell answers to DU002 now.
    const old = await importBundle(cell.ctx, asFile(await exportDirective(du1.ctx, 'CB011')));
    expect(old).toMatchObject({ status: 'rejected', code: 'KIND_NOT_ACCEPTED' });
    const current = await importBundle(cell.ctx, asFile(await exportDirective(du2.ctx, 'CB011')));
    expect(current.status).toBe('applied');
  });
});
