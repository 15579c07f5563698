import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../electron/core/domain/reports/build-report';
import { parsePeriod } from '../../../electron/core/model/report';
import { admittedOn, candidate, unit } from './fixtures';

const q1 = parsePeriod('2026-Q1');
const q2 = parsePeriod('2026-Q2');

describe('buildReport: period boundaries', () => {
  const cb = unit('CB01', [candidate('CB01', {}, admittedOn('2026-03-31')), candidate('CB01', {}, admittedOn('2026-04-01'))]);

  it('counts an admission decided on the last day of a quarter in that quarter, not the next', () => {
    const r1 = buildReport({ units: [cb] }, q1, '2026-12-31');
    const r2 = buildReport({ units: [cb] }, q2, '2026-12-31');
    expect(r1.units[0]!.flows.admitted).toBe(1);
    expect(r1.units[0]!.admissions.total).toBe(1);
    expect(r2.units[0]!.flows.admitted).toBe(1);
    expect(r2.trend.map((p) => p.admissions)).toEqual([1, 1]);
  });

  it('takes the stock on the period end from the events up to that day', () => {
    const r1 = buildReport({ units: [cb] }, q1, '2026-12-31');
    expect(r1.units[0]!.stock['co-quyet-dinh']).toBe(1);
    expect(r1.units[0]!.stock['cap-uy-xet']).toBe(1);
    const r2 = buildReport({ units: [cb] }, q2, '2026-12-31');
    expect(r2.units[0]!.stock['co-quyet-dinh']).toBe(2);
    expect(r2.units[0]!.stock['cap-uy-xet']).toBe(0);
  });

  it('stops counting at the as-of day while the period is still running', () => {
    const r = buildReport({ units: [cb] }, parsePeriod('2026'), '2026-03-31');
    expect(r.countedTo).toBe('2026-03-31');
    expect(r.units[0]!.flows.admitted).toBe(1);
    expect(r.trend).toEqual([{ quarter: 'Q1', label: 'Quý I', admissions: 1 }]);
  });

  it('refuses a period that has not started on the as-of day', () => {
    expect(() => buildReport({ units: [cb] }, q2, '2026-03-31')).toThrow('Kỳ báo cáo Quý II năm 2026 chưa bắt đầu vào ngày 31/03/2026.');
  });
});

describe('buildReport: flows and stock', () => {
  it('counts each kind of step taken in the period once per candidate', () => {
    const cb = unit('CB01', [
      candidate('CB01', {}, { SOURCE_PROPOSED: '2026-01-05', LISTED: '2026-02-03' }),
      candidate('CB01', {}, { SOURCE_PROPOSED: '2025-12-01', LISTED: '2025-12-20', COURSE_CERTIFIED: '2026-03-02', WITHDRAWN: '2026-03-30' }),
      candidate('CB01', {}, { ...admittedOn('2025-03-01'), CEREMONY_HELD: '2025-03-20', RECOGNITION_DECIDED: '2026-03-25' }),
      candidate('CB01', {}, { ...admittedOn('2025-06-01'), CEREMONY_HELD: '2025-06-10', STRUCK_OFF: '2026-02-10' }),
    ]);
    const r = buildReport({ units: [cb] }, q1, '2026-04-10').units[0]!;
    expect(r.flows).toMatchObject({ proposed: 1, listed: 1, certified: 1, admitted: 0, recognized: 1, struckOff: 1, withdrawn: 1 });
    expect(r.stock).toMatchObject({ 'cam-tinh': 1, dung: 1, 'chinh-thuc': 1, 'xoa-ten': 1, nguon: 0 });
  });

  it('counts as a dossier only a candidate with a record by the counting day, so the dossiers equal the sum of the stock', () => {
    const cb = unit('CB01', [candidate('CB01', {}, { SOURCE_PROPOSED: '2026-01-05' }), candidate('CB01', {}, { SOURCE_PROPOSED: '2026-04-01' })]);
    const r = buildReport({ units: [cb] }, q1, '2026-04-10').units[0]!;
    expect(r.candidates).toBe(1);
    expect(Object.values(r.stock).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('puts a candidate withdrawn and later taken up again in the stage reached after the withdrawal, as the rules engine does', () => {
    const cb = unit('CB01', [candidate('CB01', {}, { LISTED: '2025-02-01', WITHDRAWN: '2025-06-01', COURSE_CERTIFIED: '2026-02-01' })]);
    const before = buildReport({ units: [cb] }, parsePeriod('2025-Q4'), '2026-04-10').units[0]!.stock;
    const after = buildReport({ units: [cb] }, q1, '2026-04-10').units[0]!.stock;
    expect([before.dung, before['da-hoc-lop']]).toEqual([1, 0]);
    expect([after.dung, after['da-hoc-lop']]).toEqual([0, 1]);
  });
});

describe('buildReport: admissions breakdown', () => {
  const cb = unit('CB01', [
    candidate('CB01', { gender: 'nu', youthUnionMember: true, ethnicity: 'Tày', religion: 'Phật giáo', birthDate: '1995-04-11', education: 'dai-hoc', occupation: 'cong-nhan', nonStateEnterprise: true }, admittedOn('2026-03-10')),
    candidate('CB01', { gender: 'nam', ethnicity: 'Kinh', religion: 'Không', birthDate: '1980-01-01', education: 'thpt', occupation: 'chu-doanh-nghiep', nonStateEnterprise: true }, admittedOn('2026-02-01')),
    candidate('CB01', { gender: 'nam', birthDate: '1965-02-20', occupation: 'nong-dan' }, admittedOn('2026-01-19')),
    candidate('CB01', { gender: 'nu', birthDate: '2000-01-01' }, { LISTED: '2026-01-10' }),
  ]);
  const b = buildReport({ units: [cb] }, q1, '2026-04-10').units[0]!.admissions;

  it('counts women, đoàn viên, minorities and believers among those admitted only', () => {
    expect(b).toMatchObject({ total: 3, women: 1, doanVien: 1, ethnicMinority: 1, religious: 1, nonStateEnterprise: 2, businessOwner: 1 });
  });

  it('places each person in an age band by their age on the decision day', () => {
    // 30 in March 2026 (31 from April), 46, and 60 until February 2026.
    expect(b.ageGroups).toEqual({ 'duoi-18': 0, '18-30': 1, '31-45': 0, '46-60': 2, 'tren-60': 0 });
  });

  it('counts that age by calendar month as the age rule does: in the month of a birthday the new age, whatever the day', () => {
    const born = (birthDate: string, decided: string) =>
      unit('CB01', [candidate('CB01', { gender: 'nam', birthDate }, admittedOn(decided))]);
    const bands = (u: ReturnType<typeof born>) => buildReport({ units: [u] }, q1, '2026-04-10').units[0]!.admissions.ageGroups;
    // 372 calendar months on 10/03/2026 (birthday on the 11th): 31, no longer of Youth Union age (RULES.md: months < 372).
    expect(bands(born('1995-03-11', '2026-03-10'))).toMatchObject({ '18-30': 0, '31-45': 1 });
    // 732 months on 19/01/2026: 61, over 60 (admitted only with the province's consent).
    expect(bands(born('1965-01-20', '2026-01-19'))).toMatchObject({ '46-60': 0, 'tren-60': 1 });
  });

  it('splits education and occupation with an unknown column that keeps the sum equal to the total', () => {
    expect(b.education).toMatchObject({ 'dai-hoc': 1, thpt: 1, 'khong-ro': 1 });
    expect(b.occupation).toMatchObject({ 'cong-nhan': 1, 'chu-doanh-nghiep': 1, 'nong-dan': 1, 'khong-ro': 0 });
    expect(Object.values(b.education).reduce((a, v) => a + v, 0)).toBe(3);
  });
});
