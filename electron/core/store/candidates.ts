import { and, asc, eq, inArray, isNotNull, isNull, like, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { candidateEvents, candidates, dossierItems, introducers, members, mentorAssignments, units } from '../../../db/schema/index';
import { CANDIDATE_SORT_COLUMNS, type ListSort } from '../domain/lists';
import { searchKey, sortKey } from '../domain/names';
import { deriveStage, STAGES } from '../domain/rules/stage';
import { AppError } from '../errors';
import { candidateEventSchema, type CandidateEvent, type CandidateProfile } from '../model/dossier';
import { formatViDate } from '../model/dates';
import type { CandidateDetail, CandidateRow as CandidateListRow, StoredEvent, VoidedRecord, VoidInfo } from '../model/entities';
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
    samePerson: otherRecordsOf(db, row),
  };
}

/**
 * The other live records with this one's identity key (docs/reports.md "Người được hai đơn vị theo dõi"). The
 * identity index leads with the unit, so the units are listed for SQLite to look each one up, not to read every row.
 */
function otherRecordsOf(db: DbOrTx, row: { id: string; searchKey: string; birthDate: string }): CandidateDetail['samePerson'] {
  return db
    .select({ id: candidates.id, unitCode: candidates.unitCode, unitName: units.name, fullName: candidates.fullName, stage: candidates.stage })
    .from(candidates)
    .innerJoin(units, eq(units.code, candidates.unitCode))
    .where(and(inArray(candidates.unitCode, db.select({ code: units.code }).from(units)), eq(candidates.searchKey, row.searchKey), eq(candidates.birthDate, row.birthDate), ne(candidates.id, row.id), isNull(candidates.voidedAt)))
    .orderBy(asc(candidates.unitCode))
    .all();
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

export function candidateFullName(db: DbOrTx, id: string): string | undefined {
  return db.select({ fullName: candidates.fullName }).from(candidates).where(eq(candidates.id, id)).get()?.fullName;
}

/** Why and when a candidate's file was voided (both null while in force); undefined when there is no such candidate. */
export function candidateVoid(db: DbOrTx, id: string): { reason: string | null; at: string | null } | undefined {
  return db.select({ reason: candidates.voidReason, at: candidates.voidedAt }).from(candidates).where(eq(candidates.id, id)).get();
}

/** A candidate of `unitCode` a superior's decision names, with what refusing it must say. */
export function ownCandidateForDecision(db: DbOrTx, id: string, unitCode: string): { id: string; fullName: string; voidReason: string | null; voidedAt: string | null } | undefined {
  return db
    .select({ id: candidates.id, fullName: candidates.fullName, voidReason: candidates.voidReason, voidedAt: candidates.voidedAt })
    .from(candidates)
    .where(and(eq(candidates.id, id), eq(candidates.unitCode, unitCode)))
    .get();
}

/** Candidates in force of a unit with this name key and birth date: the same person, unless the user says otherwise. */
export function samePersonCandidates(db: DbOrTx, unitCode: string, nameKey: string, birthDate: string): { id: string; fullName: string }[] {
  return db
    .select({ id: candidates.id, fullName: candidates.fullName })
    .from(candidates)
    .where(and(eq(candidates.unitCode, unitCode), eq(candidates.searchKey, nameKey), eq(candidates.birthDate, birthDate), isNull(candidates.voidedAt)))
    .all();
}

/** The profile columns of a candidate row, with the name's search and sort keys. */
export function profileColumns(p: CandidateProfile) {
  return {
    fullName: p.fullName,
    searchKey: searchKey(p.fullName),
    sortKey: sortKey(p.fullName),
    gender: p.gender ?? null,
    birthDate: p.birthDate,
    education: p.education ?? null,
    educationException: p.educationException ?? null,
    youthUnionMember: p.youthUnionMember ?? null,
    tradeUnionMember: p.tradeUnionMember ?? null,
    introductionPath: p.introductionPath ?? null,
    ethnicity: p.ethnicity ?? null,
    religion: p.religion ?? null,
    occupation: p.occupation ?? null,
    nonStateEnterprise: p.nonStateEnterprise ?? null,
    hometown: p.hometown || null,
    residence: p.residence || null,
    occupationDetail: p.occupationDetail || null,
  };
}

export function insertCandidateRow(tx: DbOrTx, row: typeof candidates.$inferInsert): void {
  tx.insert(candidates).values(row).run();
}

export function updateCandidateProfile(tx: DbOrTx, id: string, columns: ReturnType<typeof profileColumns> & { updatedAt: string }): void {
  tx.update(candidates).set(columns).where(eq(candidates.id, id)).run();
}

/** Appends an event row after the candidate's last one. */
export function insertEventAtEnd(tx: DbOrTx, row: Omit<typeof candidateEvents.$inferInsert, 'seq'>): void {
  const last = tx.select({ m: sql<number>`coalesce(max(seq), 0)` }).from(candidateEvents).where(eq(candidateEvents.candidateId, row.candidateId)).get();
  tx.insert(candidateEvents)
    .values({ ...row, seq: (last?.m ?? 0) + 1 })
    .run();
}

export function insertIntroducerRow(tx: DbOrTx, row: typeof introducers.$inferInsert): void {
  tx.insert(introducers).values(row).run();
}

const STAGE_ORDER = sql.raw(`CASE "candidates"."stage" ${STAGES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} ELSE ${STAGES.length} END`);

/** The ORDER BY of the sort the user clicked; ties and the default stay in Vietnamese name order. */
function candidateOrder(sort: ListSort | undefined): SQL[] {
  const column = sort && (CANDIDATE_SORT_COLUMNS as readonly string[]).includes(sort.column) ? sort.column : 'name';
  const dir = sql.raw(sort?.dir === 'desc' ? 'DESC' : 'ASC');
  const byName = sql`${candidates.sortKey} ${column === 'name' ? dir : sql.raw('ASC')}`;
  switch (column) {
    case 'gender':
      return [sql`${candidates.gender} ${dir} NULLS LAST`, byName];
    case 'birthDate':
      return [sql`${candidates.birthDate} ${dir}`, byName];
    case 'stage':
      return [sql`${STAGE_ORDER} ${dir}`, byName];
    default:
      return [byName];
  }
}

/** The unit filter of a candidate query: one unit, or several as a JSON list for json_each. */
function unitCondition(units: string | readonly string[], byName: boolean): SQL {
  if (typeof units !== 'string') {
    const codes = JSON.stringify(units);
    const set = sql`(SELECT value FROM json_each(${codes}))`;
    return byName ? sql`+${candidates.unitCode} IN ${set}` : sql`${candidates.unitCode} IN ${set}`;
  }
  return byName ? sql`+${candidates.unitCode} = ${units}` : eq(candidates.unitCode, units);
}

const unitName = sql<string>`coalesce((SELECT u.name FROM units u WHERE u.code = "candidates"."unit_code"), "candidates"."unit_code")`;

/**
 * The mentor the candidate's stage calls for (the probation mentor once a probationary member, the pre-admission one
 * before): a pre-admission mentor left open after the ceremony was shown beside a «no probation mentor» error.
 */
const activeMentor = sql<string | null>`(SELECT m.mentor_name FROM mentor_assignments m
  WHERE m.candidate_id = "candidates"."id" AND m.to_date IS NULL AND m.voided_at IS NULL
    AND m.role = CASE "candidates"."stage" WHEN 'du-bi' THEN 'probation' ELSE 'pre-admission' END
  ORDER BY m.from_date DESC LIMIT 1)`;

/** Trigram search needs 3 characters; shorter queries fall back to LIKE, which the name index answers quickly. */
const TRIGRAM = 3;

function nameFilter(text: string): SQL {
  if (text.length >= TRIGRAM) {
    const phrase = `"${text.replace(/"/g, '""')}"`;
    return sql`${candidates}.rowid IN (SELECT rowid FROM candidates_fts WHERE candidates_fts MATCH ${phrase})`;
  }
  return like(candidates.searchKey, `%${text}%`);
}

/**
 * One page of candidates in force, in the clicked order (Vietnamese name order by default). `text` is already the
 * search key; `units` one unit code or a list of them.
 */
export function candidatePage(
  db: DbOrTx,
  q: { text: string; units: string | readonly string[]; stage?: string | undefined; sort?: ListSort | undefined; offset: number; limit: number },
): { total: number; rows: CandidateListRow[] } {
  const text = q.text;
  const byName = text.length >= TRIGRAM;
  // With a name query the trigram index must drive the search; the unary + keeps SQLite from scanning the unit's
  // whole index instead.
  const conditions: SQL[] = [unitCondition(q.units, byName), isNull(candidates.voidedAt)];
  if (text) {
    conditions.push(nameFilter(text));
  }
  if (q.stage) {
    conditions.push(byName ? sql`+${candidates.stage} = ${q.stage}` : eq(candidates.stage, q.stage));
  }
  const where = and(...conditions);
  const total = db.select({ n: sql<number>`count(*)` }).from(candidates).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: candidates.id,
      unitCode: candidates.unitCode,
      unitName,
      fullName: candidates.fullName,
      gender: candidates.gender,
      birthDate: candidates.birthDate,
      stage: candidates.stage,
      mentorName: activeMentor,
    })
    .from(candidates)
    .where(where)
    .orderBy(...candidateOrder(q.sort))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  return { total, rows };
}
