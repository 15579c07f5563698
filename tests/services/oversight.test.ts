import { describe, expect, it } from 'vitest';
import { ALL_UNITS } from '../../electron/core/model/entities';
import { listCandidates } from '../../electron/core/services/candidate-service';
import { stageCounts } from '../../electron/core/services/check-service';
import { todoPage } from '../../electron/core/services/check-views';
import { dashboardPeople } from '../../electron/core/services/dashboard-people';
import { buildDashboard } from '../../electron/core/services/dashboard-service';
import { buildUnitReport } from '../../electron/core/services/report-service';
import type { FlowKey, REPORT_STAGES } from '../../electron/core/model/report';
import type { LEAD_TIMES } from '../../electron/core/model/dashboard';
import { targetPeriodRange } from '../../electron/core/model/targets';
import { recordSuperior, superiorContext } from './report-fixtures';

const AS_OF = '2026-11-23';

function superior() {
  const { ctx } = superiorContext(AS_OF);
  const ids = recordSuperior(ctx);
  return { ctx, ids, dashboard: buildDashboard(ctx.db, { year: 2026, asOf: AS_OF }) };
}

describe("a committee's oversight of the units below", () => {
  it("lists the units' findings in its to-do list with the dashboard's error count, in total and per unit", () => {
    const { ctx, dashboard } = superior();
    const all = todoPage(ctx, { severities: ['error'], offset: 0, limit: 500 });
    expect(all.total).toBe(dashboard.total.overdue);
    expect(new Set(all.rows.map((r) => r.unitCode))).toEqual(new Set(['CB01', 'CB02']));
    expect(all.units.map((u) => u.code)).toEqual(['DUK01', 'CB01', 'CB02', 'CB03']);
    for (const unit of dashboard.units) {
      const one = todoPage(ctx, { unitCode: unit.code, severities: ['error'], offset: 0, limit: 500 });
      expect([unit.code, one.total]).toEqual([unit.code, unit.overdue]);
      expect(one.rows.every((r) => r.unitCode === unit.code)).toBe(true);
      // Each kind the unit's page counts opens as many items.
      for (const f of unit.findings) {
        expect(todoPage(ctx, { unitCode: unit.code, severities: ['error'], codes: [f.code], offset: 0, limit: 0 }).total).toBe(f.count);
      }
    }
    // The counts of a unit's part are its own, the whole list's stay for the navigation badge.
    expect(todoPage(ctx, { unitCode: 'CB02', offset: 0, limit: 0 }).summary.error).toBe(1);
    expect(todoPage(ctx, { offset: 0, limit: 0 }).summary.error).toBe(3);
  });

  it('counts in the to-do header only the units that have matching items, not every unit the list spans', () => {
    const { ctx } = superior();
    const errors = todoPage(ctx, { severities: ['error'], offset: 0, limit: 0 });
    // Four units are overseen; only CB01 and CB02 have errors.
    expect(errors.units).toHaveLength(4);
    expect(errors.unitsWithItems).toBe(2);
    expect(todoPage(ctx, { unitCode: 'CB02', severities: ['error'], offset: 0, limit: 0 }).unitsWithItems).toBe(1);
    expect(todoPage(ctx, { unitCode: 'CB03', severities: ['error'], offset: 0, limit: 0 }).unitsWithItems).toBe(0);
  });

  it('finds a person in any unit by a name typed without diacritics, saying which unit', () => {
    const { ctx, ids } = superior();
    const found = listCandidates(ctx.db, { unitCode: ALL_UNITS, query: 'nguyen thi an', offset: 0, limit: 50 });
    expect(found.rows.map((r) => [r.id, r.unitCode, r.unitName]).sort()).toEqual(
      [
        [ids.b2, 'CB02', 'Chi bộ Dệt may'],
        [ids.c1, 'CB03', 'Chi bộ Vận tải'],
      ].sort(),
    );
    expect(found.total).toBe(2);
    // Without a query every unit's people come in one name order, a page at a time.
    const everyone = listCandidates(ctx.db, { unitCode: ALL_UNITS, offset: 0, limit: 500 });
    expect(everyone.total).toBe(8);
    const paged = [0, 3, 6].flatMap((offset) => listCandidates(ctx.db, { unitCode: ALL_UNITS, offset, limit: 3 }).rows.map((r) => r.id));
    expect(paged).toEqual(everyone.rows.map((r) => r.id));
    // The own unit's list stays the own unit's.
    expect(listCandidates(ctx.db, { offset: 0, limit: 50 }).total).toBe(0);
  });

  it('counts the board over every unit, and the people behind each column are as many', () => {
    const { ctx } = superior();
    const board = stageCounts(ctx);
    expect(board.reduce((n, c) => n + c.count, 0)).toBe(8);
    for (const column of board) {
      expect([column.stage, listCandidates(ctx.db, { unitCode: ALL_UNITS, stage: column.stage, offset: 0, limit: 1 }).total]).toEqual([column.stage, column.count]);
    }
    expect(board.reduce((n, c) => n + c.errors, 0)).toBe(todoPage(ctx, { severities: ['error'], offset: 0, limit: 0 }).total);
  });
});

describe('from a number of the dashboard to the people it counts', () => {
  it('lists as many people as each count of the dashboard, in total and per unit, for admissions and every stage', () => {
    const { ctx, ids, dashboard } = superior();
    const people = (q: { unitCode?: string; count: 'admissions' | 'stage' | 'candidates'; stage?: (typeof REPORT_STAGES)[number] }) =>
      dashboardPeople(ctx.db, { year: 2026, asOf: AS_OF, offset: 0, limit: 500, ...q });
    const admitted = people({ count: 'admissions' });
    expect(admitted.total).toBe(dashboard.total.admissions);
    expect(admitted.rows.map((r) => r.id).sort()).toEqual([ids.a1, ids.a2, ids.b1].sort());
    expect(admitted.rows.find((r) => r.id === ids.b1)).toMatchObject({ unitCode: 'CB02', unitName: 'Chi bộ Dệt may', admittedOn: '2026-09-30' });
    for (const unit of [dashboard.total, ...dashboard.units]) {
      const unitCode = unit === dashboard.total ? undefined : unit.code;
      const scope = unitCode ? { unitCode } : {};
      expect([unit.code, people({ ...scope, count: 'admissions' }).total]).toEqual([unit.code, unit.admissions]);
      expect([unit.code, people({ ...scope, count: 'candidates' }).total]).toEqual([unit.code, unit.candidates]);
      for (const step of unit.funnel) {
        expect([unit.code, step.stage, people({ ...scope, count: 'stage', stage: step.stage }).total]).toEqual([unit.code, step.stage, step.count]);
      }
    }
  });

  it("lists as many people as a quarter report's summary counts, counted on the report's last day", () => {
    const { ctx } = superior();
    for (const period of ['2026-Q1', '2026-Q2', '2026-Q3', '2026-H1', '2026']) {
      const report = buildUnitReport(ctx.db, { period, all: true, asOf: AS_OF });
      const total = report.total!;
      const people = (q: { count: 'admissions' | 'stage' | 'candidates'; stage?: (typeof REPORT_STAGES)[number] }) =>
        dashboardPeople(ctx.db, { year: 2026, asOf: report.countedTo, offset: 0, limit: 500, ...q }).total;
      expect([period, people({ count: 'admissions' })]).toEqual([period, total.quality.admissionsThisYear]);
      // "Hồ sơ" of an earlier period leaves out a dossier whose first step came after it.
      expect([period, people({ count: 'candidates' })]).toEqual([period, total.candidates]);
      for (const [stage, count] of Object.entries(total.stock)) {
        expect([period, stage, people({ count: 'stage', stage: stage as (typeof REPORT_STAGES)[number] })]).toEqual([period, stage, count]);
      }
      for (const [flow, count] of Object.entries(total.flows)) {
        const listed = dashboardPeople(ctx.db, { year: 2026, asOf: report.countedTo, count: 'flow', flow: flow as FlowKey, from: report.period.start, offset: 0, limit: 0 }).total;
        expect([period, flow, listed]).toEqual([period, flow, count]);
      }
      expect(Object.values(total.flows).some((n) => n > 0)).toBe(true);
    }
  });

  it("lists as many people as each row of a report's breakdown of admissions, its lead times and its quarters count, in total and per unit", () => {
    const { ctx } = superior();
    let nonZero = 0;
    for (const period of ['2026-Q3', '2026-H2', '2026']) {
      const report = buildUnitReport(ctx.db, { period, all: true, asOf: AS_OF });
      const listed = (unitCode: string | undefined, q: { count: 'period-admissions' | 'lead-time'; trait?: string; lead?: (typeof LEAD_TIMES)[number] }) =>
        dashboardPeople(ctx.db, { year: 2026, asOf: report.countedTo, from: report.period.start, offset: 0, limit: 0, ...(unitCode ? { unitCode } : {}), ...q }).total;
      for (const unit of [report.total!, ...report.units]) {
        const code = unit === report.total ? undefined : unit.code;
        const a = unit.admissions;
        const rows: [string, number][] = [
          ['', a.total],
          ['women', a.women],
          ['doan-vien', a.doanVien],
          ['ethnic-minority', a.ethnicMinority],
          ['religious', a.religious],
          ['non-state-enterprise', a.nonStateEnterprise],
          ['business-owner', a.businessOwner],
          ...Object.entries(a.ageGroups).map(([k, v]): [string, number] => [`age:${k}`, v]),
          ...Object.entries(a.education).map(([k, v]): [string, number] => [`education:${k}`, v]),
          ...Object.entries(a.occupation).map(([k, v]): [string, number] => [`occupation:${k}`, v]),
        ];
        for (const [trait, count] of rows) {
          expect([period, code, trait, listed(code, { count: 'period-admissions', ...(trait ? { trait } : {}) })]).toEqual([period, code, trait, count]);
          nonZero += count > 0 ? 1 : 0;
        }
        expect([period, code, listed(code, { count: 'lead-time', lead: 'listing-admission' })]).toEqual([period, code, unit.quality.listingToAdmissionCases]);
        // Each target's admissions so far (III. Thực hiện chỉ tiêu kết nạp), in its period up to the counting day.
        for (const t of unit.targets) {
          const inPeriod = dashboardPeople(ctx.db, { year: 2026, asOf: report.countedTo, count: 'admissions', from: t.start, to: t.end, offset: 0, limit: 0, ...(code ? { unitCode: code } : {}) }).total;
          expect([period, code, t.period, t.source, inPeriod]).toEqual([period, code, t.period, t.source, t.achieved]);
          nonZero += t.achieved > 0 ? 1 : 0;
        }
        // Each quarter of the trend (Biểu 6): the year's admissions signed in that quarter.
        for (const point of unit.trend) {
          const { start, end } = targetPeriodRange(2026, point.quarter as 'Q1');
          const inQuarter = dashboardPeople(ctx.db, { year: 2026, asOf: report.countedTo, count: 'admissions', from: start, to: end, offset: 0, limit: 0, ...(code ? { unitCode: code } : {}) }).total;
          expect([period, code, point.quarter, inQuarter]).toEqual([period, code, point.quarter, point.admissions]);
          nonZero += point.admissions > 0 ? 1 : 0;
        }
        expect([period, code, listed(code, { count: 'lead-time', lead: 'ceremony-recognition' })]).toEqual([period, code, unit.quality.ceremonyToRecognitionCases]);
      }
    }
    // The fixture admits people in these periods, so the comparison is not of zeros only.
    expect(nonZero).toBeGreaterThan(5);
    expect(() => dashboardPeople(ctx.db, { year: 2026, asOf: AS_OF, count: 'lead-time', from: '2026-01-01', offset: 0, limit: 1 })).toThrow('Chọn khoảng thời gian xử lý cần xem danh sách.');
  });

  it('pages the list without losing or repeating anyone and refuses a unit the dashboard does not count, in Vietnamese', () => {
    const { ctx } = superior();
    const all = dashboardPeople(ctx.db, { year: 2026, asOf: AS_OF, count: 'candidates', offset: 0, limit: 500 });
    const paged = [0, 3, 6].flatMap((offset) => dashboardPeople(ctx.db, { year: 2026, asOf: AS_OF, count: 'candidates', offset, limit: 3 }).rows);
    expect(paged).toEqual(all.rows);
    expect(() => dashboardPeople(ctx.db, { year: 2026, asOf: AS_OF, unitCode: 'CB99', count: 'candidates', offset: 0, limit: 10 })).toThrow('Đơn vị mã CB99 không có trong bảng theo dõi năm 2026.');
  });
});
