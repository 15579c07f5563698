import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { reportSchema, type Report } from '../../electron/core/model/report';
import { voidEvent } from '../../electron/core/services/candidate-service';
import { buildUnitReport } from '../../electron/core/services/report-service';
import { candidateDetail } from '../../electron/core/store/candidates';
import { runCli } from '../helpers/cli';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';
import { recordSuperior, superiorContext } from './report-fixtures';

const AS_OF = '2026-11-23';

/** Adds records of counts key by key. */
function sumOf<K extends string>(records: Record<K, number>[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const r of records) {
    for (const key of Object.keys(r) as K[]) {
      out[key] = (out[key] ?? 0) + r[key];
    }
  }
  return out;
}

/** Every count of the total is the sum of the units' counts. */
function expectTotalIsSumOfUnits(report: Report): void {
  const total = report.total!;
  const units = report.units;
  expect(total.stock).toEqual(sumOf(units.map((u) => u.stock)));
  expect(total.flows).toEqual(sumOf(units.map((u) => u.flows)));
  const plain = ({ ageGroups: _a, education: _e, occupation: _o, ...counts }: Report['units'][number]['admissions']) => counts;
  expect(plain(total.admissions)).toEqual(sumOf(units.map((u) => plain(u.admissions))));
  expect(total.admissions.ageGroups).toEqual(sumOf(units.map((u) => u.admissions.ageGroups)));
  expect(total.admissions.education).toEqual(sumOf(units.map((u) => u.admissions.education)));
  expect(total.admissions.occupation).toEqual(sumOf(units.map((u) => u.admissions.occupation)));
  const headcounts = (u: Report['units'][number]) => ({ candidates: u.candidates, fullMembersAtYearStart: u.fullMembersAtYearStart, fullMembersNow: u.fullMembersNow, admissionsThisYear: u.quality.admissionsThisYear });
  expect(headcounts(total)).toEqual(sumOf(units.map(headcounts)));
  const findings = (u: Report['units'][number]) => Object.fromEntries(u.quality.findings.map((f) => [f.code, f.count]));
  expect(findings(total)).toEqual(sumOf(units.map(findings)));
  expect(total.trend.map((p) => p.admissions)).toEqual(total.trend.map((_, i) => units.reduce((a, u) => a + u.trend[i]!.admissions, 0)));
}

describe('a superior’s report over its mirrored units', () => {
  function superior() {
    const { ctx } = superiorContext(AS_OF);
    const ids = recordSuperior(ctx);
    return { ctx, ids, year: buildUnitReport(ctx.db, { period: '2026', all: true, asOf: AS_OF }) };
  }

  it('gives each unit the numbers worked out by hand and a total that is their sum', () => {
    const { year } = superior();
    expect(year.scope).toEqual({ code: 'DUK01', name: 'Đảng ủy Khối Doanh nghiệp', level: 'cap-tren' });
    expect(year.units.map((u) => [u.code, u.candidates, u.fullMembersAtYearStart, u.fullMembersNow, u.flows.admitted])).toEqual([
      ['CB01', 3, 10, 10, 2],
      ['CB02', 3, 20, 21, 1],
      ['CB03', 2, 5, 5, 0],
    ]);
    const [cb01, cb02, cb03] = year.units;
    expect(cb01!.stock).toMatchObject({ 'du-bi': 1, 'co-quyet-dinh': 1, 'cam-tinh': 1 });
    expect(cb02!.stock).toMatchObject({ 'co-quyet-dinh': 1, 'da-hoc-lop': 1, 'chinh-thuc': 1 });
    expect(cb03!.stock).toMatchObject({ nguon: 1, dung: 1 });
    expect(year.total!.flows).toEqual({ proposed: 1, listed: 2, certified: 1, chiBoVoted: 0, admitted: 3, ceremonies: 1, recognized: 1, struckOff: 0, withdrawn: 1, transferredOut: 0 });
    expect(year.total!.admissions).toMatchObject({ total: 3, women: 2, doanVien: 1, ethnicMinority: 1, ageGroups: { 'duoi-18': 0, '18-30': 1, '31-45': 1, '46-60': 1, 'tren-60': 0 } });
    expectTotalIsSumOfUnits(year);
  });

  it('counts admissions decided on the last day of each quarter in that quarter', () => {
    const { ctx, year } = superior();
    expect(year.units.map((u) => u.trend.map((p) => p.admissions))).toEqual([
      [1, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 0],
    ]);
    expect(year.trend.map((p) => p.admissions)).toEqual([1, 1, 1, 0]);
    const quarters = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map((period) => buildUnitReport(ctx.db, { period, all: true, asOf: AS_OF }));
    expect(quarters.map((q) => q.total!.flows.admitted)).toEqual([1, 1, 1, 0]);
    quarters.forEach(expectTotalIsSumOfUnits);
  });

  it('measures targets with the superior’s assignment winning and sums them in the total', () => {
    const { year } = superior();
    const yearTarget = (u: Report['units'][number]) => u.targets.find((t) => t.period === 'year');
    expect(year.units.map((u) => yearTarget(u) && [yearTarget(u)!.source, yearTarget(u)!.targetCount, yearTarget(u)!.achieved, yearTarget(u)!.percentAchieved])).toEqual([
      ['superior', 3, 2, 66.7],
      ['superior', 2, 1, 50],
      undefined,
    ]);
    expect(yearTarget(year.total!)).toMatchObject({ source: 'superior', targetCount: 5, achieved: 3, percentAchieved: 60, units: 2 });
  });

  it('reports overdue items by code per unit, the units without admission and the lead-time medians', () => {
    const { year } = superior();
    expect(year.units.map((u) => u.quality.findings)).toEqual([
      [
        { code: 'MEMBER_RECORDS_OVERDUE', severity: 'error', count: 1 },
        { code: 'NO_MENTOR', severity: 'error', count: 1 },
      ],
      [{ code: 'NO_MENTOR', severity: 'error', count: 1 }],
      [],
    ]);
    expect(year.total!.quality.findings).toEqual([
      { code: 'NO_MENTOR', severity: 'error', count: 2 },
      { code: 'MEMBER_RECORDS_OVERDUE', severity: 'error', count: 1 },
    ]);
    expect(year.unitsWithoutAdmission).toEqual([{ code: 'CB03', name: 'Chi bộ Vận tải' }]);
    // Listing → decision: 181 and 227 days in CB01, 486 in CB02; ceremony → recognition 375 days in CB02.
    expect(year.units.map((u) => u.quality.medianDaysListingToAdmission)).toEqual([204, 486, null]);
    expect(year.total!.quality).toMatchObject({ medianDaysListingToAdmission: 227, listingToAdmissionCases: 3, medianDaysCeremonyToRecognition: 375, ceremonyToRecognitionCases: 1 });
  });

  it('flags the same person followed by two units, by name without diacritics and birth date', () => {
    const { ids, year } = superior();
    expect(year.duplicates).toEqual([
      {
        name: 'nguyen thi an',
        birthDate: '1998-05-10',
        occurrences: [
          { unitCode: 'CB02', unitName: 'Chi bộ Dệt may', candidateId: ids.b2, fullName: 'Nguyễn Thị An', stage: 'da-hoc-lop' },
          { unitCode: 'CB03', unitName: 'Chi bộ Vận tải', candidateId: ids.c1, fullName: 'Nguyen Thi  An', stage: 'nguon' },
        ],
      },
    ]);
  });

  it('names on each of the two records the other one, as the person’s page shows it', () => {
    const { ctx, ids } = superior();
    expect(candidateDetail(ctx.db, ids.b2!).samePerson).toEqual([{ id: ids.c1, unitCode: 'CB03', unitName: 'Chi bộ Vận tải', fullName: 'Nguyen Thi  An', stage: 'nguon' }]);
    expect(candidateDetail(ctx.db, ids.c1!).samePerson).toEqual([{ id: ids.b2, unitCode: 'CB02', unitName: 'Chi bộ Dệt may', fullName: 'Nguyễn Thị An', stage: 'da-hoc-lop' }]);
    expect(candidateDetail(ctx.db, ids.a1!).samePerson).toEqual([]);
  });

  it('reports one unit below on its own, and refuses a unit this database does not have', () => {
    const { ctx } = superior();
    const one = buildUnitReport(ctx.db, { period: '2026', unitCode: 'cb02', asOf: AS_OF });
    expect([one.scope, one.total, one.units.map((u) => u.code), one.units[0]!.flows.admitted]).toEqual([null, null, ['CB02'], 1]);
    expect(() => buildUnitReport(ctx.db, { period: '2026', unitCode: 'CB99', asOf: AS_OF })).toThrow(/Không có đơn vị mã CB99/);
    expect(() => buildUnitReport(ctx.db, { period: '2026', unitCode: 'CB01', all: true, asOf: AS_OF })).toThrow(/không chọn cả hai/);
  });

  it('produces a document the report schema accepts, as the JSON output and the IPC channel carry it', () => {
    const { year } = superior();
    expect(reportSchema.parse(JSON.parse(JSON.stringify(year)))).toEqual(year);
  });

  it('drops an admission whose decision event was voided', () => {
    const { ctx } = superiorContext(AS_OF);
    recordSuperior(ctx);
    const id = ctx.db.$client.prepare("SELECT e.id, e.candidate_id FROM candidate_events e JOIN candidates c ON c.id = e.candidate_id WHERE c.full_name = 'Hoàng Thị Mai' AND e.type = 'ADMISSION_DECIDED'").get() as { id: string; candidate_id: string };
    // Mirrors are read-only through the services; what a unit's corrected bundle brings is a voiding event.
    ctx.db.$client.prepare("INSERT INTO candidate_events (id, candidate_id, seq, type, date, payload, voids_id, reason, author, recorded_at) VALUES ('v1', ?, 99, 'VOID', '2026-10-01', '{}', ?, 'nhập nhầm', 'CB02', '2026-10-01T08:00:00+07:00')").run(id.candidate_id, id.id);
    expect(() => voidEvent(ctx, id.candidate_id, id.id, 'x')).toThrow(/chỉ xem/);
    const year = buildUnitReport(ctx.db, { period: '2026', all: true, asOf: AS_OF });
    expect(year.units.map((u) => u.flows.admitted)).toEqual([2, 0, 0]);
    expect(year.unitsWithoutAdmission.map((u) => u.code)).toEqual(['CB02', 'CB03']);
  });
});

describe('a superior’s report over `ptdv demo` data', () => {
  it('keeps the total equal to the sum of the units for every count, in every kind of period', async () => {
    const file = `${tempDir()}/demo.db`;
    const env = { PTDV_PASSPHRASE: 'mat-khau-kiem-thu', PTDV_TODAY: AS_OF };
    const made = await runCli(['demo', '--db', file, '--candidates', '400', '--units', '4'], env);
    expect(made.code).toBe(0);
    const database = openDatabase(file, env.PTDV_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
    try {
      const dossiers = new Map<string, number>();
      for (const period of ['2026', '2026-H1', '2026-9M', '2026-Q3', '2026-11', '2025']) {
        const report = buildUnitReport(database.db, { period, all: true, asOf: AS_OF });
        expect(report.units.map((u) => u.code)).toEqual(['CB001', 'CB002', 'CB003', 'CB004']);
        dossiers.set(period, report.total!.candidates);
        expectTotalIsSumOfUnits(report);
      }
      // Every dossier with a record by the period's counting day: all 400 by today, fewer at the end of 2025.
      expect([dossiers.get('2026'), dossiers.get('2026-11')]).toEqual([400, 400]);
      expect(dossiers.get('2025')).toBeLessThan(400);
      const year = buildUnitReport(database.db, { period: '2026', all: true, asOf: AS_OF });
      expect(year.total!.flows.admitted).toBeGreaterThan(0);
      const byUnit = year.units.map((u) => buildUnitReport(database.db, { period: '2026', unitCode: u.code, asOf: AS_OF }).units[0]!);
      expect(byUnit).toEqual(year.units);
    } finally {
      database.close();
    }
  });
});
