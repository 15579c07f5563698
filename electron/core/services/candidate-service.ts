import { and, eq, isNull, like, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { candidateEvents, candidates, dossierItems, introducers } from '../../../db/schema/index';
import { searchKey, sortKey } from '../domain/names';
import { CANDIDATE_SORT_COLUMNS, type ListSort } from '../domain/lists';
import { STAGES } from '../domain/rules/stage';
import { birthDateProblems, EARLIEST_DATE, errorsOf, eventDateProblems, type DateProblem } from '../domain/plausibility';
import { AppError, DUPLICATE_PERSON, duplicateMessage } from '../errors';
import { formatViDate } from '../model/dates';
import { candidateProfileSchema, type CandidateEvent, type CandidateProfile, type DossierDocument } from '../model/dossier';
import type { CandidateDetail, CandidateRow } from '../model/entities';
import { candidateDetail, effectiveEvents, profileOf, refreshStage, VOID, writableCandidate } from '../store/candidates';
import { audit, newId, type ServiceContext } from './context';
import { getMember } from './member-service';
import { syncMemberFromCandidate } from './roster-sync';
import { ALL_UNITS } from '../model/entities';
import { getSelfUnit, overseenUnits } from '../store/units';

/** `unitCode` '*' asks for every unit the to-do list covers (a committee's units below and its own). */
export type CandidateQuery = { query?: string; stage?: string; unitCode?: string; sort?: ListSort | undefined; offset: number; limit: number };

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

/** The unit filter of a candidate query: one unit, or the overseen units as a JSON list for json_each. */
function unitCondition(db: DbOrTx, unitCode: string | undefined, byName: boolean): SQL {
  if (unitCode === ALL_UNITS) {
    const codes = JSON.stringify(overseenUnits(db).map((u) => u.code));
    const set = sql`(SELECT value FROM json_each(${codes}))`;
    return byName ? sql`+${candidates.unitCode} IN ${set}` : sql`${candidates.unitCode} IN ${set}`;
  }
  const code = unitCode ?? getSelfUnit(db).code;
  return byName ? sql`+${candidates.unitCode} = ${code}` : eq(candidates.unitCode, code);
}

const unitName = sql<string>`coalesce((SELECT u.name FROM units u WHERE u.code = "candidates"."unit_code"), "candidates"."unit_code")`;

const activeMentor = sql<string | null>`(SELECT m.mentor_name FROM mentor_assignments m
  WHERE m.candidate_id = "candidates"."id" AND m.to_date IS NULL AND m.voided_at IS NULL ORDER BY m.from_date DESC LIMIT 1)`;

/** Trigram search needs 3 characters; shorter queries fall back to LIKE, which the name index answers quickly. */
const TRIGRAM = 3;

function nameFilter(text: string): SQL {
  if (text.length >= TRIGRAM) {
    const phrase = `"${text.replace(/"/g, '""')}"`;
    return sql`${candidates}.rowid IN (SELECT rowid FROM candidates_fts WHERE candidates_fts MATCH ${phrase})`;
  }
  return like(candidates.searchKey, `%${text}%`);
}

/** One page of a unit's candidates in Vietnamese name order; the query ignores diacritics and case. */
export function listCandidates(db: DbOrTx, q: CandidateQuery): { total: number; rows: CandidateRow[] } {
  const text = q.query ? searchKey(q.query) : '';
  const byName = text.length >= TRIGRAM;
  // With a name query the trigram index must drive the search; the unary + keeps SQLite from scanning the unit's
  // whole index instead.
  const conditions: SQL[] = [unitCondition(db, q.unitCode, byName), isNull(candidates.voidedAt)];
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

function profileColumns(p: CandidateProfile) {
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

function checkNotFuture(ctx: ServiceContext, date: string, what: string): void {
  if (date > ctx.clock.today()) {
    throw new AppError('validation', `${what} không thể sau ngày hôm nay; chỉ ghi những việc đã diễn ra.`);
  }
  if (date < EARLIEST_DATE) {
    throw new AppError('validation', `${what} (${formatViDate(date)}) không thể trước năm 1900.`);
  }
}

function refuse(problems: readonly DateProblem[]): void {
  const refused = errorsOf(problems);
  if (refused.length > 0) {
    throw new AppError('validation', refused.map((p) => p.message).join(' '));
  }
}

/** The profile's birth date against the events already recorded: none of them may precede it. */
function checkProfileDates(ctx: ServiceContext, profile: CandidateProfile, events: readonly CandidateEvent[]): void {
  const today = ctx.clock.today();
  refuse([...birthDateProblems(profile.birthDate, today), ...events.flatMap((e) => eventDateProblems(e, profile.birthDate, today))]);
}

/**
 * One person, one record: a candidate of the unit with the same name skeleton and birth date is refused unless
 * the user confirmed they are two people.
 */
function checkDuplicate(tx: DbOrTx, unitCode: string, profile: CandidateProfile, confirmed: boolean, exceptId?: string): void {
  if (confirmed) {
    return;
  }
  const same = tx
    .select({ id: candidates.id, fullName: candidates.fullName })
    .from(candidates)
    .where(and(eq(candidates.unitCode, unitCode), eq(candidates.searchKey, searchKey(profile.fullName)), eq(candidates.birthDate, profile.birthDate), isNull(candidates.voidedAt)))
    .all()
    .filter((r) => r.id !== exceptId);
  if (same.length > 0) {
    throw new AppError('conflict', duplicateMessage('người', same.map((r) => r.fullName), profile.birthDate), DUPLICATE_PERSON);
  }
}

/** Inserts a candidate row in `unitCode` (the own unit, or a mirrored one when a superior applies a snapshot). */
export function insertCandidate(ctx: ServiceContext, tx: DbOrTx, unitCode: string, profile: CandidateProfile): string {
  const id = newId();
  const now = ctx.clock.now();
  tx.insert(candidates).values({ id, unitCode, ...profileColumns(profile), stage: 'nguon', createdAt: now, updatedAt: now }).run();
  return id;
}

export type DuplicateChoice = { confirmDuplicate?: boolean };

/** Creates a candidate in the own unit, optionally with its first event (usually SOURCE_PROPOSED). */
export function createCandidate(ctx: ServiceContext, input: CandidateProfile, firstEvent?: CandidateEvent, choice: DuplicateChoice = {}): string {
  const profile = candidateProfileSchema.parse(input);
  checkProfileDates(ctx, profile, firstEvent ? [firstEvent] : []);
  return ctx.db.transaction((tx) => {
    const unitCode = getSelfUnit(tx).code;
    checkDuplicate(tx, unitCode, profile, choice.confirmDuplicate === true);
    const id = insertCandidate(ctx, tx, unitCode, profile);
    audit(tx, ctx, 'create', 'candidate', id, { fullName: profile.fullName });
    if (firstEvent) {
      appendEvent(ctx, tx, id, firstEvent);
    }
    refreshStage(tx, id);
    return id;
  });
}

export function updateProfile(ctx: ServiceContext, id: string, input: CandidateProfile, choice: DuplicateChoice = {}): CandidateDetail {
  const profile = candidateProfileSchema.parse(input);
  return ctx.db.transaction((tx) => {
    const row = writableCandidate(tx, id);
    const before = profileOf(row);
    checkProfileDates(ctx, profile, effectiveEvents(tx, id));
    checkDuplicate(tx, row.unitCode, profile, choice.confirmDuplicate === true, id);
    tx.update(candidates).set({ ...profileColumns(profile), updatedAt: ctx.clock.now() }).where(eq(candidates.id, id)).run();
    // The previous version goes into the audit log with the new one: an edit keeps what it replaced.
    audit(tx, ctx, 'update', 'candidate', id, { before, after: profile });
    return candidateDetail(tx, id);
  });
}

type EventRowInput = { type: string; date: string; payload: Record<string, unknown>; voidsId?: string; reason?: string };

function insertEventRow(ctx: ServiceContext, tx: DbOrTx, candidateId: string, row: EventRowInput): string {
  const last = tx.select({ m: sql<number>`coalesce(max(seq), 0)` }).from(candidateEvents).where(eq(candidateEvents.candidateId, candidateId)).get();
  const id = newId();
  tx.insert(candidateEvents)
    .values({ id, candidateId, seq: (last?.m ?? 0) + 1, ...row, voidsId: row.voidsId ?? null, reason: row.reason ?? null, author: ctx.actor, recordedAt: ctx.clock.now() })
    .run();
  return id;
}

/** Appends an event row (no stage refresh: the caller does it once per transaction). */
export function appendEvent(ctx: ServiceContext, tx: DbOrTx, candidateId: string, event: CandidateEvent): string {
  const { type, date, ...payload } = event;
  return insertEventRow(ctx, tx, candidateId, { type, date, payload });
}

/** Records a dated event; the stage and, from the ceremony on, the member roster follow from the events. */
export function addEvent(ctx: ServiceContext, id: string, event: CandidateEvent): CandidateDetail {
  checkNotFuture(ctx, event.date, 'Ngày của sự kiện');
  return ctx.db.transaction((tx) => {
    const row = writableCandidate(tx, id);
    refuse(eventDateProblems(event, row.birthDate, ctx.clock.today()));
    const eventId = appendEvent(ctx, tx, id, event);
    refreshStage(tx, id);
    syncMemberFromCandidate(ctx, tx, id);
    audit(tx, ctx, 'add-event', 'candidate', id, { eventId, type: event.type, date: event.date });
    return candidateDetail(tx, id);
  });
}

/** Voids a wrong event with a reason; the event stays in the history, marked void. */
export function voidEvent(ctx: ServiceContext, id: string, eventId: string, reason: string): CandidateDetail {
  return ctx.db.transaction((tx) => {
    writableCandidate(tx, id);
    const detail = candidateDetail(tx, id);
    const target = detail.events.find((e) => e.id === eventId);
    if (!target) {
      throw new AppError('not-found', 'Không tìm thấy sự kiện cần hủy.');
    }
    if (target.voided) {
      throw new AppError('conflict', 'Sự kiện này đã bị hủy trước đó.');
    }
    insertEventRow(ctx, tx, id, { type: VOID, date: ctx.clock.today(), payload: {}, voidsId: eventId, reason });
    refreshStage(tx, id);
    syncMemberFromCandidate(ctx, tx, id);
    audit(tx, ctx, 'void-event', 'candidate', id, { eventId, reason });
    return candidateDetail(tx, id);
  });
}

export function addDocument(ctx: ServiceContext, id: string, document: DossierDocument): CandidateDetail {
  checkNotFuture(ctx, document.date, 'Ngày của văn bản');
  return ctx.db.transaction((tx) => {
    writableCandidate(tx, id);
    const docId = newId();
    tx.insert(dossierItems).values({ id: docId, candidateId: id, form: document.form, date: document.date, signer: document.signer ?? null, issuer: document.issuer ?? null, note: document.note ?? null, createdAt: ctx.clock.now() }).run();
    audit(tx, ctx, 'add-document', 'candidate', id, { docId, form: document.form, date: document.date });
    return candidateDetail(tx, id);
  });
}

export type IntroducerInput = { id: string; memberId: string; workedTogetherSince?: string | null; letterDate?: string | null; replacement: boolean };

/** Inserts an introducer from the roster in the caller's transaction; only a full member can introduce. */
export function insertIntroducer(tx: DbOrTx, input: IntroducerInput): string {
  const member = getMember(tx, input.memberId);
  if (!member.canMentor) {
    throw new AppError('validation', `${member.fullName} không phải đảng viên chính thức nên không thể giới thiệu.`);
  }
  const id = newId();
  tx.insert(introducers).values({ id, candidateId: input.id, memberId: member.id, name: member.fullName, fullMemberSince: member.fullMemberSince, workedTogetherSince: input.workedTogetherSince ?? null, replacement: input.replacement, letterDate: input.letterDate ?? null }).run();
  return id;
}

/** Adds an introducer from the roster; only a full member can introduce. */
export function addIntroducer(ctx: ServiceContext, input: IntroducerInput): CandidateDetail {
  return ctx.db.transaction((tx) => {
    writableCandidate(tx, input.id);
    insertIntroducer(tx, input);
    audit(tx, ctx, 'add-introducer', 'candidate', input.id, { memberId: input.memberId });
    return candidateDetail(tx, input.id);
  });
}
