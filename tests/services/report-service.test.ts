import { describe, expect, it } from 'vitest';
import { candidateFindings } from '../../db/schema/index';
import { addEvent, createCandidate } from '../../electron/core/services/candidate-service';
import { createMember, markMemberLeft } from '../../electron/core/services/member-service';
import { buildUnitReport } from '../../electron/core/services/report-service';
import { fullMembersAtYearStart, listTargets, setTarget } from '../../electron/core/services/target-service';
import { testContext } from '../helpers/db';
import { recordCell, recordRoster } from './report-fixtures';

const AS_OF = '2026-11-23';

function cell() {
  const { ctx } = testContext(AS_OF);
  recordRoster(ctx, 10);
  createMember(ctx, { fullName: 'Mới Chính Thức', status: 'chinh-thuc', joinedOn: '2025-03-01', fullMemberSince: '2026-03-01' });
  const left = createMember(ctx, { fullName: 'Đã Chuyển Đi', status: 'chinh-thuc', joinedOn: '2010-01-01', fullMemberSince: '2011-01-01' });
  markMemberLeft(ctx, left.id, '2025-12-15', 'Chuyển sinh hoạt');
  createMember(ctx, { fullName: 'Đang Dự Bị', status: 'du-bi', joinedOn: '2026-02-01' });
  const ids = recordCell(ctx);
  return { ctx, ids };
}

describe('buildUnitReport on the own cell', () => {
  it('counts an admission decided on the last day of a quarter in that quarter and the next day in the next', () => {
    const { ctx } = cell();
    const q1 = buildUnitReport(ctx.db, { period: '2026-Q1', asOf: AS_OF }).units[0]!;
    const q2 = buildUnitReport(ctx.db, { period: '2026-Q2', asOf: AS_OF }).units[0]!;
    expect(q1.flows).toMatchObject({ proposed: 1, listed: 1, certified: 0, chiBoVoted: 0, admitted: 1, ceremonies: 0, withdrawn: 1 });
    expect(q2.flows).toMatchObject({ proposed: 0, listed: 0, admitted: 1, ceremonies: 1, withdrawn: 0 });
    expect(q1.admissions).toMatchObject({ total: 1, women: 1, doanVien: 1, ageGroups: { '18-30': 1, '31-45': 0 } });
    expect(q2.admissions).toMatchObject({ total: 1, women: 0, doanVien: 0, ageGroups: { '18-30': 0, '31-45': 1 } });
  });

  it('takes the stock on the period end with the rules engine stages', () => {
    const { ctx } = cell();
    const q1 = buildUnitReport(ctx.db, { period: '2026-Q1', asOf: AS_OF }).units[0]!;
    // 'Đang Dự Bị', on the roster as dự bị since February with no candidate file, is in every stock of dự bị from Q1.
    expect(q1.stock).toMatchObject({ 'co-quyet-dinh': 1, 'cap-uy-xet': 1, 'cam-tinh': 1, dung: 1, 'du-bi': 1 });
    const q2 = buildUnitReport(ctx.db, { period: '2026-Q2', asOf: AS_OF }).units[0]!;
    expect(q2.stock).toMatchObject({ 'du-bi': 2, 'co-quyet-dinh': 1, 'cap-uy-xet': 0, 'cam-tinh': 1, dung: 1 });
  });

  it('counts the roster members without a file who were dự bị and full members on the period end, not today', () => {
    const { ctx } = testContext(AS_OF);
    recordRoster(ctx, 10);
    // Admitted before the app: dự bị from January, recognised in May; another admitted in August; one left in June.
    createMember(ctx, { fullName: 'Công Nhận Tháng Năm', status: 'chinh-thuc', joinedOn: '2025-05-10', fullMemberSince: '2026-05-10' });
    createMember(ctx, { fullName: 'Kết Nạp Tháng Tám', status: 'du-bi', joinedOn: '2026-08-05' });
    const left = createMember(ctx, { fullName: 'Chuyển Đi Tháng Sáu', status: 'du-bi', joinedOn: '2026-01-20' });
    markMemberLeft(ctx, left.id, '2026-06-15', 'Chuyển sinh hoạt');
    const on = (period: string) => {
      const u = buildUnitReport(ctx.db, { period, asOf: AS_OF }).units[0]!;
      return [u.stock['du-bi'], u.fullMembersNow];
    };
    expect(on('2026-Q1')).toEqual([2, 10]);
    expect(on('2026-Q2')).toEqual([0, 11]);
    expect(on('2026-Q3')).toEqual([1, 11]);
    expect(on('2026')).toEqual([1, 11]);
  });

  it('counts a person recognised after the period end as dự bị on it, not also as a full member, and one who left on it as gone', () => {
    const { ctx } = testContext(AS_OF);
    recordRoster(ctx, 10);
    // Probation ends 30/09/2026; the chi bộ votes and the ĐUCS decides in October: full member from 30/09, decided 20/10.
    const id = createCandidate(ctx, { fullName: 'Phạm Thị Dung', birthDate: '1995-05-05' }, { type: 'LISTED', date: '2024-06-01' });
    addEvent(ctx, id, { type: 'CEREMONY_HELD', date: '2025-09-30' });
    addEvent(ctx, id, { type: 'RECOGNITION_VOTED', date: '2026-10-05', yes: 10, eligible: 10 });
    addEvent(ctx, id, { type: 'RECOGNITION_DECIDED', date: '2026-10-20', number: '20-QĐ/ĐU' });
    const left = createMember(ctx, { fullName: 'Chuyển Đi Cuối Quý', status: 'chinh-thuc', joinedOn: '2010-01-01', fullMemberSince: '2011-01-01' });
    markMemberLeft(ctx, left.id, '2026-09-30', 'Chuyển sinh hoạt');
    const on = (period: string) => {
      const u = buildUnitReport(ctx.db, { period, asOf: AS_OF }).units[0]!;
      return [u.stock['du-bi'], u.stock['chinh-thuc'], u.fullMembersNow];
    };
    expect(on('2026-Q3')).toEqual([1, 0, 10]);
    expect(on('2026-Q4')).toEqual([0, 1, 11]);
  });

  it('gives the year trend by quarter, the listing-to-admission median and the members on 1 January', () => {
    const { ctx } = cell();
    const year = buildUnitReport(ctx.db, { period: '2026', asOf: AS_OF });
    const u = year.units[0]!;
    expect(year.countedTo).toBe(AS_OF);
    expect(year.trend.map((p) => p.admissions)).toEqual([1, 1, 0, 0]);
    // 01/10/2025 → 31/03/2026 is 181 days, → 01/04/2026 is 182.
    expect(u.quality.medianDaysListingToAdmission).toBe(181.5);
    // Ten long-standing members; not the one recognised in March, the one who left in December or the probationers.
    expect(u.fullMembersAtYearStart).toBe(10);
    expect(fullMembersAtYearStart(ctx.db, 'CB014', 2026)).toBe(10);
    expect(u.fullMembersNow).toBe(11);
  });

  it('measures targets, a percent of the full members on 1 January, and lets the superior’s target win', () => {
    const { ctx } = cell();
    setTarget(ctx, { year: 2026, period: 'year', kind: 'count', value: 3 });
    setTarget(ctx, { year: 2026, period: 'Q1', kind: 'percent-of-full-members', value: 15 });
    let targets = buildUnitReport(ctx.db, { period: '2026', asOf: AS_OF }).units[0]!.targets;
    expect(targets.map((t) => [t.period, t.targetCount, t.achieved, t.percentAchieved])).toEqual([
      ['year', 3, 2, 66.7],
      ['Q1', 2, 1, 50],
    ]);
    setTarget(ctx, { year: 2026, period: 'year', kind: 'count', value: 2, source: 'superior' });
    targets = buildUnitReport(ctx.db, { period: '2026', asOf: AS_OF }).units[0]!.targets;
    expect(targets.find((t) => t.period === 'year')).toMatchObject({ source: 'superior', targetCount: 2, achieved: 2, percentAchieved: 100 });
    const listed = listTargets(ctx.db, { year: 2026 }, AS_OF).filter((t) => t.period === 'year');
    expect(listed.map((t) => [t.source, t.effective])).toEqual([['superior', true], ['unit', false]]);
  });

  it('replaces a target from the same source instead of adding a second one', () => {
    const { ctx } = cell();
    setTarget(ctx, { year: 2026, period: 'year', kind: 'count', value: 3 });
    setTarget(ctx, { year: 2026, period: 'year', kind: 'count', value: 5 });
    expect(listTargets(ctx.db, {}, AS_OF).map((t) => t.value)).toEqual([5]);
    expect(() => setTarget(ctx, { year: 2026, period: 'year', kind: 'percent-of-full-members', value: 150 })).toThrow(/0 đến 100/);
  });

  it('follows new events at once (the memo is dropped on every write)', () => {
    const { ctx, ids } = cell();
    expect(buildUnitReport(ctx.db, { period: '2026', asOf: AS_OF }).units[0]!.flows.ceremonies).toBe(1);
    addEvent(ctx, ids.binh, { type: 'CEREMONY_HELD', date: '2026-04-20' });
    const u = buildUnitReport(ctx.db, { period: '2026', asOf: AS_OF }).units[0]!;
    expect(u.flows.ceremonies).toBe(2);
    // The two admitted in the app, and the roster's 'Đang Dự Bị'.
    expect(u.stock['du-bi']).toBe(3);
  });

  it('uses cached findings computed for the as-of day, and re-evaluates stale ones', () => {
    const { ctx, ids } = cell();
    const fresh = buildUnitReport(ctx.db, { period: '2026', asOf: AS_OF }).units[0]!.quality.findings;
    expect(fresh.some((f) => f.code === 'RECOGNITION_VOTE_OVERDUE')).toBe(false);
    const fake = (asOf: string) => ({ candidateId: ids.cuong, asOf, validUntil: asOf, rulebookVersion: '2021-07-30', findings: [{ code: 'RECOGNITION_VOTE_OVERDUE', severity: 'error', rule: 'recognition-vote', message: 'x', rulebookVersion: '2021-07-30' }] });
    // The report above stored what it evaluated; the forged row takes the place of the real one.
    ctx.db.delete(candidateFindings).run();
    ctx.db.insert(candidateFindings).values(fake(AS_OF)).run();
    const cached = buildUnitReport(ctx.db, { period: '2026', asOf: AS_OF }).units[0]!.quality.findings;
    expect(cached.find((f) => f.code === 'RECOGNITION_VOTE_OVERDUE')?.count).toBe(1);
    ctx.db.delete(candidateFindings).run();
    ctx.db.insert(candidateFindings).values(fake('2026-10-01')).run();
    const stale = buildUnitReport(ctx.db, { period: '2026', asOf: AS_OF }).units[0]!.quality.findings;
    expect(stale).toEqual(fresh);
  });

  it('stores the findings it evaluates for the as-of day, and a past period does not push them out', () => {
    const { ctx } = cell();
    const stored = () => ctx.db.$client.prepare('SELECT as_of, count(*) AS n FROM candidate_findings GROUP BY as_of').all();
    const candidates = ctx.db.$client.prepare('SELECT count(*) FROM candidates').pluck().get();
    expect(stored()).toEqual([]);
    const year = buildUnitReport(ctx.db, { period: '2026', asOf: AS_OF }).units[0]!.quality.findings;
    expect(stored()).toEqual([{ as_of: AS_OF, n: candidates }]);
    buildUnitReport(ctx.db, { period: '2026-Q1', asOf: AS_OF });
    expect(stored()).toEqual([{ as_of: AS_OF, n: candidates }]);
    expect(ctx.db.$client.prepare("SELECT count(*) FROM period_findings WHERE as_of = '2026-03-31'").pluck().get()).toBe(candidates);
    // Read back from the store, the year report counts the same.
    expect(buildUnitReport(ctx.db, { period: '2026', asOf: AS_OF }).units[0]!.quality.findings).toEqual(year);
  });

  it('reads a past period’s findings from the period store until the candidate’s records change', () => {
    const { ctx, ids } = cell();
    const q1 = () => buildUnitReport(ctx.db, { period: '2026-Q1', asOf: AS_OF }).units[0]!.quality.findings;
    buildUnitReport(ctx.db, { period: '2026', asOf: AS_OF });
    const evaluated = q1();
    expect(evaluated.some((f) => f.code === 'RECOGNITION_VOTE_OVERDUE')).toBe(false);
    // A forged row is what the report counts: it reads the store rather than evaluating again.
    ctx.db.$client.prepare("UPDATE period_findings SET findings = 'RECOGNITION_VOTE_OVERDUE:error' WHERE candidate_id = ?").run(ids.cuong);
    expect(q1().find((f) => f.code === 'RECOGNITION_VOTE_OVERDUE')?.count).toBe(1);
    // A new full member changes what every candidate of the unit is checked against: the stored days go.
    createMember(ctx, { fullName: 'Vừa Chuyển Đến', status: 'chinh-thuc', joinedOn: '2001-01-01', fullMemberSince: '2002-01-01' });
    expect(ctx.db.$client.prepare('SELECT count(*) FROM period_findings').pluck().get()).toBe(0);
    expect(q1()).toEqual(evaluated);
  });

  it('counts the half-years, nine months and months by the same decision days', () => {
    const { ctx } = cell();
    const admitted = (period: string) => buildUnitReport(ctx.db, { period, asOf: AS_OF }).units[0]!.flows.admitted;
    expect(['2026-03', '2026-04', '2026-05', '2026-H1', '2026-H2', '2026-9M', '2026'].map(admitted)).toEqual([1, 1, 0, 2, 0, 2, 2]);
    const march = buildUnitReport(ctx.db, { period: '2026-03', asOf: AS_OF });
    expect([march.period.label, march.period.start, march.period.end, march.countedTo]).toEqual(['Tháng 03 năm 2026', '2026-03-01', '2026-03-31', '2026-03-31']);
  });

  it('refuses a superior report where no unit below has sent data, and a period that has not begun', () => {
    const { ctx } = cell();
    expect(() => buildUnitReport(ctx.db, { period: '2026', all: true, asOf: AS_OF })).toThrow(/Chưa có đơn vị cấp dưới/);
    expect(() => buildUnitReport(ctx.db, { period: '2027-Q1', asOf: AS_OF })).toThrow(/chưa bắt đầu/);
    expect(() => buildUnitReport(ctx.db, { period: '2026-Q5', asOf: AS_OF })).toThrow(/không hợp lệ/);
  });
});
