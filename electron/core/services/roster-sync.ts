import type { DbOrTx } from '../../../db/types';
import { probationEndOf } from '../domain/rules/check-deadlines';
import { searchKey, sortKey } from '../domain/names';
import type { CandidateEvent } from '../model/dossier';
import { candidateRow, effectiveEvents } from '../store/candidates';
import { audit, newId, type ServiceContext } from './context';
import { insertMember, memberOfCandidate, updateMemberRow } from '../store/members';

const lastOf = (events: readonly CandidateEvent[], type: CandidateEvent['type']) => events.filter((e) => e.type === type).at(-1);

export type RosterValues = {
  status: 'chinh-thuc' | 'du-bi';
  joinedOn: string;
  fullMemberSince: string | null;
  leftOn: string | null;
  leftReason: string | null;
};

/**
 * What the roster says about a person, from their events: from the ceremony a probationary member, from the
 * recognition decision a full member since the end of probation, ended by striking off or transfer. Null before
 * the ceremony.
 */
export function rosterValues(events: readonly CandidateEvent[]): RosterValues | null {
  const ceremony = lastOf(events, 'CEREMONY_HELD');
  if (!ceremony) {
    return null;
  }
  const recognised = lastOf(events, 'RECOGNITION_DECIDED');
  const ended = lastOf(events, 'STRUCK_OFF') ?? lastOf(events, 'TRANSFERRED_OUT');
  return {
    status: recognised ? 'chinh-thuc' : 'du-bi',
    joinedOn: ceremony.date,
    fullMemberSince: recognised ? probationEndOf(ceremony.date) : null,
    leftOn: ended?.date ?? null,
    leftReason: ended ? (ended.type === 'STRUCK_OFF' ? 'Xóa tên khỏi danh sách đảng viên dự bị' : 'Chuyển sinh hoạt đi') : null,
  };
}

/**
 * Keeps the roster in step with a candidate's events (see rosterValues). If the ceremony is voided, the roster
 * entry is closed, not deleted, because votes and mentor assignments may refer to it.
 */
export function syncMemberFromCandidate(ctx: ServiceContext, tx: DbOrTx, candidateId: string): void {
  const candidate = candidateRow(tx, candidateId);
  const roster = rosterValues(effectiveEvents(tx, candidateId));
  const linked = memberOfCandidate(tx, candidateId);
  const now = ctx.clock.now();
  if (!roster) {
    if (linked && linked.leftOn === null) {
      updateMemberRow(tx, linked.id, { leftOn: ctx.clock.today(), leftReason: 'Sự kiện kết nạp đã bị hủy', updatedAt: now });
      audit(tx, ctx, 'left', 'member', linked.id, { reason: 'ceremony voided' });
    }
    return;
  }
  const values = {
    fullName: candidate.fullName,
    searchKey: searchKey(candidate.fullName),
    sortKey: sortKey(candidate.fullName),
    gender: candidate.gender,
    birthDate: candidate.birthDate,
    ...roster,
    updatedAt: now,
  };
  if (linked) {
    updateMemberRow(tx, linked.id, values);
  } else {
    const id = newId();
    insertMember(tx, { id, unitCode: candidate.unitCode, candidateId, exempt: false, createdAt: now, ...values });
    audit(tx, ctx, 'create', 'member', id, { fromCandidate: candidateId });
  }
}
