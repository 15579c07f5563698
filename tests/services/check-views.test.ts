import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { addEvent, createCandidate } from '../../electron/core/services/candidate-service';
import { candidateChecks, importRulebookData, rulebookOverview, todoPage, voteCheck } from '../../electron/core/services/check-views';
import { createMember } from '../../electron/core/services/member-service';
import { assignMentor } from '../../electron/core/services/mentor-service';
import type { ServiceContext } from '../../electron/core/services/context';
import { testContext } from '../helpers/db';

let open: Database[] = [];
afterEach(() => {
  open.forEach((d) => d.close());
  open = [];
});

function setup(today: string): ServiceContext {
  const t = testContext(today);
  open.push(t.database);
  return t.ctx;
}

function fullMembers(ctx: ServiceContext, n: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    ctx.db.transaction((tx) => createMember(ctx, { fullName: `Đảng viên ${i + 1}`, status: 'chinh-thuc', fullMemberSince: '2015-01-10' }, tx)).id,
  );
}

describe('the to-do list a page at a time', () => {
  it('pages through the whole list in due order and counts errors and overdue items for the badge', () => {
    const ctx = setup('2026-11-23');
    const mentor = fullMembers(ctx, 1)[0]!;
    const late = createCandidate(ctx, { fullName: 'Vũ Minh Tuấn', birthDate: '1994-10-10' }, { type: 'LISTED', date: '2025-03-15' });
    addEvent(ctx, late, { type: 'CHI_BO_VOTED', date: '2026-02-16', yes: 1, eligible: 1 });
    for (let i = 0; i < 4; i++) {
      createCandidate(ctx, { fullName: `Lê Thị Mai ${i}`, birthDate: '1998-03-03' }, { type: 'LISTED', date: '2026-09-15' });
    }
    const all = todoPage(ctx, { offset: 0, limit: 500 });
    const pages = [0, 3, 6, 9, 12, 15, 18].flatMap((offset) => todoPage(ctx, { offset, limit: 3 }).rows);
    expect(pages.slice(0, all.total)).toEqual(all.rows);
    expect(all.rows[0]).toMatchObject({ candidateId: late, code: 'DECISION_OVERDUE', overdue: true });
    expect(all.rows[0]!.workingDaysLeft).toBeLessThan(0);
    const attention = all.rows.filter((r) => r.overdue || r.severity === 'error').length;
    expect(all.summary.attention).toBe(attention);
    expect(todoPage(ctx, { offset: 0, limit: 0 })).toMatchObject({ total: all.total, rows: [] });

    assignMentor(ctx, { candidateId: late, memberId: mentor, role: 'pre-admission', from: '2026-11-20' });
    expect(todoPage(ctx, { offset: 0, limit: 0 }).summary.attention).toBe(attention - 1);
  });

  it('filters by severity, code and overdue while the counts stay those of the whole list', () => {
    const ctx = setup('2026-11-23');
    const late = createCandidate(ctx, { fullName: 'Vũ Minh Tuấn', birthDate: '1994-10-10' }, { type: 'LISTED', date: '2025-03-15' });
    addEvent(ctx, late, { type: 'CHI_BO_VOTED', date: '2026-02-16', yes: 1, eligible: 1 });
    const mai = createCandidate(ctx, { fullName: 'Lê Thị Mai', birthDate: '1998-03-03' }, { type: 'LISTED', date: '2026-09-15' });
    const whole = todoPage(ctx, { offset: 0, limit: 500 });
    const errors = todoPage(ctx, { severities: ['error'], offset: 0, limit: 500 });
    expect(errors.rows.every((r) => r.severity === 'error')).toBe(true);
    expect(errors.total).toBe(whole.summary.error);
    expect(errors.summary).toEqual(whole.summary);
    expect(new Set(todoPage(ctx, { codes: ['NO_MENTOR'], offset: 0, limit: 500 }).rows.map((r) => r.candidateId))).toEqual(new Set([late, mai]));
    expect(todoPage(ctx, { overdueOnly: true, offset: 0, limit: 500 }).rows.map((r) => r.code)).toEqual(['DECISION_OVERDUE']);
  });
});

describe('deadlines in working days on the candidate page', () => {
  it('counts the working days left to a certificate expiry, skipping weekends', () => {
    const ctx = setup('2026-11-20');
    const id = createCandidate(ctx, { fullName: 'Nguyễn Thị Lan', birthDate: '1996-05-14' }, { type: 'LISTED', date: '2021-09-01' });
    addEvent(ctx, id, { type: 'COURSE_CERTIFIED', date: '2021-11-27' });
    const expiring = candidateChecks(ctx.db, id, '2026-11-20').evaluation.findings.find((f) => f.code === 'CERTIFICATE_EXPIRING');
    // Friday 20 Nov to Friday 27 Nov 2026: Mon–Fri of the next week.
    expect(expiring).toMatchObject({ due: '2026-11-27', workingDaysLeft: 5 });
  });
});

describe('the vote check', () => {
  it('counts the roster on the vote date and applies 2/3 to the electorate the user gives', () => {
    const ctx = setup('2026-11-23');
    fullMembers(ctx, 12);
    ctx.db.transaction((tx) => createMember(ctx, { fullName: 'Dự bị', status: 'du-bi', joinedOn: '2026-06-01' }, tx));
    const roster = voteCheck(ctx.db, { kind: 'chi-bo', date: '2026-11-23' });
    expect(roster).toMatchObject({ eligible: 12, needed: 8, passes: null, numerator: 2, denominator: 3 });
    expect(roster.eligibleNames).toHaveLength(12);
    expect(voteCheck(ctx.db, { kind: 'chi-bo', date: '2026-11-23', yes: 7, members: 11 })).toMatchObject({ eligible: 11, needed: 8, passes: false });
    expect(voteCheck(ctx.db, { kind: 'chi-bo', date: '2026-11-23', yes: 8, members: 12 })).toMatchObject({ passes: true });
    expect(voteCheck(ctx.db, { kind: 'chi-bo', date: '2014-01-01' }).eligible).toBe(0);
    expect(voteCheck(ctx.db, { kind: 'ducs', date: '2026-11-23', yes: 6, members: 9 })).toMatchObject({ eligibleNames: [], passes: true });
  });
});

describe('the rulebook overview', () => {
  it('lists each rulebook with its validity and keeps the one in force today applied after a future one is imported', () => {
    const ctx = setup('2026-11-23');
    expect(rulebookOverview(ctx.db, '2026-11-23')).toMatchObject({
      applied: '2021-07-30',
      rulebooks: [
        { version: '2021-07-30', validFrom: '2021-07-30', validTo: null },
        { version: '2026-12-04', validFrom: '2026-12-04', validTo: null },
      ],
    });
    const added = importRulebookData(ctx, {
      format: 'ptdv.rulebook/1',
      version: '2031-thu',
      title: 'Thử',
      rules: [{ id: 'mentor', parameters: {}, validFrom: '2031-01-01', validTo: '2031-12-31', source: 'Thử nghiệm' }],
    });
    expect(added).toEqual({ version: '2031-thu', title: 'Thử' });
    const overview = rulebookOverview(ctx.db, '2026-11-23');
    expect(overview.applied).toBe('2021-07-30');
    expect(overview.rulebooks[2]).toMatchObject({ version: '2031-thu', validFrom: '2031-01-01', validTo: '2031-12-31', rules: 1 });
    expect(rulebookOverview(ctx.db, '2031-06-01').applied).toBe('2031-thu');
  });
});
