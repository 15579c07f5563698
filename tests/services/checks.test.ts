import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { addEvent, createCandidate } from '../../electron/core/services/candidate-service';
import { checkCandidate, removeCalendarEntry, setCalendarEntry, stageCounts, todoList } from '../../electron/core/services/check-service';
import { buildDashboard } from '../../electron/core/services/dashboard-service';
import { createMember } from '../../electron/core/services/member-service';
import { assignMentor } from '../../electron/core/services/mentor-service';
import { testContext } from '../helpers/db';

let open: Database[] = [];
afterEach(() => {
  open.forEach((d) => d.close());
  open = [];
});

function setup(today: string) {
  const t = testContext(today);
  open.push(t.database);
  return t.ctx;
}

describe('checks on a real database', () => {
  it('lists an expiring certificate and a missing mentor on the candidate and the to-do page; assigning a mentor clears one', () => {
    const ctx = setup('2026-11-23');
    const mentor = ctx.db.transaction((tx) => createMember(ctx, { fullName: 'Trần Văn Bình', status: 'chinh-thuc', fullMemberSince: '2012-03-03' }, tx));
    const id = createCandidate(ctx, { fullName: 'Nguyễn Thị Lan', birthDate: '2001-05-14', gender: 'nu', education: 'thpt', introductionPath: 'doan', youthUnionMember: true }, { type: 'SOURCE_PROPOSED', date: '2021-03-01', by: 'doan' });
    addEvent(ctx, id, { type: 'LISTED', date: '2021-03-10' });
    addEvent(ctx, id, { type: 'COURSE_CERTIFIED', date: '2021-12-20' });
    const codes = () => checkCandidate(ctx.db, id, ctx.clock.today()).evaluation.findings.map((f) => f.code);
    expect(codes()).toEqual(expect.arrayContaining(['CERTIFICATE_EXPIRING', 'NO_MENTOR']));
    const todo = todoList(ctx, {});
    expect(todo.filter((t) => t.candidateId === id).map((t) => t.code)).toEqual(expect.arrayContaining(['CERTIFICATE_EXPIRING', 'NO_MENTOR']));
    assignMentor(ctx, { candidateId: id, memberId: mentor.id, role: 'pre-admission', from: '2026-11-20' });
    expect(codes()).not.toContain('NO_MENTOR');
    expect(todoList(ctx, {}).map((t) => t.code)).not.toContain('NO_MENTOR');
    expect(todoList(ctx, { codes: ['CERTIFICATE_EXPIRING'] })).toHaveLength(1);
  });

  it('records an extension of the decision deadline in a real database: the due date moves, the stage does not', () => {
    const ctx = setup('2026-03-25');
    const id = createCandidate(ctx, { fullName: 'Lê Văn An', birthDate: '1999-01-01' }, { type: 'LISTED', date: '2025-01-05' });
    addEvent(ctx, id, { type: 'CHI_BO_VOTED', date: '2026-01-05', yes: 10, eligible: 12 });
    const check = () => checkCandidate(ctx.db, id, ctx.clock.today()).evaluation;
    expect(check().deadlines.find((d) => d.kind === 'admission-decision')?.due).toBe('2026-04-06');
    addEvent(ctx, id, { type: 'DECISION_EXTENDED', date: '2026-03-20', workingDays: 30 });
    expect(check().deadlines.find((d) => d.kind === 'admission-decision')?.due).toBe('2026-05-21');
    expect(check().stage).toBe('chi-bo-de-nghi');
    expect(stageCounts(ctx).find((c) => c.stage === 'chi-bo-de-nghi')?.count).toBe(1);
  });

  it('counts candidates per stage for the pipeline board, listing empty stages too', () => {
    const ctx = setup('2026-11-23');
    createCandidate(ctx, { fullName: 'Lê Văn An', birthDate: '1999-01-01' }, { type: 'LISTED', date: '2026-01-05' });
    createCandidate(ctx, { fullName: 'Lê Thị Bình', birthDate: '1999-01-01' }, { type: 'SOURCE_PROPOSED', date: '2026-01-05' });
    const counts = Object.fromEntries(stageCounts(ctx).map((c) => [c.stage, c.count]));
    expect(counts).toMatchObject({ nguon: 1, 'cam-tinh': 1, 'du-bi': 0 });
  });

  it('says how many at «Nguồn» have no event at all, the ones Tổng quan counts on no day', () => {
    const ctx = setup('2026-11-23');
    createCandidate(ctx, { fullName: 'Lê Thị Bình', birthDate: '1999-01-01' }, { type: 'SOURCE_PROPOSED', date: '2026-01-05' });
    createCandidate(ctx, { fullName: 'Trần Văn Thử', birthDate: '1999-02-02' });
    const nguon = stageCounts(ctx).find((c) => c.stage === 'nguon')!;
    expect([nguon.count, nguon.undated]).toEqual([2, 1]);
    const funnel = buildDashboard(ctx.db, { year: 2026, asOf: '2026-11-23' }).total.funnel;
    expect(funnel.find((f) => f.stage === 'nguon')?.count).toBe(nguon.count - nguon.undated);
    expect(stageCounts(ctx).filter((c) => c.stage !== 'nguon').every((c) => c.undated === 0)).toBe(true);
  });

  it('uses the edited calendar for deadlines: a day off added by the user moves the ceremony deadline', () => {
    const ctx = setup('2026-06-01');
    const id = createCandidate(ctx, { fullName: 'Phạm Văn Cường', birthDate: '1995-01-01' });
    addEvent(ctx, id, { type: 'ADMISSION_DECIDED', date: '2026-05-04', number: '12-QĐ/ĐU', received: '2026-05-04' });
    const due = () => checkCandidate(ctx.db, id, ctx.clock.today()).evaluation.deadlines.find((d) => d.kind === 'ceremony')?.due;
    const before = due();
    expect(before).toBeDefined();
    setCalendarEntry(ctx, { date: '2026-05-15', kind: 'holiday', name: 'Ngày nghỉ thử', source: 'kiểm thử', confirmed: true });
    expect(due()! > before!).toBe(true);
  });

  it('moves the to-do list’s due dates as soon as the calendar changes, not the next day', () => {
    const ctx = setup('2026-06-01');
    const id = createCandidate(ctx, { fullName: 'Phạm Văn Cường', birthDate: '1995-01-01' });
    addEvent(ctx, id, { type: 'ADMISSION_DECIDED', date: '2026-05-04', number: '12-QĐ/ĐU', received: '2026-05-04' });
    const ceremonyDue = () => todoList(ctx, {}).find((t) => t.code === 'CEREMONY_DUE')?.due;
    const before = ceremonyDue();
    expect(before).toBeDefined();
    setCalendarEntry(ctx, { date: '2026-05-15', kind: 'holiday', name: 'Ngày nghỉ thử', source: 'kiểm thử', confirmed: true });
    const after = ceremonyDue();
    expect(after! > before!).toBe(true);
    removeCalendarEntry(ctx, '2026-05-15');
    expect(ceremonyDue()).toBe(before);
  });

  it('drops on a calendar change only the stored findings whose working-day deadlines it can move, and never keeps a wrong due date', () => {
    const ctx = setup('2026-06-01');
    // Decided on Sunday 3 May: the ceremony deadline counts from Monday 4 May on.
    const near = createCandidate(ctx, { fullName: 'Phạm Văn Cường', birthDate: '1995-01-01' });
    addEvent(ctx, near, { type: 'ADMISSION_DECIDED', date: '2026-05-03', number: '12-QĐ/ĐU', received: '2026-05-03' });
    const far = createCandidate(ctx, { fullName: 'Lê Thị Hoa', birthDate: '1996-01-01' });
    addEvent(ctx, far, { type: 'ADMISSION_DECIDED', date: '2025-09-03', number: '3-QĐ/ĐU', received: '2025-09-03' });
    const stored = () => ctx.db.$client.prepare('SELECT candidate_id FROM candidate_findings ORDER BY candidate_id').pluck().all();
    const due = (id: string) => todoList(ctx, {}).find((t) => t.candidateId === id && t.code.startsWith('CEREMONY'))?.due;
    const live = (id: string) => checkCandidate(ctx.db, id, ctx.clock.today()).evaluation.findings.find((f) => f.code.startsWith('CEREMONY'))?.due;
    const before = due(near);
    expect(before).toBe(live(near));
    expect(due(far)).toBe(live(far));
    expect(stored()).toEqual([near, far].sort());
    // Saturday 2 May is outside the near deadline's days, but the day off it gives in compensation, Monday 4 May, is inside.
    setCalendarEntry(ctx, { date: '2026-05-02', kind: 'holiday', name: 'Ngày nghỉ thử', source: 'kiểm thử', confirmed: false });
    expect(stored()).toEqual([far]);
    expect(due(near)! > before!).toBe(true);
    expect(due(near)).toBe(live(near));
    expect(due(far)).toBe(live(far));
    // Confirming the day changes no working day.
    setCalendarEntry(ctx, { date: '2026-05-02', kind: 'holiday', name: 'Ngày nghỉ thử', source: 'kiểm thử', confirmed: true });
    expect(stored()).toEqual([near, far].sort());
  });

  it('keeps the to-do list current across edits of one candidate among many, and picks up a new candidate', () => {
    const ctx = setup('2026-11-23');
    const ids = Array.from({ length: 30 }, (_, i) =>
      createCandidate(ctx, { fullName: `Nguyễn Văn Số ${i}`, birthDate: '1999-01-01' }, { type: 'LISTED', date: '2026-01-05' }),
    );
    const noMentor = () => new Set(todoList(ctx, { codes: ['NO_MENTOR'] }).map((t) => t.candidateId));
    expect(noMentor().size).toBe(30);
    const mentor = ctx.db.transaction((tx) => createMember(ctx, { fullName: 'Trần Văn Bình', status: 'chinh-thuc', fullMemberSince: '2012-03-03' }, tx));
    assignMentor(ctx, { candidateId: ids[7]!, memberId: mentor.id, role: 'pre-admission', from: '2026-11-20' });
    expect(noMentor().has(ids[7]!)).toBe(false);
    expect(noMentor().size).toBe(29);
    const late = createCandidate(ctx, { fullName: 'Lê Thị Mới', birthDate: '2000-02-02' }, { type: 'LISTED', date: '2026-02-01' });
    expect(noMentor().has(late)).toBe(true);
  });
});
