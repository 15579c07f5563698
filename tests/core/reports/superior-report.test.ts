import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../electron/core/domain/reports/build-report';
import { unitTables } from '../../../electron/core/domain/reports/unit-tables';
import { FLOW_KEYS, REPORT_STAGES, parsePeriod, reportSchema } from '../../../electron/core/model/report';
import { admittedOn, candidate, target, unit } from './fixtures';

const year = parsePeriod('2026');

describe('buildReport: targets', () => {
  const cb = unit(
    'CB01',
    [candidate('CB01', {}, admittedOn('2026-02-10')), candidate('CB01', {}, admittedOn('2026-05-05'))],
    {
      fullMembersAtYearStart: 40,
      targets: [
        target('CB01', 'year', 7, { kind: 'percent-of-full-members' }),
        target('CB01', 'Q1', 2),
        target('CB01', 'Q2', 1, { source: 'superior' }),
        target('CB01', 'Q4', 1),
      ],
    },
  );

  it('resolves a percent target against full members at the start of the year, rounding up to whole people', () => {
    const r = buildReport({ units: [cb] }, parsePeriod('2026-H1'), '2026-07-15').units[0]!;
    expect(r.targets.find((t) => t.period === 'year')).toMatchObject({ targetCount: 3, achieved: 2, percentAchieved: 66.7 });
  });

  it('shows achievement to date for each target that has started, within its own period', () => {
    const r = buildReport({ units: [cb] }, parsePeriod('2026-H1'), '2026-07-15').units[0]!;
    expect(r.targets.map((t) => [t.period, t.achieved, t.percentAchieved])).toEqual([
      ['year', 2, 66.7],
      ['Q1', 1, 50],
      ['Q2', 1, 100],
    ]);
  });
});

describe('buildReport: a target cascading through a ĐUCS', () => {
  // At the Khối: DU01 (no people of its own, 12 full members below) with CB11 and CB12 under it, CB21 directly under
  // the Khối. The Khối gave DU01 a target; CB11 also has its own plan, which lies inside DU01's target.
  const scope = { code: 'DUK', name: 'Đảng ủy Khối', level: 'cap-tren' };
  const du = unit('DU01', [], { level: 'dang-bo-co-so', parentCode: 'DUK', fullMembersAtYearStart: 0, targets: [target('DU01', 'year', 50, { kind: 'percent-of-full-members', source: 'superior' })] });
  const cb11 = unit('CB11', [candidate('CB11', {}, admittedOn('2026-03-01')), candidate('CB11', {}, admittedOn('2026-05-01'))], { parentCode: 'DU01', fullMembersAtYearStart: 8, targets: [target('CB11', 'year', 1)] });
  const cb12 = unit('CB12', [candidate('CB12', {}, admittedOn('2026-04-01'))], { parentCode: 'DU01', fullMembersAtYearStart: 4 });
  const cb21 = unit('CB21', [candidate('CB21', {}, admittedOn('2026-06-01'))], { parentCode: 'DUK', targets: [target('CB21', 'year', 2, { source: 'superior' })] });
  const r = buildReport({ scope, units: [du, cb11, cb12, cb21] }, year, '2026-12-31');
  const yearTarget = (code: string) => r.units.find((u) => u.code === code)!.targets.find((t) => t.period === 'year');

  it('measures the ĐUCS’s target over its chi bộ: their members are the base of a percent, their admissions count', () => {
    expect(yearTarget('DU01')).toMatchObject({ targetCount: 6, achieved: 3, percentAchieved: 50 });
    expect(yearTarget('CB11')).toMatchObject({ targetCount: 1, achieved: 2 });
  });

  it('sums in the total the ĐUCS’s target, not the chi bộ targets inside it a second time', () => {
    expect(r.total!.targets).toEqual([expect.objectContaining({ period: 'year', targetCount: 8, achieved: 4, units: 2 })]);
    expect(r.total!.flows.admitted).toBe(4);
  });

  it('keeps the committee’s own line (its own people) out of the trees: its target counts its own admissions only', () => {
    const own = unit('DUK', [candidate('DUK', {}, admittedOn('2026-07-01'))], { level: 'cap-tren', parentCode: null, targets: [target('DUK', 'year', 3)] });
    const withOwn = buildReport({ scope, units: [own, du, cb11, cb12, cb21] }, year, '2026-12-31');
    expect(withOwn.units.find((u) => u.code === 'DUK')!.targets[0]).toMatchObject({ targetCount: 3, achieved: 1 });
    expect(withOwn.total!.targets).toEqual([expect.objectContaining({ period: 'year', targetCount: 11, achieved: 5, units: 3 })]);
  });
});

describe('buildReport: a row per TCCSĐ with its chi bộ below', () => {
  // The same Khối: DU01 over CB11 and CB12, CB21 directly under the Khối.
  const scope = { code: 'DUK', name: 'Đảng ủy Khối', level: 'cap-tren' };
  const du = unit('DU01', [], { name: 'Đảng ủy DU01', level: 'dang-bo-co-so', parentCode: 'DUK', fullMembersAtYearStart: 0, fullMembersNow: 0, targets: [target('DU01', 'year', 50, { kind: 'percent-of-full-members', source: 'superior' })] });
  const cb11 = unit('CB11', [candidate('CB11', {}, admittedOn('2026-03-01')), candidate('CB11', {}, admittedOn('2026-05-01'))], { parentCode: 'DU01', fullMembersAtYearStart: 8, fullMembersNow: 9 });
  const cb12 = unit('CB12', [candidate('CB12', {}, admittedOn('2026-04-01')), candidate('CB12', {}, { LISTED: '2026-02-01' })], { parentCode: 'DU01', fullMembersAtYearStart: 4, fullMembersNow: 4 });
  const cb21 = unit('CB21', [candidate('CB21', {}, { LISTED: '2026-06-01' })], { parentCode: 'DUK', fullMembersAtYearStart: 5, fullMembersNow: 5 });
  const r = buildReport({ scope, units: [cb11, cb12, cb21, du] }, year, '2026-12-31');

  it('has one row per unit directly below, in code order, each with its chi bộ as the drill-down', () => {
    expect(r.groups.map((g) => [g.code, g.units.map((u) => u.code)])).toEqual([
      ['CB21', []],
      ['DU01', ['CB11', 'CB12']],
    ]);
  });

  it('gives a ĐUCS’s row the figures of its whole subtree, its own target measured over it', () => {
    const row = r.groups.find((g) => g.code === 'DU01')!;
    expect(row).toMatchObject({ name: 'Đảng ủy DU01', level: 'dang-bo-co-so', candidates: 4, fullMembersAtYearStart: 12, fullMembersNow: 13 });
    expect(row.flows.admitted).toBe(3);
    expect(row.stock['cam-tinh']).toBe(1);
    expect(row.targets).toEqual([expect.objectContaining({ period: 'year', targetCount: 6, achieved: 3 })]);
  });

  it('keeps every count equal at every level: chi bộ → TCCSĐ row → total', () => {
    const sum = (list: readonly { flows: { admitted: number }; candidates: number; stock: Record<string, number> }[], pick: (u: (typeof list)[number]) => number) => list.reduce((a, u) => a + pick(u), 0);
    for (const g of r.groups.filter((x) => x.units.length > 0)) {
      expect(g.candidates).toBe(sum(g.units, (u) => u.candidates));
      expect(g.flows.admitted).toBe(sum(g.units, (u) => u.flows.admitted));
      expect(g.stock['cam-tinh']).toBe(sum(g.units, (u) => u.stock['cam-tinh']!));
    }
    expect(r.total!.candidates).toBe(sum(r.groups, (g) => g.candidates));
    expect(r.total!.flows.admitted).toBe(sum(r.groups, (g) => g.flows.admitted));
    expect(r.total!.fullMembersAtYearStart).toBe(r.groups.reduce((a, g) => a + g.fullMembersAtYearStart, 0));
  });

  it('does not call a ĐUCS without people of its own "chưa kết nạp" while its chi bộ admit', () => {
    expect(r.unitsWithoutAdmission.map((u) => u.code)).toEqual(['CB21']);
  });

  it('puts a committee’s own people in its drill-down, without the targets the row carries', () => {
    const ownDu = { ...du, candidates: [candidate('DU01', {}, admittedOn('2026-08-01'))] };
    const withOwn = buildReport({ scope, units: [cb11, cb12, cb21, ownDu] }, year, '2026-12-31');
    const row = withOwn.groups.find((g) => g.code === 'DU01')!;
    expect(row.units.map((u) => [u.code, u.candidates, u.targets.length])).toEqual([
      ['DU01', 1, 0],
      ['CB11', 2, 0],
      ['CB12', 2, 0],
    ]);
    expect(row.flows.admitted).toBe(4);
    expect(row.targets[0]).toMatchObject({ targetCount: 6, achieved: 4 });
  });

  it('finds the same person in chi bộ of different TCCSĐ, across the whole subtree', () => {
    const person = { fullName: 'Nguyễn Thị Lan', birthDate: '1998-04-02' };
    const a = unit('CB11', [candidate('CB11', person, { LISTED: '2026-02-01' })], { parentCode: 'DU01' });
    const b = unit('CB21', [candidate('CB21', { ...person, fullName: 'Nguyen Thi Lan' }, { LISTED: '2026-03-01' })], { parentCode: 'DUK' });
    const found = buildReport({ scope, units: [a, b, du] }, year, '2026-12-31').duplicates;
    expect(found.map((d) => d.occurrences.map((o) => o.unitCode))).toEqual([['CB11', 'CB21']]);
  });

  it('has no rows per TCCSĐ in a single unit’s report', () => {
    expect(buildReport({ units: [cb11] }, year, '2026-12-31').groups).toEqual([]);
  });
});

describe('buildReport: a superior over several units', () => {
  const cb1 = unit('CB01', [candidate('CB01', {}, admittedOn('2026-03-01', '2025-10-01'))], {
    targets: [target('CB01', 'year', 2), target('CB01', 'year', 3, { source: 'superior' })],
  });
  const cb2 = unit('CB02', [
    candidate('CB02', {}, admittedOn('2026-06-01', '2025-06-01')),
    candidate('CB02', {}, admittedOn('2026-09-30', '2026-01-01')),
  ], { targets: [target('CB02', 'year', 4)] });
  const cb3 = unit('CB03', [candidate('CB03', {}, { LISTED: '2026-02-01' })]);
  const scope = { code: 'DUK', name: 'Đảng ủy Khối', level: 'cap-tren' };
  const r = buildReport({ scope, units: [cb1, cb2, cb3] }, year, '2026-12-31');

  it('adds a total that sums the units and prefers the superior\'s target over a unit\'s own', () => {
    expect(r.total).toMatchObject({ code: 'DUK', candidates: 4, fullMembersAtYearStart: 60 });
    expect(r.total!.flows.admitted).toBe(3);
    expect(r.total!.targets).toEqual([
      expect.objectContaining({ period: 'year', targetCount: 7, achieved: 3, percentAchieved: 42.9, units: 2 }),
    ]);
  });

  it('produces a document that satisfies the report schema the JSON output and IPC use', () => {
    expect(reportSchema.parse(JSON.parse(JSON.stringify(r)))).toEqual(r);
  });

  it('lists the units with no admission in the year', () => {
    expect(r.unitsWithoutAdmission).toEqual([{ code: 'CB03', name: 'Chi bộ CB03' }]);
  });

  it('takes medians from listing to admission over all cases of all units', () => {
    // 151, 365 and 272 days.
    expect(r.units.map((u) => u.quality.medianDaysListingToAdmission)).toEqual([151, 318.5, null]);
    expect(r.total!.quality.medianDaysListingToAdmission).toBe(272);
    expect(r.total!.quality.listingToAdmissionCases).toBe(3);
  });

  it('shows the trend by quarter of the year', () => {
    expect(r.trend.map((p) => p.admissions)).toEqual([1, 1, 1, 0]);
  });

  it('keeps every count of the total equal to the sum of the units for any candidates', () => {
    const day = fc.integer({ min: 0, max: 700 }).map((d) => new Date(Date.UTC(2025, 6, 1) + d * 86_400_000).toISOString().slice(0, 10));
    const steps = fc.array(fc.tuple(fc.constantFrom('LISTED', 'COURSE_CERTIFIED', 'ADMISSION_DECIDED', 'CEREMONY_HELD', 'RECOGNITION_DECIDED', 'STRUCK_OFF'), day), { maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.array(steps, { maxLength: 5 }), { minLength: 2, maxLength: 4 }), (units) => {
        const input = units.map((cands, i) => unit(`U${i}`, cands.map((s) => candidate(`U${i}`, {}, Object.fromEntries(s)))));
        const rep = buildReport({ units: input }, parsePeriod('2026-Q2'), '2026-12-31');
        for (const key of REPORT_STAGES) {
          expect(rep.total!.stock[key]).toBe(rep.units.reduce((a, u) => a + u.stock[key], 0));
        }
        for (const key of FLOW_KEYS) {
          expect(rep.total!.flows[key]).toBe(rep.units.reduce((a, u) => a + u.flows[key], 0));
        }
        expect(rep.total!.admissions.total).toBe(rep.units.reduce((a, u) => a + u.admissions.total, 0));
      }),
      { numRuns: 60 },
    );
  });
});

describe('buildReport: quality and duplicates', () => {
  // Every broken deadline is an error (RULES v2), so the count per code is the to-do list's count of errors; a
  // warning is left out whatever its code says.
  it('counts error findings by code and leaves warnings out', () => {
    const cb = unit('CB01', [
      candidate('CB01', {}, { LISTED: '2026-01-10' }, [{ code: 'NO_MENTOR', severity: 'error' }, { code: 'CERTIFICATE_EXPIRING', severity: 'warning' }]),
      candidate('CB01', {}, { LISTED: '2026-01-10' }, [{ code: 'NO_MENTOR', severity: 'error' }, { code: 'CEREMONY_OVERDUE', severity: 'warning' }]),
    ]);
    const r = buildReport({ units: [cb] }, year, '2026-12-31');
    expect(r.units[0]!.quality.findings).toEqual([{ code: 'NO_MENTOR', severity: 'error', count: 2 }]);
  });

  it('takes the median from ceremony to recognition of recognitions in the period', () => {
    const rec = (ceremony: string, recognized: string) =>
      candidate('CB01', {}, { ...admittedOn('2025-01-05'), CEREMONY_HELD: ceremony, RECOGNITION_DECIDED: recognized });
    const cb = unit('CB01', [rec('2025-01-10', '2026-01-20'), rec('2025-02-01', '2026-02-15'), rec('2025-03-01', '2026-04-01')]);
    const r = buildReport({ units: [cb] }, parsePeriod('2026-Q1'), '2026-12-31').units[0]!;
    expect(r.quality).toMatchObject({ medianDaysCeremonyToRecognition: 377, ceremonyToRecognitionCases: 2 });
  });

  it('flags the same person followed by two units, whatever the diacritics and spacing', () => {
    const a = candidate('CB01', { fullName: 'Nguyễn Thị Lan', birthDate: '2001-05-14' }, { LISTED: '2026-01-10' });
    const b = candidate('CB02', { fullName: 'NGUYEN THI  LAN', birthDate: '2001-05-14' }, { LISTED: '2026-02-10' });
    const sameUnit = candidate('CB01', { fullName: 'Trần Văn Bình', birthDate: '1990-01-01' }, {});
    const again = candidate('CB01', { fullName: 'Trần Văn Bình', birthDate: '1990-01-01' }, {});
    const otherBirth = candidate('CB02', { fullName: 'Nguyễn Thị Lan', birthDate: '2001-05-15' }, {});
    const r = buildReport({ units: [unit('CB01', [a, sameUnit, again]), unit('CB02', [b, otherBirth])] }, year, '2026-12-31');
    expect(r.duplicates).toHaveLength(1);
    expect(r.duplicates[0]).toMatchObject({ name: 'nguyen thi lan', birthDate: '2001-05-14' });
    expect(r.duplicates[0]!.occurrences.map((o) => [o.unitCode, o.fullName])).toEqual([['CB01', 'Nguyễn Thị Lan'], ['CB02', 'NGUYEN THI  LAN']]);
  });
});

describe("the appendix's targets table (Biểu 4)", () => {
  it('adds up each column over the units, and rates only the units with a target, whatever the committee itself plans', () => {
    const units = [
      unit('CB01', [candidate('CB01', {}, admittedOn('2026-03-02')), candidate('CB01', {}, admittedOn('2026-05-02'))], { fullMembersAtYearStart: 20, targets: [target('CB01', 'year', 4, { source: 'superior' })] }),
      unit('CB02', [candidate('CB02', {}, admittedOn('2026-04-02'))], { fullMembersAtYearStart: 15, targets: [target('CB02', 'year', 2, { source: 'superior' })] }),
      unit('CB03', [candidate('CB03', {}, admittedOn('2026-06-02')), candidate('CB03', {}, admittedOn('2026-07-02'))], { fullMembersAtYearStart: 10 }),
    ];
    // The committee plans 30 for itself: that is its total in section III, not the sum of what it handed out.
    const r = buildReport({ scope: { code: 'DU01', name: 'Đảng ủy phường', level: 'dang-bo-co-so' }, units, scopeTargets: [target('DU01', 'year', 30)] }, parsePeriod('2026'), '2026-12-31');
    expect(r.total?.targets.find((t) => t.period === 'year')).toMatchObject({ targetCount: 30, achieved: 5 });
    const table = unitTables(r).find((t) => t.id === 'unit-targets')!;
    expect(table.rows.map((row) => row.slice(2, 6))).toEqual([
      [20, 4, 2, 50],
      [15, 2, 1, 50],
      [10, null, 2, null],
    ]);
    expect(table.totalRow?.slice(2, 6)).toEqual([45, 6, 5, 50]);
  });
});
