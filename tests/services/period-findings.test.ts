import { describe, expect, it } from 'vitest';
import type { Dossier } from '../../electron/core/model/dossier';
import { candidateDetail } from '../../electron/core/store/candidates';
import { updateProfile } from '../../electron/core/services/candidate-service';
import { importDossiers } from '../../electron/core/services/dossier-service';
import { createMember } from '../../electron/core/services/member-service';
import { buildUnitReport } from '../../electron/core/services/report-service';
import { testContext } from '../helpers/db';

/**
 * A report is an official document for its period: its findings are those of the period's last day, with the rules
 * and calendar in force then, not today's. Worked by hand: Lan's ceremony is on 10/02/2026 (Q1) and her probation
 * mentor is only assigned on 04/05/2026 (Q2), so on 31/03/2026 she has no probation mentor (NO_PROBATION_MENTOR)
 * and on 30/09/2026 she has one.
 */
const TODAY = '2026-11-23';

function lan(): Dossier {
  return {
    format: 'ptdv.dossier/1',
    unit: { code: 'CB014', hasYouthUnion: true },
    candidate: { fullName: 'Nguyễn Thị Lan', gender: 'nu', birthDate: '2001-05-14', education: 'thpt', youthUnionMember: true, introductionPath: 'doan' },
    events: [
      { type: 'SOURCE_PROPOSED', date: '2025-01-10', by: 'doan' },
      { type: 'LISTED', date: '2025-02-05' },
      { type: 'COURSE_CERTIFIED', date: '2025-03-01' },
      { type: 'DOSSIER_STARTED', date: '2025-04-01' },
      { type: 'CHI_BO_VOTED', date: '2025-11-03', yes: 9, eligible: 12 },
      { type: 'DUCS_VOTED', date: '2025-11-20', yes: 8, members: 9 },
      { type: 'ADMISSION_DECIDED', date: '2026-01-15', number: '12-QĐ/ĐU', received: '2026-01-20' },
      { type: 'CEREMONY_HELD', date: '2026-02-10' },
    ],
    documents: [],
    introducers: [],
    mentors: [
      { name: 'Trần Văn Bình', role: 'pre-admission', from: '2025-02-05', to: '2026-02-10' },
      { name: 'Trần Văn Bình', role: 'probation', from: '2026-05-04', to: null },
    ],
  } as Dossier;
}

const codesOf = (report: ReturnType<typeof buildUnitReport>) => report.units[0]!.quality.findings.map((f) => f.code);

describe('findings of a report are those of its period', () => {
  it('counts the missing probation mentor in the Q1 report and not in the Q3 report', () => {
    const { ctx } = testContext(TODAY);
    createMember(ctx, { fullName: 'Trần Văn Bình', status: 'chinh-thuc', joinedOn: '2010-03-03', fullMemberSince: '2011-03-03' });
    const [outcome] = importDossiers(ctx, [{ label: 'lan.json', dossier: lan() }], 'CB014');
    expect(outcome?.candidateId).toBeTruthy();

    const q1 = buildUnitReport(ctx.db, { period: '2026-Q1', asOf: TODAY });
    const q3 = buildUnitReport(ctx.db, { period: '2026-Q3', asOf: TODAY });
    expect(q1.countedTo).toBe('2026-03-31');
    expect(codesOf(q1)).toContain('NO_PROBATION_MENTOR');
    expect(codesOf(q3)).not.toContain('NO_PROBATION_MENTOR');
    // The year report, still running, counts as of today: the mentor is there.
    expect(codesOf(buildUnitReport(ctx.db, { period: '2026', asOf: TODAY }))).not.toContain('NO_PROBATION_MENTOR');
  });

  it('a stored row answers every day it holds; a period before it goes to the period store, which outlives the row moving on but not a change', () => {
    const { ctx } = testContext(TODAY);
    createMember(ctx, { fullName: 'Trần Văn Bình', status: 'chinh-thuc', joinedOn: '2010-03-03', fullMemberSince: '2011-03-03' });
    const [outcome] = importDossiers(ctx, [{ label: 'lan.json', dossier: lan() }], 'CB014');
    const id = outcome!.candidateId;
    const row = () => ctx.db.$client.prepare('SELECT as_of, valid_until FROM candidate_findings WHERE candidate_id = ?').get(id) as { as_of: string; valid_until: string } | undefined;
    const periodRows = () => ctx.db.$client.prepare('SELECT as_of FROM period_findings WHERE candidate_id = ?').pluck().all(id);

    const year = codesOf(buildUnitReport(ctx.db, { period: '2026', asOf: TODAY }));
    // Nothing Lan's findings depend on changes before the rulebook of 4 Dec 2026 takes effect.
    expect(row()).toEqual({ as_of: TODAY, valid_until: '2026-12-03' });
    // A week later the same row answers: it is not evaluated again, nor copied to the period store.
    expect(codesOf(buildUnitReport(ctx.db, { period: '2026', asOf: '2026-11-30' }))).toEqual(year);
    expect(row()).toEqual({ as_of: TODAY, valid_until: '2026-12-03' });
    expect(periodRows()).toEqual([]);

    // Q1 ends before the row starts: its day goes to the period store.
    const q1 = codesOf(buildUnitReport(ctx.db, { period: '2026-Q1', asOf: TODAY }));
    expect(q1).toContain('NO_PROBATION_MENTOR');
    expect(periodRows()).toEqual(['2026-03-31']);

    // Past the row's last day the year report evaluates again and moves the row on; nothing Lan's findings are
    // computed from changed, so the period's day stays.
    buildUnitReport(ctx.db, { period: '2026', asOf: '2026-12-10' });
    expect(row()?.as_of).toBe('2026-12-10');
    expect(periodRows()).toEqual(['2026-03-31']);
    expect(codesOf(buildUnitReport(ctx.db, { period: '2026-Q1', asOf: '2026-12-10' }))).toEqual(q1);

    // A change to what they are computed from takes both away, and the Q1 report evaluates the records again.
    const { profile } = candidateDetail(ctx.db, id);
    updateProfile(ctx, id, { ...profile, education: 'dai-hoc' });
    expect(row()).toBeUndefined();
    expect(periodRows()).toEqual([]);
    expect(codesOf(buildUnitReport(ctx.db, { period: '2026-Q1', asOf: '2026-12-10' }))).toEqual(q1);
    // With no row left, what the Q1 report evaluated becomes the row, holding from the period's last day.
    expect(row()?.as_of).toBe('2026-03-31');
    expect(periodRows()).toEqual([]);
  });
});
