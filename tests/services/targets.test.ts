import { describe, expect, it } from 'vitest';
import { voidEvent } from '../../electron/core/services/candidate-service';
import { candidateDetail } from '../../electron/core/store/candidates';
import { createMember } from '../../electron/core/services/member-service';
import { buildUnitReport } from '../../electron/core/services/report-service';
import { buildDashboard } from '../../electron/core/services/dashboard-service';
import { listTargets, removeTarget, setTarget } from '../../electron/core/services/target-service';
import { testContext } from '../helpers/db';
import { recordCell, recordRoster, recordSuperior, superiorContext } from './report-fixtures';

const AS_OF = '2026-11-23';

/** The own cell: 12 full members on 1 January 2026; An decided 31/03, Bình 01/04 (see recordCell). */
function cell() {
  const { ctx } = testContext(AS_OF);
  recordRoster(ctx, 12);
  const ids = recordCell(ctx);
  return { ctx, ids };
}

const progress = (rows: ReturnType<typeof listTargets>) => rows.map((t) => [t.period, t.source, t.targetCount, t.achieved, t.percentAchieved, t.effective]);

describe('admission targets of a unit', () => {
  it('are set per year, quarter and month, as a number, with the admissions made towards each so far', () => {
    const { ctx } = cell();
    setTarget(ctx, { year: 2026, period: 'year', kind: 'count', value: 4 });
    setTarget(ctx, { year: 2026, period: 'Q1', kind: 'count', value: 1 });
    setTarget(ctx, { year: 2026, period: 'M04', kind: 'count', value: 2 });
    setTarget(ctx, { year: 2026, period: 'Q4', kind: 'count', value: 1 });
    expect(progress(listTargets(ctx.db, { year: 2026 }, AS_OF))).toEqual([
      ['year', 'unit', 4, 2, 50, true],
      ['Q1', 'unit', 1, 1, 100, true],
      ['Q4', 'unit', 1, 0, 0, true],
      ['M04', 'unit', 2, 1, 50, true],
    ]);
  });

  it('count progress only up to the day asked while the period runs', () => {
    const { ctx } = cell();
    setTarget(ctx, { year: 2026, period: 'year', kind: 'count', value: 4 });
    expect(['2026-03-30', '2026-03-31', '2026-04-01'].map((day) => listTargets(ctx.db, { year: 2026 }, day)[0]!.achieved)).toEqual([0, 1, 2]);
  });

  it('as a percent are taken of the full members on 1 January and rounded up to whole people', () => {
    const { ctx } = cell();
    // 12 members on 1 January; one recognised in March and one more later do not move the base.
    createMember(ctx, { fullName: 'Mới Chính Thức', status: 'chinh-thuc', joinedOn: '2025-03-01', fullMemberSince: '2026-03-01' });
    const row = setTarget(ctx, { year: 2026, period: 'year', kind: 'percent-of-full-members', value: 20 });
    expect([row.fullMembersAtYearStart, row.targetCount, row.achieved, row.percentAchieved]).toEqual([12, 3, 2, 66.7]);
    expect(buildUnitReport(ctx.db, { period: '2026', asOf: AS_OF }).units[0]!.targets[0]).toMatchObject({ kind: 'percent-of-full-members', value: 20, targetCount: 3, achieved: 2 });
  });

  it('received from the superior win over the unit’s own, and the unit’s own applies again when the superior’s is withdrawn', () => {
    const { ctx } = cell();
    setTarget(ctx, { year: 2026, period: 'year', kind: 'count', value: 4 });
    const fromAbove = setTarget(ctx, { year: 2026, period: 'year', kind: 'count', value: 2, source: 'superior' });
    expect(progress(listTargets(ctx.db, { year: 2026 }, AS_OF))).toEqual([
      ['year', 'superior', 2, 2, 100, true],
      ['year', 'unit', 4, 2, 50, false],
    ]);
    expect(buildUnitReport(ctx.db, { period: '2026', asOf: AS_OF }).units[0]!.targets.map((t) => [t.source, t.targetCount])).toEqual([['superior', 2]]);
    removeTarget(ctx, fromAbove.id);
    expect(progress(listTargets(ctx.db, { year: 2026 }, AS_OF))).toEqual([['year', 'unit', 4, 2, 50, true]]);
    expect(buildUnitReport(ctx.db, { period: '2026', asOf: AS_OF }).units[0]!.targets.map((t) => [t.source, t.targetCount])).toEqual([['unit', 4]]);
  });

  it('count admissions as the report counts them: a voided decision no longer counts', () => {
    const { ctx, ids } = cell();
    setTarget(ctx, { year: 2026, period: 'year', kind: 'count', value: 4 });
    const decision = candidateDetail(ctx.db, ids.an).events.find((e) => e.event.type === 'ADMISSION_DECIDED')!;
    voidEvent(ctx, ids.an, decision.id, 'Quyết định ghi nhầm người');
    const [row] = listTargets(ctx.db, { year: 2026 }, AS_OF);
    const reported = buildUnitReport(ctx.db, { period: '2026', asOf: AS_OF }).units[0]!.targets[0]!;
    expect([row!.achieved, reported.achieved]).toEqual([1, 1]);
  });

  it('refuse a percent above 100 and a fractional number of people', () => {
    const { ctx } = cell();
    expect(() => setTarget(ctx, { year: 2026, period: 'year', kind: 'percent-of-full-members', value: 120 })).toThrow(/0 đến 100/);
    expect(() => setTarget(ctx, { year: 2026, period: 'Q1', kind: 'count', value: 1.5 })).toThrow(/số nguyên/);
  });
});

describe('targets at a superior', () => {
  it('set for a unit below are the superior’s assignment; the unit’s own target stays visible but does not apply', () => {
    const { ctx } = superiorContext(AS_OF);
    recordSuperior(ctx);
    expect(listTargets(ctx.db, { year: 2026 }, AS_OF).map((t) => [t.unitCode, t.source, t.kind, t.targetCount, t.achieved, t.effective])).toEqual([
      ['CB01', 'superior', 'count', 3, 2, true],
      ['CB01', 'unit', 'count', 2, 2, false],
      ['CB02', 'superior', 'percent-of-full-members', 2, 1, true],
    ]);
  });

  it('cannot be entered as a unit’s own for a unit below, nor set for the superior above', () => {
    const { ctx } = testContext(AS_OF, { code: 'DU001', name: 'Đảng ủy phường', level: 'dang-bo-co-so', parentCode: 'QU01' });
    expect(() => setTarget(ctx, { unitCode: 'QU01', year: 2026, period: 'year', kind: 'count', value: 5 })).toThrow(/cấp trên/);
    const { ctx: sup } = superiorContext(AS_OF);
    recordSuperior(sup);
    expect(() => setTarget(sup, { unitCode: 'CB03', year: 2026, period: 'year', kind: 'count', value: 1, source: 'unit' })).toThrow(/tự đặt/);
    expect(() => setTarget(sup, { unitCode: 'CB99', year: 2026, period: 'year', kind: 'count', value: 1 })).toThrow(/Không có đơn vị mã CB99/);
  });

  it('total only the admissions of the units that have a target, and say how many units have one', () => {
    const { ctx } = superiorContext(AS_OF);
    recordSuperior(ctx);
    const cb02 = listTargets(ctx.db, { unitCode: 'CB02', year: 2026 }, AS_OF)[0]!;
    removeTarget(ctx, cb02.id);
    // CB01 (target 3) admitted 2; CB02, now without a target, admitted 1 more, which must not count.
    const total = buildUnitReport(ctx.db, { period: '2026', all: true, asOf: AS_OF }).total!;
    expect(total.flows.admitted).toBe(3);
    expect(total.targets.map((t) => [t.period, t.targetCount, t.achieved, t.percentAchieved, t.units])).toEqual([['year', 3, 2, 66.7, 1]]);
  });

  it('measure a superior with a target of its own against it over all units below, the same on Chỉ tiêu, Tổng quan and the report', () => {
    const { ctx } = superiorContext(AS_OF);
    recordSuperior(ctx);
    // Handed out below: CB01 3 people and CB02 2 (a percent); its own resolution says 12 for the whole committee.
    setTarget(ctx, { year: 2026, period: 'year', kind: 'count', value: 12 });
    const total = buildUnitReport(ctx.db, { period: '2026', all: true, asOf: AS_OF }).total!;
    expect(total.targets.map((t) => [t.period, t.source, t.targetCount, t.achieved, t.percentAchieved])).toEqual([['year', 'unit', 12, 3, 25]]);
    const own = listTargets(ctx.db, { unitCode: 'DUK01', year: 2026 }, AS_OF).map((t) => [t.period, t.source, t.targetCount, t.achieved, t.percentAchieved, t.effective]);
    expect(own).toEqual([['year', 'unit', 12, 3, 25, true]]);
    const dashboard = buildDashboard(ctx.db, { year: 2026, asOf: AS_OF });
    expect([dashboard.total.target!.targetCount, dashboard.total.target!.achieved]).toEqual([12, 3]);
  });

  it('show at the superior the admissions Tổng quan shows, counted over the units below, not the superior’s own candidates', () => {
    const { ctx } = superiorContext(AS_OF);
    recordSuperior(ctx);
    // What Chỉ tiêu reads at the superior's own line: the report over all units below.
    const overTree = buildUnitReport(ctx.db, { period: '2026', all: true, asOf: AS_OF }).total!;
    const own = buildUnitReport(ctx.db, { period: '2026', asOf: AS_OF }).units[0]!;
    const dashboard = buildDashboard(ctx.db, { year: 2026, asOf: AS_OF });
    expect(own.quality.admissionsThisYear).toBe(0);
    expect([overTree.quality.admissionsThisYear, dashboard.total.admissions]).toEqual([3, 3]);
    const year = overTree.targets.find((t) => t.period === 'year')!;
    expect([year.targetCount, year.achieved, year.units]).toEqual([dashboard.total.target!.targetCount, dashboard.total.target!.achieved, 2]);
  });
});
