import { and, asc, desc, eq, isNotNull, isNull, like } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { auditLog, members } from '../../../db/schema/index';
import type { Member } from '../model/entities';

/** Members as stored: the roster of each unit this database holds. Writes take the transaction they run in. */

type Row = typeof members.$inferSelect;

/** The one conversion of a members row to the model. */
export function toMember(row: Row): Member {
  return {
    id: row.id,
    unitCode: row.unitCode,
    fullName: row.fullName,
    gender: row.gender,
    birthDate: row.birthDate,
    status: row.status,
    joinedOn: row.joinedOn,
    fullMemberSince: row.fullMemberSince,
    exempt: row.exempt,
    leftOn: row.leftOn,
    leftReason: row.leftReason,
    note: row.note,
    canMentor: row.status === 'chinh-thuc' && row.leftOn === null && row.voidedAt === null,
    voided: row.voidedAt === null ? null : { by: row.voidedBy ?? '', reason: row.voidReason ?? '', at: row.voidedAt },
  };
}

export type MemberFilter = { unitCode: string; searchKey?: string; includeLeft?: boolean; voidedOnly?: boolean };

/** A unit's members by sort key; voided records only when `voidedOnly` asks for just them. */
export function selectMembers(db: DbOrTx, f: MemberFilter): Member[] {
  const conditions = [eq(members.unitCode, f.unitCode), f.voidedOnly ? isNotNull(members.voidedAt) : isNull(members.voidedAt)];
  if (f.searchKey) {
    conditions.push(like(members.searchKey, `%${f.searchKey}%`));
  }
  if (!f.includeLeft && !f.voidedOnly) {
    conditions.push(isNull(members.leftOn));
  }
  return db.select().from(members).where(and(...conditions)).orderBy(asc(members.sortKey)).all().map(toMember);
}

export function findMember(db: DbOrTx, id: string): Member | null {
  const row = db.select().from(members).where(eq(members.id, id)).get();
  return row ? toMember(row) : null;
}

/** The candidate file a member came from, if any: such a member follows that file's events. */
export function memberCandidateId(db: DbOrTx, id: string): string | null {
  return db.select({ candidateId: members.candidateId }).from(members).where(eq(members.id, id)).get()?.candidateId ?? null;
}

/** Names of the unit's live members with this name skeleton and birth date. */
export function sameMembers(db: DbOrTx, unitCode: string, key: string, birthDate: string): { id: string; fullName: string }[] {
  return db
    .select({ id: members.id, fullName: members.fullName })
    .from(members)
    .where(and(eq(members.unitCode, unitCode), eq(members.searchKey, key), eq(members.birthDate, birthDate), isNull(members.voidedAt)))
    .all();
}

/** The live roster entry made from a candidate's file, if any. */
export function memberOfCandidate(db: DbOrTx, candidateId: string): Row | undefined {
  return db.select().from(members).where(and(eq(members.candidateId, candidateId), isNull(members.voidedAt))).get();
}

export type MemberValues = Omit<typeof members.$inferInsert, 'id' | 'unitCode' | 'createdAt'>;

export function insertMember(tx: DbOrTx, row: { id: string; unitCode: string; createdAt: string } & MemberValues): void {
  tx.insert(members).values(row).run();
}

export function updateMemberRow(tx: DbOrTx, id: string, values: Partial<MemberValues>): void {
  tx.update(members).set(values).where(eq(members.id, id)).run();
}

export type MemberAuditRow = { memberId: string | null; at: string; by: string; detail: unknown; fullName: string };

/** The audit rows of edits to the unit's members, newest first. */
export function memberUpdateAudit(db: DbOrTx, unitCode: string, limit: number): MemberAuditRow[] {
  return db
    .select({ memberId: auditLog.entityId, at: auditLog.at, by: auditLog.actor, detail: auditLog.detail, fullName: members.fullName })
    .from(auditLog)
    .innerJoin(members, eq(members.id, auditLog.entityId))
    .where(and(eq(auditLog.entity, 'member'), eq(auditLog.action, 'update'), eq(members.unitCode, unitCode)))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
}
