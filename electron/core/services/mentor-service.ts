import { AppError } from '../errors';
import type { CandidateDetail } from '../model/entities';
import { formatViDate } from '../model/dates';
import { candidateDetail, effectiveEvents, writableCandidate } from '../store/candidates';
import { audit, newId, type ServiceContext } from './context';
import { getMember } from './member-service';
import { endAssignment, endOpenAssignment, insertAssignment, mentorRow } from '../store/mentors';

const PROBATION_STAGES = new Set(['du-bi']);
const CLOSED_STAGES = new Set(['chinh-thuc', 'dung', 'xoa-ten', 'chuyen-di']);

/**
 * Assigns a full member to help a candidate (pre-admission) or a probationary member (probation). A new mentor of
 * the same role ends the previous assignment on the day the new one starts, so the history stays complete.
 */
export function assignMentor(ctx: ServiceContext, input: { candidateId: string; memberId: string; role: 'pre-admission' | 'probation'; from: string }): CandidateDetail {
  return ctx.db.transaction((tx) => {
    const candidate = writableCandidate(tx, input.candidateId);
    const member = getMember(tx, input.memberId);
    if (!member.canMentor) {
      throw new AppError('validation', `${member.fullName} không phải đảng viên chính thức đang sinh hoạt nên không thể được phân công giúp đỡ.`);
    }
    if (member.fullMemberSince && member.fullMemberSince > input.from) {
      throw new AppError('validation', `Ngày ${formatViDate(input.from)} ${member.fullName} chưa là đảng viên chính thức.`);
    }
    // A mentor helps from a step of the pipeline on: before the person's first recorded step (or, in probation,
    // before the ceremony) the date is a typing mistake that would hide a real gap.
    const events = effectiveEvents(tx, input.candidateId);
    const start = input.role === 'probation' ? events.find((e) => e.type === 'CEREMONY_HELD') : events.reduce<(typeof events)[number] | undefined>((first, e) => (first === undefined || e.date < first.date ? e : first), undefined);
    if (start && input.from < start.date) {
      const what = input.role === 'probation' ? `lễ kết nạp (${formatViDate(start.date)})` : `mốc đầu tiên đã ghi của người này (${formatViDate(start.date)})`;
      throw new AppError('validation', `Ngày bắt đầu giúp đỡ ${formatViDate(input.from)} trước ${what}. Kiểm tra lại ngày phân công.`);
    }
    if (CLOSED_STAGES.has(candidate.stage)) {
      throw new AppError('conflict', 'Hồ sơ này đã kết thúc, không cần phân công người giúp đỡ.');
    }
    if (input.role === 'probation' && !PROBATION_STAGES.has(candidate.stage)) {
      throw new AppError('validation', 'Chỉ phân công giúp đỡ đảng viên dự bị sau khi đã kết nạp.');
    }
    if (input.from > ctx.clock.today()) {
      throw new AppError('validation', 'Ngày phân công không thể sau ngày hôm nay.');
    }
    endOpenAssignment(tx, input.candidateId, input.role, input.from);
    const id = newId();
    insertAssignment(tx, { id, candidateId: input.candidateId, memberId: member.id, mentorName: member.fullName, role: input.role, fromDate: input.from, createdAt: ctx.clock.now() });
    audit(tx, ctx, 'assign-mentor', 'candidate', input.candidateId, { assignmentId: id, memberId: member.id, role: input.role, from: input.from });
    return candidateDetail(tx, input.candidateId);
  });
}

export function endMentor(ctx: ServiceContext, input: { candidateId: string; assignmentId: string; to: string }): CandidateDetail {
  return ctx.db.transaction((tx) => {
    writableCandidate(tx, input.candidateId);
    const row = mentorRow(tx, input.assignmentId);
    if (!row || row.candidateId !== input.candidateId || row.voidedAt !== null) {
      throw new AppError('not-found', 'Không tìm thấy phân công này.');
    }
    if (row.toDate) {
      throw new AppError('conflict', 'Phân công này đã kết thúc.');
    }
    if (input.to < row.fromDate) {
      throw new AppError('validation', 'Ngày kết thúc không thể trước ngày bắt đầu phân công.');
    }
    endAssignment(tx, input.assignmentId, input.to);
    audit(tx, ctx, 'end-mentor', 'candidate', input.candidateId, input);
    return candidateDetail(tx, input.candidateId);
  });
}
