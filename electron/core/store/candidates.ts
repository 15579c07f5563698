import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { candidateEvents, candidates, dossierItems, introducers, members, mentorAssignments, units } from '../../../db/schema/index';
import { deriveStage } from '../domain/rules/stage';
import { AppError } from '../errors';
import { candidateEventSchema, type CandidateEvent, type CandidateProfile } from '../model/dossier';
import { formatViDate } from '../model/dates';
import type { CandidateDetail, StoredEvent, VoidedRecord, VoidInfo } from '../model/entities';
import { VOID } from '../store/dossiers';

/** Reads of one candidate's whole file, shared by the candidate, mentor and dossier services. */

type CandidateRow = typeof candidates.$inferSelect;
type EventRow = typeof candidateEvents.$inferSelect;

export { VOID };

export function candidateRow(db: DbOrTx, id: string): CandidateRow {
  const row = db.select().from(candidates).where(eq(candidates.id, id)).get();
  if (!row) {
    throw new AppError('not-found', 'Không tìm thấy người này trong danh sách.');
  }
  return row;
}

export function hasCandidate(db: DbOrTx, id: string): boolean {
  return db.select({ id: candidates.id }).from(candidates).where(eq(candidates.id, id)).get() !== undefined;
}

/** Candidates of a mirrored unit are the superior's read-only copy; only the unit itself changes them. */
export function writableCandidate(db: DbOrTx, id: string): CandidateRow {
  const row = candidateRow(db, id);
  const unit = db.select({ origin: units.origin }).from(units).where(eq(units.code, row.unitCode)).get();
  if (unit?.origin !== 'self') {
    throw new AppError('forbidden', 'Đây là bản sao dữ liệu của đơn vị cấp dưới, chỉ xem, không sửa được.');
  }
  if (row.voidedAt !== null) {
    throw new AppError('conflict', 'Hồ sơ này đã bị hủy vì tạo nhầm; chỉ còn để xem lịch sử, không sửa được.');
  }
  return row;
}

type VoidColumns = { voidedAt: string | null; voidReason: string | null; voidedBy: string | null };

export function voidInfo(row: VoidColumns): VoidInfo | null {
  return row.voidedAt === null ? null : { by: row.voidedBy ?? '', reason: row.voidReason ?? '', at: row.voidedAt };
}

const dateOrDots = (d: string | null) => (d ? formatViDate(d) : '…');

/** The voided documents, introducers and mentor assignments of a file, newest void first. */
function voidedRecords(db: DbOrTx, id: string): VoidedRecord[] {
  const out: VoidedRecord[] = [];
  for (const d of db.select().from(dossierItems).where(and(eq(dossierItems.candidateId, id), isNotNull(dossierItems.voidedAt))).all()) {
    out.push({ kind: 'document', id: d.id, summary: `Văn bản ${d.form} ngày ${formatViDate(d.date)}${d.signer ? `, ${d.signer}` : ''}`, voided: voidInfo(d)! });
  }
  for (const i of db.select().from(introducers).where(and(eq(introducers.candidateId, id), isNotNull(introducers.voidedAt))).all()) {
    out.push({ kind: 'introducer', id: i.id, summary: `Người giới thiệu ${i.name}${i.letterDate ? `, thư ngày ${formatViDate(i.letterDate)}` : ''}`, voided: voidInfo(i)! });
  }
  for (const m of db.select().from(mentorAssignments).where(and(eq(mentorAssignments.candidateId, id), isNotNull(mentorAssignments.voidedAt))).all()) {
    out.push({ kind: 'mentor', id: m.id, summary: `${m.role === 'probation' ? 'Người giúp đỡ đảng viên dự bị' : 'Người giúp đỡ'}: ${m.mentorName}, từ ${formatViDate(m.fromDate)} đến ${dateOrDots(m.toDate)}`, voided: voidInfo(m)! });
  }
  return out.sort((a, b) => (a.voided.at < b.voided.at ? 1 : a.voided.at > b.voided.at ? -1 : 0));
}

export function profileOf(row: CandidateRow): CandidateProfile {
  return {
    fullName: row.fullName,
    gender: row.gender,
    birthDate: row.birthDate,
    education: row.education as CandidateProfile['education'],
    educationException: row.educationException as CandidateProfile['educationException'],
    youthUnionMember: row.youthUnionMember,
    tradeUnionMember: row.tradeUnionMember,
    introductionPath: row.introductionPath as CandidateProfile['introductionPath'],
    ethnicity: row.ethnicity,
    religion: row.religion,
    occupation: row.occupation as CandidateProfile['occupation'],
    nonStateEnterprise: row.nonStateEnterprise,
    hometown: row.hometown,
    residence: row.residence,
    occupationDetail: row.occupationDetail,
  };
}

export function toEvent(row: Pick<EventRow, 'type' | 'date' | 'payload'>): CandidateEvent {
  return candidateEventSchema.parse({ ...row.payload, type: row.type, date: row.date });
}

/** The stored rows of a candidate with voids attached to what they void. */
export function storedEvents(db: DbOrTx, candidateId: string): StoredEvent[] {
  const rows = db.select().from(candidateEvents).where(eq(candidateEvents.candidateId, candidateId)).orderBy(asc(candidateEvents.seq)).all();
  const voids = new Map(rows.filter((r) => r.type === VOID).map((r) => [r.voidsId, r]));
  return rows
    .filter((r) => r.type !== VOID)
    .map((r) => {
      const v = voids.get(r.id);
      return {
        id: r.id,
        seq: r.seq,
        event: toEvent(r),
        author: r.author,
        recordedAt: r.recordedAt,
        voided: v ? { by: v.author, reason: v.reason ?? '', at: v.recordedAt } : null,
      };
    })
    .sort((a, b) => (a.event.date < b.event.date ? -1 : a.event.date > b.event.date ? 1 : a.seq - b.seq));
}

/** Events in force (not voided), in date order: what rules, stages and reports are computed from. */
export function effectiveEvents(db: DbOrTx, candidateId: string): CandidateEvent[] {
  return storedEvents(db, candidateId)
    .filter((e) => e.voided === null)
    .map((e) => e.event);
}

/** Rewrites the cached stage from the events; call in the same transaction as every event change. */
export function refreshStage(db: DbOrTx, candidateId: string): string {
  const stage = deriveStage(effectiveEvents(db, candidateId));
  db.update(candidates).set({ stage }).where(eq(candidates.id, candidateId)).run();
  return stage;
}

export function candidateDetail(db: DbOrTx, id: string): CandidateDetail {
  const row = candidateRow(db, id);
  const unit = db.select({ origin: units.origin, name: units.name }).from(units).where(eq(units.code, row.unitCode)).get();
  return {
    id: row.id,
    unitCode: row.unitCode,
    unitName: unit?.name ?? row.unitCode,
    readOnly: unit?.origin !== 'self',
    profile: profileOf(row),
    stage: row.stage,
    events: storedEvents(db, id),
    documents: db.select().from(dossierItems).where(and(eq(dossierItems.candidateId, id), isNull(dossierItems.voidedAt))).orderBy(asc(dossierItems.date)).all()
      .map((d) => ({ id: d.id, form: d.form as CandidateDetail['documents'][number]['form'], date: d.date, signer: d.signer, issuer: d.issuer, note: d.note })),
    introducers: db.select().from(introducers).where(and(eq(introducers.candidateId, id), isNull(introducers.voidedAt))).all()
      .map((i) => ({ id: i.id, memberId: i.memberId, name: i.name, fullMemberSince: i.fullMemberSince, workedTogetherSince: i.workedTogetherSince, replacement: i.replacement, letterDate: i.letterDate })),
    mentors: db.select().from(mentorAssignments).where(and(eq(mentorAssignments.candidateId, id), isNull(mentorAssignments.voidedAt))).orderBy(asc(mentorAssignments.fromDate)).all()
      .map((m) => ({ id: m.id, memberId: m.memberId, mentorName: m.mentorName, role: m.role, fromDate: m.fromDate, toDate: m.toDate })),
    voided: voidInfo(row),
    corrections: voidedRecords(db, id),
  };
}

/** Ids of a unit's live candidates, in name order. */
export function liveCandidateIds(db: DbOrTx, unitCode: string): string[] {
  return db.select({ id: candidates.id }).from(candidates).where(and(eq(candidates.unitCode, unitCode), isNull(candidates.voidedAt))).orderBy(candidates.sortKey).all().map((r) => r.id);
}

/** Ids of a unit's live candidates with an event of `type` recorded. */
export function candidateIdsWithEvent(db: DbOrTx, unitCode: string, type: CandidateEvent['type']): string[] {
  return db
    .selectDistinct({ id: candidateEvents.candidateId })
    .from(candidateEvents)
    .innerJoin(candidates, eq(candidates.id, candidateEvents.candidateId))
    .where(and(eq(candidates.unitCode, unitCode), isNull(candidates.voidedAt), eq(candidateEvents.type, type)))
    .all()
    .map((r) => r.id);
}

const FILE_TABLES = { document: dossierItems, introducer: introducers, mentor: mentorAssignments } as const;
export type FileRecordKind = keyof typeof FILE_TABLES;

/** The candidate a document, introducer or mentor assignment belongs to, and whether it is voided already. */
export function fileRecord(db: DbOrTx, kind: FileRecordKind, id: string): { candidateId: string; voidedAt: string | null } | undefined {
  const table = FILE_TABLES[kind];
  return db.select({ candidateId: table.candidateId, voidedAt: table.voidedAt }).from(table).where(eq(table.id, id)).get();
}

export type VoidMark = { voidedAt: string; voidReason: string; voidedBy: string };

export function voidFileRecord(tx: DbOrTx, kind: FileRecordKind, id: string, mark: VoidMark): void {
  const table = FILE_TABLES[kind];
  tx.update(table).set(mark).where(eq(table.id, id)).run();
}

/** Voids a candidate and the live roster entry its file made. */
export function voidCandidateRows(tx: DbOrTx, candidateId: string, mark: VoidMark): void {
  tx.update(candidates).set(mark).where(eq(candidates.id, candidateId)).run();
  tx.update(members).set(mark).where(and(eq(members.candidateId, candidateId), isNull(members.voidedAt))).run();
}

export function insertDocument(tx: DbOrTx, row: typeof dossierItems.$inferInsert): void {
  tx.insert(dossierItems).values(row).run();
}
