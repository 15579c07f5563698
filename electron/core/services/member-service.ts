import { formatViDate } from '../model/dates';
import type { DbOrTx } from '../../../db/types';
import { searchKey, sortKey } from '../domain/names';
import { errorsOf, memberDateProblems } from '../domain/plausibility';
import { AppError, DUPLICATE_PERSON, duplicateMessage } from '../errors';
import { MEMBER_EDIT_FIELDS, memberInputSchema, voidReasonSchema, type Member, type MemberEdit, type MemberInput } from '../model/entities';
import { audit, newId, type ServiceContext } from './context';
import { getSelfUnit } from '../store/units';
import { findMember, insertMember, memberCandidateId, memberUpdateAudit, sameMembers, selectMembers, updateMemberRow } from '../store/members';

/**
 * The own unit's members sorted by given name; search ignores diacritics. Records voided as entered by mistake are
 * left out unless `voidedOnly` asks for just them (the roster's correction history).
 */
export function listMembers(db: DbOrTx, input: { query?: string; includeLeft?: boolean; voidedOnly?: boolean }): Member[] {
  const key = input.query?.trim() ? searchKey(input.query) : undefined;
  return selectMembers(db, { unitCode: getSelfUnit(db).code, searchKey: key, includeLeft: input.includeLeft, voidedOnly: input.voidedOnly });
}

export function getMember(db: DbOrTx, id: string): Member {
  const member = findMember(db, id);
  if (!member) {
    throw new AppError('not-found', 'Không tìm thấy đảng viên.');
  }
  return member;
}

type CheckedMember = ReturnType<typeof memberInputSchema.parse>;

/** The schema checks what needs no date of today; the service adds "not after today". */
function checkDates(ctx: ServiceContext, m: CheckedMember): void {
  if (m.status === 'du-bi' && m.fullMemberSince) {
    throw new AppError('validation', 'Đảng viên dự bị chưa có ngày chính thức.');
  }
  const refused = errorsOf(memberDateProblems(m, ctx.clock.today()));
  if (refused.length > 0) {
    throw new AppError('validation', refused.map((p) => p.message).join(' '), undefined, refused.map(({ field, message }) => ({ field, message })));
  }
}

/**
 * One person, one record: a member with the same name skeleton and birth date already on the unit's roster is
 * refused unless the user confirmed they are two people.
 */
function checkDuplicate(tx: DbOrTx, unitCode: string, m: CheckedMember, exceptId?: string): void {
  if (!m.birthDate || m.confirmDuplicate) {
    return;
  }
  const same = sameMembers(tx, unitCode, searchKey(m.fullName), m.birthDate).filter((r) => r.id !== exceptId);
  if (same.length > 0) {
    throw new AppError('conflict', duplicateMessage('đảng viên', same.map((r) => r.fullName), m.birthDate), DUPLICATE_PERSON);
  }
}

function memberColumns(m: CheckedMember, now: string) {
  return {
    fullName: m.fullName,
    searchKey: searchKey(m.fullName),
    sortKey: sortKey(m.fullName),
    gender: m.gender ?? null,
    birthDate: m.birthDate ?? null,
    status: m.status,
    joinedOn: m.joinedOn ?? null,
    fullMemberSince: m.fullMemberSince ?? null,
    exempt: m.exempt,
    note: m.note ?? null,
    updatedAt: now,
  };
}

/** Adds a member to the own unit's roster (or, for demo data and imports, to `unitCode`). */
export function createMember(ctx: ServiceContext, input: MemberInput, tx: DbOrTx = ctx.db, unitCode?: string): Member {
  const m = memberInputSchema.parse(input);
  checkDates(ctx, m);
  const code = unitCode ?? getSelfUnit(tx).code;
  checkDuplicate(tx, code, m);
  const now = ctx.clock.now();
  const id = newId();
  insertMember(tx, { id, unitCode: code, createdAt: now, ...memberColumns(m, now) });
  audit(tx, ctx, 'create', 'member', id, { fullName: m.fullName, status: m.status });
  return getMember(tx, id);
}

function ownMember(tx: DbOrTx, id: string): Member {
  const member = getMember(tx, id);
  if (member.unitCode !== getSelfUnit(tx).code) {
    throw new AppError('forbidden', 'Chỉ sửa được đảng viên của đơn vị mình.');
  }
  if (member.voided) {
    throw new AppError('conflict', `Bản ghi đảng viên ${member.fullName} đã bị hủy vì nhập nhầm; chỉ còn để xem lịch sử.`);
  }
  return member;
}

export function updateMember(ctx: ServiceContext, id: string, input: MemberInput): Member {
  const m = memberInputSchema.parse(input);
  checkDates(ctx, m);
  return ctx.db.transaction((tx) => {
    const current = ownMember(tx, id);
    checkDuplicate(tx, current.unitCode, m, id);
    updateMemberRow(tx, id, memberColumns(m, ctx.clock.now()));
    // The previous version goes into the audit log with the new one: an edit keeps what it replaced.
    audit(tx, ctx, 'update', 'member', id, { before: current, after: m });
    return getMember(tx, id);
  });
}

/** A member who moved away or left keeps their record (history, past votes) with the date and reason. */
export function markMemberLeft(ctx: ServiceContext, id: string, date: string, reason: string): Member {
  return ctx.db.transaction((tx) => {
    const member = ownMember(tx, id);
    const problem = leavingProblem(member, date, ctx.clock.today());
    if (problem) {
      throw new AppError('validation', problem);
    }
    updateMemberRow(tx, id, { leftOn: date, leftReason: reason, updatedAt: ctx.clock.now() });
    audit(tx, ctx, 'left', 'member', id, { date, reason });
    return getMember(tx, id);
  });
}

/** Why a member cannot be recorded as leaving on `date`, in Vietnamese; null when they can. */
function leavingProblem(member: Member, date: string, today: string): string | null {
  if (member.leftOn) {
    return `${member.fullName} đã được ghi rời chi bộ ngày ${formatViDate(member.leftOn)}.`;
  }
  if (date > today) {
    return `Ngày rời chi bộ (${formatViDate(date)}) không thể sau ngày hôm nay.`;
  }
  if (member.joinedOn && date < member.joinedOn) {
    return `Ngày rời chi bộ (${formatViDate(date)}) không thể trước ngày vào Đảng (${formatViDate(member.joinedOn)}).`;
  }
  return null;
}

/**
 * Voids a member record entered by mistake (a wrong person, a duplicate) with a reason: it leaves the roster and
 * every count but stays as history. A member who came from a candidate's file follows that file's events instead.
 */
export function voidMember(ctx: ServiceContext, id: string, reason: string): Member {
  const why = voidReasonSchema.parse(reason);
  return ctx.db.transaction((tx) => {
    const member = ownMember(tx, id);
    if (memberCandidateId(tx, id)) {
      throw new AppError('conflict', `${member.fullName} vào danh sách từ hồ sơ kết nạp; hãy hủy sự kiện sai trong hồ sơ đó (hoặc hủy cả hồ sơ nếu tạo nhầm).`);
    }
    updateMemberRow(tx, id, { voidedAt: ctx.clock.now(), voidReason: why, voidedBy: ctx.actor });
    audit(tx, ctx, 'void', 'member', id, { fullName: member.fullName, reason: why });
    return getMember(tx, id);
  });
}

/** How many edits the roster history shows, newest first: a cell edits its roster a few times a year. */
const EDITS_SHOWN = 200;

type EditValue = string | boolean | null;
const asValue = (v: unknown): EditValue => (typeof v === 'string' || typeof v === 'boolean' ? v : null);

/**
 * The own unit's member edits that changed something, with the previous values, newest first. Edits written before
 * the audit kept the previous version have nothing to compare with and are left out.
 */
export function memberEdits(db: DbOrTx): MemberEdit[] {
  const unitCode = getSelfUnit(db).code;
  const rows = memberUpdateAudit(db, unitCode, EDITS_SHOWN);
  return rows.flatMap((r) => {
    const detail = r.detail as { before?: Record<string, unknown>; after?: Record<string, unknown> } | null;
    if (!detail?.before || !detail.after || r.memberId === null) {
      return [];
    }
    const { before, after } = detail;
    const changes = MEMBER_EDIT_FIELDS.flatMap((field) => {
      const was = asValue(before[field]);
      const now = asValue(after[field]);
      return was === now || (was === null && now === '') ? [] : [{ field, before: was, after: now }];
    });
    return changes.length > 0 ? [{ memberId: r.memberId, fullName: r.fullName, at: r.at, by: r.by, changes }] : [];
  });
}

/** Full members of the unit on `date` who can vote: chính thức by then, not yet left, not exempt. */
export function eligibleVoters(db: DbOrTx, date: string): Member[] {
  return listMembers(db, { includeLeft: true }).filter(
    (m) => m.fullMemberSince !== null && m.fullMemberSince <= date && (m.leftOn === null || m.leftOn > date) && !m.exempt,
  );
}

/** Probationary members of the unit on `date`: admitted by then, not yet full members that day, not yet left. */
export function probationaryMembers(db: DbOrTx, date: string): Member[] {
  return listMembers(db, { includeLeft: true }).filter(
    (m) => m.joinedOn !== null && m.joinedOn <= date && (m.fullMemberSince === null || m.fullMemberSince > date) && (m.leftOn === null || m.leftOn > date),
  );
}
