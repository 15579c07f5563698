import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { units } from '../../db/schema/index';
import { dashboardSchema, dashboardUnitDetailSchema } from '../../electron/core/model/dashboard';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { buildDashboard, buildDashboardUnit } from '../../electron/core/services/dashboard-service';
import { buildUnitReport } from '../../electron/core/services/report-service';
import { listTable } from '../../electron/core/services/list-export';
import { testContext } from '../helpers/db';
import { recordCell, recordRoster, recordSuperior, superiorContext } from './report-fixtures';

const AS_OF = '2026-11-23';

function superior() {
  const { ctx } = superiorContext(AS_OF);
  const ids = recordSuperior(ctx);
  return { ctx, ids, dashboard: buildDashboard(ctx.db, { year: 2026, asOf: AS_OF }) };
}

describe('the superior’s dashboard (see recordSuperior for the figures by hand)', () => {
  it('shows admissions against the year target per unit and in total', () => {
    const { dashboard } = superior();
    expect(dashboard.units.map((u) => [u.code, u.admissions, u.target])).toEqual([
      ['CB01', 2, { targetCount: 3, achieved: 2, percentAchieved: 66.7, source: 'superior' }],
      ['CB02', 1, { targetCount: 2, achieved: 1, percentAchieved: 50, source: 'superior' }],
      ['CB03', 0, null],
    ]);
    expect([dashboard.total.code, dashboard.total.admissions, dashboard.total.target]).toEqual(['DUK01', 3, { targetCount: 5, achieved: 3, percentAchieved: 60, source: 'superior' }]);
  });

  it('draws the pipeline funnel in stage order, terminal stages last', () => {
    const { dashboard } = superior();
    const funnel = dashboard.total.funnel.filter((s) => s.count > 0).map((s) => [s.stage, s.label, s.count]);
    expect(funnel).toEqual([
      ['nguon', 'Nguồn (quần chúng ưu tú)', 1],
      ['cam-tinh', 'Cảm tình Đảng', 1],
      ['da-hoc-lop', 'Đã học lớp bồi dưỡng nhận thức về Đảng', 1],
      ['co-quyet-dinh', 'Có quyết định kết nạp', 2],
      ['du-bi', 'Đảng viên dự bị', 1],
      ['chinh-thuc', 'Đảng viên chính thức', 1],
      ['dung', 'Dừng', 1],
    ]);
    expect(dashboard.total.funnel).toHaveLength(12);
  });

  it('names the units with no admission this year', () => {
    const { dashboard } = superior();
    expect(dashboard.unitsWithoutAdmission).toEqual([{ code: 'CB03', name: 'Chi bộ Vận tải' }]);
    expect(dashboard.units.map((u) => u.noAdmissionThisYear)).toEqual([false, false, true]);
  });

  it('at a Khối over a đảng ủy cơ sở, names the TCCSĐ of each chi bộ and the committee’s subtree, counting nobody twice', () => {
    const { ctx } = superiorContext(AS_OF);
    recordSuperior(ctx);
    ctx.db.insert(units).values({ code: 'DU09', name: 'Đảng ủy Cảng', level: 'dang-bo-co-so', parentCode: 'DUK01', origin: 'mirror' }).run();
    ctx.db.update(units).set({ parentCode: 'DU09' }).where(inArray(units.code, ['CB01', 'CB02'])).run();
    const dashboard = buildDashboard(ctx.db, { year: 2026, asOf: AS_OF });
    expect(dashboard.units.map((u) => [u.code, u.candidates, u.admissions, u.tccsd?.code ?? null, u.subtree, u.noAdmissionThisYear])).toEqual([
      ['CB01', 3, 2, 'DU09', null, false],
      ['CB02', 3, 1, 'DU09', null, false],
      ['CB03', 2, 0, null, null, true],
      // DU09 follows no one itself: its row says what its chi bộ hold, and it is not a unit "without admission".
      ['DU09', 0, 0, null, { units: 2, candidates: 6, admissions: 3 }, false],
    ]);
    expect(dashboard.total.admissions).toBe(dashboard.units.reduce((s, u) => s + u.admissions, 0));
    expect(dashboard.total.candidates).toBe(8);
    expect(dashboard.unitsWithoutAdmission).toEqual([{ code: 'CB03', name: 'Chi bộ Vận tải' }]);
    expect(dashboardSchema.safeParse(dashboard).success).toBe(true);
    // Its Excel copy names each chi bộ's TCCSĐ in a last column, and sets it right under it, as the screen does.
    const sheet = listTable(ctx, { list: 'units', year: 2026, sort: { column: 'code', dir: 'asc' } });
    expect(sheet.columns.at(-1)?.header).toBe('Thuộc');
    expect(sheet.rows.map((r) => [r[1], r.at(-1)])).toEqual([
      ['CB03', null],
      ['DU09', null],
      ['CB01', 'DU09 – Đảng ủy Cảng'],
      ['CB02', 'DU09 – Đảng ủy Cảng'],
    ]);
  });

  it('counts overdue and error findings per unit, plain warnings left out', () => {
    const { dashboard } = superior();
    expect(dashboard.units.map((u) => [u.code, u.overdue, u.findings.map((f) => f.code)])).toEqual([
      ['CB01', 2, ['MEMBER_RECORDS_OVERDUE', 'NO_MENTOR']],
      ['CB02', 1, ['NO_MENTOR']],
      ['CB03', 0, []],
    ]);
    expect(dashboard.total.overdue).toBe(3);
  });

  it('gives the median days from listing to admission and from ceremony to recognition', () => {
    const { dashboard } = superior();
    expect(dashboard.units.map((u) => [u.medianDaysListingToAdmission, u.medianDaysCeremonyToRecognition])).toEqual([
      [204, null],
      [486, 375],
      [null, null],
    ]);
    expect([dashboard.total.medianDaysListingToAdmission, dashboard.total.medianDaysCeremonyToRecognition]).toEqual([227, 375]);
  });

  it('shows the trend of admissions by quarter', () => {
    const { dashboard } = superior();
    expect(dashboard.total.trend).toEqual([
      { quarter: 'Q1', label: 'Quý I', admissions: 1 },
      { quarter: 'Q2', label: 'Quý II', admissions: 1 },
      { quarter: 'Q3', label: 'Quý III', admissions: 1 },
      { quarter: 'Q4', label: 'Quý IV', admissions: 0 },
    ]);
    expect(dashboard.units.map((u) => u.trend.map((p) => p.admissions))).toEqual([
      [1, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('flags the same person followed by two units, on both units', () => {
    const { dashboard, ids } = superior();
    expect(dashboard.units.map((u) => u.duplicates)).toEqual([0, 1, 1]);
    expect(dashboard.duplicates.map((d) => d.occurrences.map((o) => o.candidateId))).toEqual([[ids.b2, ids.c1]]);
  });

  it('drills down to a unit: its candidates in name order with stage, dates, problems and the other unit of a duplicate', () => {
    const { ctx, ids } = superior();
    const detail = buildDashboardUnit(ctx.db, { year: 2026, unitCode: 'cb02', asOf: AS_OF });
    expect(detail.unit.code).toBe('CB02');
    expect(detail.candidates.map((c) => [c.fullName, c.stage, c.listedOn, c.admittedOn, c.findings.map((f) => f.code)])).toEqual([
      ['Nguyễn Thị An', 'da-hoc-lop', '2026-01-20', null, ['NO_MENTOR']],
      ['Hoàng Thị Mai', 'co-quyet-dinh', '2025-06-01', '2026-09-30', []],
      ['Đỗ Văn Tùng', 'chinh-thuc', '2024-02-01', '2025-05-01', []],
    ]);
    expect(detail.candidates[0]!.alsoIn).toEqual([{ unitCode: 'CB03', unitName: 'Chi bộ Vận tải', candidateId: ids.c1 }]);
    expect(detail.candidates[1]!.alsoIn).toEqual([]);
    expect(dashboardUnitDetailSchema.parse(JSON.parse(JSON.stringify(detail)))).toEqual(detail);
    expect(() => buildDashboardUnit(ctx.db, { year: 2026, unitCode: 'CB99', asOf: AS_OF })).toThrow(/CB99 không có/);
  });

  it('agrees with the year report, and the schema the IPC channel validates accepts it', () => {
    const { ctx, dashboard } = superior();
    const report = buildUnitReport(ctx.db, { period: '2026', all: true, asOf: AS_OF });
    expect(dashboard.units.map((u) => u.admissions)).toEqual(report.units.map((u) => u.quality.admissionsThisYear));
    expect(dashboard.total.funnel.map((s) => s.count)).toEqual(Object.values(report.total!.stock));
    expect(dashboardSchema.parse(JSON.parse(JSON.stringify(dashboard)))).toEqual(dashboard);
  });

  it('answers both channels through the dispatcher, with a Vietnamese error for an unknown unit', async () => {
    const { ctx } = superior();
    const session = { context: () => ctx, open: () => ({ db: ctx.db }) } as unknown as Parameters<typeof createHandlers>[0];
    const dispatch = createDispatcher(createHandlers(session, { choosePath: async () => null }));
    const got = await dispatch('dashboard:get', { year: 2026 });
    expect(got).toMatchObject({ ok: true, value: { asOf: AS_OF, total: { admissions: 3 } } });
    const unit = await dispatch('dashboard:get-unit', { year: 2026, unitCode: 'CB01' });
    expect(unit).toMatchObject({ ok: true, value: { unit: { code: 'CB01' } } });
    expect(await dispatch('dashboard:get-unit', { year: 2026, unitCode: 'CB99' })).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringContaining('CB99') } });
  });
});

describe('the dashboard of a unit with no units below', () => {
  it('shows the unit itself', () => {
    const { ctx } = testContext(AS_OF);
    recordRoster(ctx, 10);
    recordCell(ctx);
    const dashboard = buildDashboard(ctx.db, { year: 2026, asOf: AS_OF });
    expect([dashboard.scope, dashboard.units.map((u) => u.code), dashboard.total.code, dashboard.total.admissions]).toEqual([null, ['CB014'], 'CB014', 2]);
  });
});
