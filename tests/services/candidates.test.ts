import { afterEach, describe, expect, it } from 'vitest';
import { candidateDetail } from '../../electron/core/store/candidates';
import { addEvent, createCandidate, listCandidates, voidEvent } from '../../electron/core/services/candidate-service';
import { createMember, listMembers } from '../../electron/core/services/member-service';
import { assignMentor } from '../../electron/core/services/mentor-service';
import type { Database } from '../../db/client';
import { testContext } from '../helpers/db';

let open: Database[] = [];
afterEach(() => {
  open.forEach((d) => d.close());
  open = [];
});
function setup(today?: string) {
  const t = testContext(today);
  open.push(t.database);
  return t.ctx;
}
const profile = (fullName: string, birthDate = '2000-05-14') => ({ fullName, birthDate, gender: 'nu' as const });

describe('candidates', () => {
  it('finds "Nguyễn Thị Lan" by a search typed without diacritics and sorts by given name', () => {
    const ctx = setup();
    for (const name of ['Nguyễn Thị Lan', 'Trần Văn Đức', 'Lê Thị Ánh', 'Phạm Văn Dũng']) {
      createCandidate(ctx, profile(name));
    }
    const found = listCandidates(ctx.db, { query: 'nguyen thi lan', offset: 0, limit: 10 });
    expect(found.rows.map((r) => r.fullName)).toEqual(['Nguyễn Thị Lan']);
    expect(listCandidates(ctx.db, { query: 'DUC', offset: 0, limit: 10 }).rows.map((r) => r.fullName)).toEqual(['Trần Văn Đức']);
    expect(listCandidates(ctx.db, { query: 'la', offset: 0, limit: 10 }).rows.map((r) => r.fullName)).toEqual(['Nguyễn Thị Lan']);
    expect(listCandidates(ctx.db, { query: 'van d', offset: 0, limit: 10, stage: 'nguon' }).total).toBe(2);
    expect(listCandidates(ctx.db, { query: 'van d', offset: 0, limit: 10, stage: 'cam-tinh' }).total).toBe(0);
    const all = listCandidates(ctx.db, { offset: 0, limit: 10 });
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => r.fullName)).toEqual(['Lê Thị Ánh', 'Phạm Văn Dũng', 'Trần Văn Đức', 'Nguyễn Thị Lan']);
  });

  it('derives the stage from events, and voiding a wrong event brings the stage back while keeping it in history', () => {
    const ctx = setup();
    const id = createCandidate(ctx, profile('Nguyễn Thị Lan'), { type: 'SOURCE_PROPOSED', date: '2026-01-10', by: 'doan' });
    addEvent(ctx, id, { type: 'LISTED', date: '2026-02-05' });
    const wrong = addEvent(ctx, id, { type: 'COURSE_CERTIFIED', date: '2026-03-01' });
    expect(wrong.stage).toBe('da-hoc-lop');
    const eventId = wrong.events.find((e) => e.event.type === 'COURSE_CERTIFIED')!.id;
    const after = voidEvent(ctx, id, eventId, 'Nhầm người');
    expect(after.stage).toBe('cam-tinh');
    expect(after.events.find((e) => e.id === eventId)?.voided?.reason).toBe('Nhầm người');
    expect(listCandidates(ctx.db, { stage: 'cam-tinh', offset: 0, limit: 10 }).total).toBe(1);
  });

  it('refuses an event dated in the future and keeps events append-only in SQL', () => {
    const ctx = setup('2026-06-01');
    const id = createCandidate(ctx, profile('Lê Văn An'));
    expect(() => addEvent(ctx, id, { type: 'LISTED', date: '2026-06-02' })).toThrow(/không thể sau ngày hôm nay/);
    addEvent(ctx, id, { type: 'LISTED', date: '2026-05-02' });
    expect(() => ctx.db.$client.prepare("UPDATE candidate_events SET date = '2020-01-01'").run()).toThrow(/append-only/);
    expect(() => ctx.db.$client.prepare('DELETE FROM candidate_events').run()).toThrow(/append-only/);
  });

  it('refuses a vote of nobody, or with more yes votes than voters, and records nothing', () => {
    const ctx = setup('2026-06-01');
    const id = createCandidate(ctx, profile('Lê Văn Bình'));
    addEvent(ctx, id, { type: 'LISTED', date: '2025-05-02' });
    const before = candidateDetail(ctx.db, id).events.length;
    expect(() => addEvent(ctx, id, { type: 'CHI_BO_VOTED', date: '2026-05-20', yes: 0, eligible: 0 })).toThrow('Biểu quyết cần số đảng viên chính thức có quyền biểu quyết ít nhất là 1.');
    expect(() => addEvent(ctx, id, { type: 'CHI_BO_VOTED', date: '2026-05-20', yes: 12, eligible: 11 })).toThrow('Số phiếu tán thành (12) không thể lớn hơn số đảng viên chính thức có quyền biểu quyết (11).');
    expect(() => addEvent(ctx, id, { type: 'DUCS_VOTED', date: '2026-05-25', yes: 8, members: 7 })).toThrow('Số cấp ủy viên tán thành (8) không thể lớn hơn tổng số cấp ủy viên (7).');
    expect(candidateDetail(ctx.db, id).events).toHaveLength(before);
    addEvent(ctx, id, { type: 'CHI_BO_VOTED', date: '2026-05-20', yes: 11, eligible: 11 });
    expect(candidateDetail(ctx.db, id).events).toHaveLength(before + 1);
  });

  it('puts the admitted person on the roster as probationary, then full member from the end of probation (29 Feb → 28 Feb)', () => {
    const ctx = setup('2025-12-31');
    const id = createCandidate(ctx, profile('Hoàng Minh Anh', '1998-01-01'));
    addEvent(ctx, id, { type: 'CEREMONY_HELD', date: '2024-02-29' });
    const probationary = listMembers(ctx.db, {}).find((m) => m.fullName === 'Hoàng Minh Anh')!;
    expect(probationary).toMatchObject({ status: 'du-bi', joinedOn: '2024-02-29', canMentor: false });
    addEvent(ctx, id, { type: 'RECOGNITION_DECIDED', date: '2025-03-20', number: '12-QĐ/ĐU' });
    expect(listMembers(ctx.db, {}).find((m) => m.fullName === 'Hoàng Minh Anh')).toMatchObject({ status: 'chinh-thuc', fullMemberSince: '2025-02-28', canMentor: true });
  });
});

describe('mentor assignments', () => {
  it('accepts only full members and keeps the history when the mentor changes', () => {
    const ctx = setup();
    const full = ctx.db.transaction((tx) => createMember(ctx, { fullName: 'Trần Văn Bình', status: 'chinh-thuc', joinedOn: '2010-03-03', fullMemberSince: '2011-03-03' }, tx));
    const other = ctx.db.transaction((tx) => createMember(ctx, { fullName: 'Đỗ Thị Hà', status: 'chinh-thuc', fullMemberSince: '2015-01-01' }, tx));
    const probationary = ctx.db.transaction((tx) => createMember(ctx, { fullName: 'Vũ Văn Nam', status: 'du-bi', joinedOn: '2026-05-01' }, tx));
    const id = createCandidate(ctx, profile('Nguyễn Thị Lan'), { type: 'LISTED', date: '2026-02-05' });
    expect(() => assignMentor(ctx, { candidateId: id, memberId: probationary.id, role: 'pre-admission', from: '2026-02-05' })).toThrow(/không phải đảng viên chính thức/);
    // A start before the person's first recorded step is a typing mistake (01/01/2024 for someone listed in 2026).
    expect(() => assignMentor(ctx, { candidateId: id, memberId: full.id, role: 'pre-admission', from: '2024-01-01' })).toThrow(
      'Ngày bắt đầu giúp đỡ 01/01/2024 trước mốc đầu tiên đã ghi của người này (05/02/2026). Kiểm tra lại ngày phân công.',
    );
    assignMentor(ctx, { candidateId: id, memberId: full.id, role: 'pre-admission', from: '2026-02-05' });
    const detail = assignMentor(ctx, { candidateId: id, memberId: other.id, role: 'pre-admission', from: '2026-08-01' });
    expect(detail.mentors.map((m) => [m.mentorName, m.fromDate, m.toDate])).toEqual([
      ['Trần Văn Bình', '2026-02-05', '2026-08-01'],
      ['Đỗ Thị Hà', '2026-08-01', null],
    ]);
    expect(listCandidates(ctx.db, { offset: 0, limit: 5 }).rows[0]?.mentorName).toBe('Đỗ Thị Hà');
    expect(candidateDetail(ctx.db, id).readOnly).toBe(false);

    // Once a probationary member, the list names the probation mentor, not the pre-admission one left open.
    addEvent(ctx, id, { type: 'CEREMONY_HELD', date: '2026-09-01' });
    expect(listCandidates(ctx.db, { offset: 0, limit: 5 }).rows[0]?.mentorName).toBeNull();
    expect(() => assignMentor(ctx, { candidateId: id, memberId: full.id, role: 'probation', from: '2026-08-31' })).toThrow('trước lễ kết nạp (01/09/2026)');
    assignMentor(ctx, { candidateId: id, memberId: full.id, role: 'probation', from: '2026-09-01' });
    expect(listCandidates(ctx.db, { offset: 0, limit: 5 }).rows[0]?.mentorName).toBe('Trần Văn Bình');
  });
});
