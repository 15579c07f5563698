import { describe, expect, it } from 'vitest';
import { exportUnitReport } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { buildDashboard } from '../../electron/core/services/dashboard-service';
import { buildUnitReport } from '../../electron/core/services/report-service';
import { testContext } from '../helpers/db';
import { asFile, enrol, fillUnit, SUPERIOR, TODAY, unitSetup } from '../helpers/sync';

/**
 * A superior's figures tell three things apart: a unit that sent its report and admitted no one, a unit from which
 * no report was received (nothing sent, or what it sent was refused), and a unit whose enrolment was never confirmed
 * by reading its code aloud, which is never counted.
 */
describe('no data is not zero', () => {
  it('lists a silent or refused unit as "chưa gửi báo cáo" and keeps an unconfirmed unit outside the totals', async () => {
    const superior = testContext(TODAY, SUPERIOR);
    const sent = testContext(TODAY, unitSetup('CB014'));
    const silent = testContext(TODAY, unitSetup('CB015'));
    const refused = testContext(TODAY, unitSetup('CB016'));
    const unconfirmed = testContext(TODAY, unitSetup('CB017'));
    await enrol(superior, sent);
    await enrol(superior, silent);
    await enrol(superior, refused);
    await enrol(superior, unconfirmed, { confirm: false });

    fillUnit(sent, 12);
    expect((await importBundle(superior.ctx, asFile(await exportUnitReport(sent.ctx, '2026Q4')))).status).toBe('applied');
    fillUnit(unconfirmed, 9, 11);
    await importBundle(superior.ctx, asFile(await exportUnitReport(unconfirmed.ctx, '2026Q4')));
    fillUnit(refused, 5, 13);
    const bundle = asFile(await exportUnitReport(refused.ctx, '2026Q4'));
    const tampered = Buffer.from(bundle.bytes);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 40) ^ 0xff, tampered.length - 40);
    expect((await importBundle(superior.ctx, { ...bundle, bytes: tampered })).status).toBe('rejected');

    const year = buildUnitReport(superior.ctx.db, { period: '2026', all: true, asOf: TODAY });
    expect(year.unitsNotReported.map((u) => u.code)).toEqual(['CB015', 'CB016']);
    expect(year.unitsWithoutAdmission.map((u) => u.code)).not.toContain('CB015');
    expect(year.unitsWithoutAdmission.map((u) => u.code)).not.toContain('CB016');
    expect(year.unitsUnconfirmed).toEqual([{ code: 'CB017', name: 'Chi bộ CB017' }]);
    expect(year.units.map((u) => u.code)).not.toContain('CB017');
    expect(year.total!.candidates).toBe(12);

    const dashboard = buildDashboard(superior.ctx.db, { year: 2026, asOf: TODAY });
    expect(dashboard.unitsNotReported).toEqual(year.unitsNotReported);
    expect(dashboard.unitsUnconfirmed).toEqual(year.unitsUnconfirmed);
    expect(dashboard.total.candidates).toBe(12);
  });
});
