import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { candidateEvents, candidates, dossierItems, introducers, mentorAssignments, units } from '../../../db/schema/index';
import { deriveStage } from '../domain/rules/stage';
import { AppError } from '../errors';
import { candidateEventSchema, type CandidateEvent, type CandidateProfile } from '../model/dossier';
import type { CandidateDetail, StoredEvent } from '../model/entities';

/** Reads of one candidate's whole file, shared by the candidate, mentor and dossier services. */

type CandidateRow = typeof candidates.$inferSelect;
type EventRow = typeof candidateEvents.$inferSelect;

export const VOID = 'VOID';

export function candidateRow(db: DbOrTx, id: string): CandidateRow {
  const row = db.select().from(candidates).where(eq(candidates.id, id)).get();
  if (!row) {
    throw new AppError('not-found', 'Không tìm thấy người này trong danh sách.');
  }
  return row;
}

/** Candidates of a mirrored unit are the superior's read-only copy; only the unit itself changes them. */
export function writableCandidate(db: DbOrTx, id: string): CandidateRow {
  const row = candidateRow(db, id);
  const unit = db.select({ origin: units.origin }).from(units).where(eq(units.code, row.unitCode)).get();
  if (unit?.origin !== 'self') {
    throw new AppError('forbidden', 'Đây là bản sao dữ liệu của đơn vị cấp dưới, chỉ xem, không sửa được.');
  }
  return row;
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
    documents: db.select().from(dossierItems).where(eq(dossierItems.candidateId, id)).orderBy(asc(dossierItems.date)).all()
      .map((d) => ({ id: d.id, form: d.form as CandidateDetail['documents'][number]['form'], date: d.date, signer: d.signer, issuer: d.issuer, note: d.note })),
    introducers: db.select().from(introducers).where(eq(introducers.candidateId, id)).all()
      .map((i) => ({ id: i.id, memberId: i.memberId, name: i.name, fullMemberSince: i.fullMemberSince, workedTogetherSince: i.workedTogetherSince, replacement: i.replacement, letterDate: i.letterDate })),
    mentors: db.select().from(mentorAssignments).where(eq(mentorAssignments.candidateId, id)).orderBy(asc(mentorAssignments.fromDate)).all()
      .map((m) => ({ id: m.id, memberId: m.memberId, mentorName: m.mentorName, role: m.role, fromDate: m.fromDate, toDate: m.toDate })),
  };
}
