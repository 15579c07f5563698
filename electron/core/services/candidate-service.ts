import type { DbOrTx } from '../../../db/types';
import { searchKey } from '../domain/names';
import type { ListSort } from '../domain/lists';
import { birthDateProblems, EARLIEST_DATE, errorsOf, eventDateProblems, voteCountProblems, type DateProblem } from '../domain/plausibility';
import { AppError, DUPLICATE_PERSON, duplicateMessage } from '../errors';
import { formatViDate } from '../model/dates';
import { candidateProfileSchema, type CandidateEvent, type CandidateProfile, type DossierDocument } from '../model/dossier';
import type { CandidateDetail, CandidateRow } from '../model/entities';
import {
  candidateDetail,
  candidatePage,
  effectiveEvents,
  insertCandidateRow,
  profileColumns,
  insertDocument,
  insertEventAtEnd,
  insertIntroducerRow,
  profileOf,
  refreshStage,
  samePersonCandidates,
  updateCandidateProfile,
  VOID,
  writableCandidate,
} from '../store/candidates';
import { audit, newId, type ServiceContext } from './context';
import { getMember } from './member-service';
import { syncMemberFromCandidate } from './roster-sync';
import { ALL_UNITS } from '../model/entities';
import { getSelfUnit, overseenUnits } from '../store/units';

/** `unitCode` '*' asks for every unit the to-do list covers (a committee's units below and its own). */
export type CandidateQuery = { query?: string; stage?: string; unitCode?: string; sort?: ListSort | undefined; offset: number; limit: number };

/** One page of a unit's candidates in Vietnamese name order; the query ignores diacritics and case. */
export function listCandidates(db: DbOrTx, q: CandidateQuery): { total: number; rows: CandidateRow[] } {
  const units = q.unitCode === ALL_UNITS ? overseenUnits(db).map((u) => u.code) : (q.unitCode ?? getSelfUnit(db).code);
  return candidatePage(db, { text: q.query ? searchKey(q.query) : '', units, stage: q.stage, sort: q.sort, offset: q.offset, limit: q.limit });
}

/** An event's or a document's day (its form's «Ngày», `date`): held already, and not before 1900. */
function checkNotFuture(ctx: ServiceContext, date: string, what: string): void {
  const refuseDate = (message: string) => new AppError('validation', message, undefined, [{ field: 'date', message }]);
  if (date > ctx.clock.today()) {
    throw refuseDate(`${what} không thể sau ngày hôm nay; chỉ ghi những việc đã diễn ra.`);
  }
  if (date < EARLIEST_DATE) {
    throw refuseDate(`${what} (${formatViDate(date)}) không thể trước năm 1900.`);
  }
}

function refuse(problems: readonly DateProblem[]): void {
  const refused = errorsOf(problems);
  if (refused.length > 0) {
    throw new AppError('validation', refused.map((p) => p.message).join(' '), undefined, refused.map(({ field, message }) => ({ field, message })));
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
  const same = samePersonCandidates(tx, unitCode, searchKey(profile.fullName), profile.birthDate).filter((r) => r.id !== exceptId);
  if (same.length > 0) {
    throw new AppError('conflict', duplicateMessage('người', same.map((r) => r.fullName), profile.birthDate), DUPLICATE_PERSON);
  }
}

/** Inserts a candidate row in `unitCode` (the own unit, or a mirrored one when a superior applies a snapshot). */
export function insertCandidate(ctx: ServiceContext, tx: DbOrTx, unitCode: string, profile: CandidateProfile): string {
  const id = newId();
  const now = ctx.clock.now();
  insertCandidateRow(tx, { id, unitCode, ...profileColumns(profile), stage: 'nguon', createdAt: now, updatedAt: now });
  return id;
}

export type DuplicateChoice = { confirmDuplicate?: boolean };

/** Creates a candidate in the own unit, optionally with its first event (usually SOURCE_PROPOSED). */
export function createCandidate(ctx: ServiceContext, input: CandidateProfile, firstEvent?: CandidateEvent, choice: DuplicateChoice = {}): string {
  const profile = candidateProfileSchema.parse(input);
  checkProfileDates(ctx, profile, firstEvent ? [firstEvent] : []);
  refuse(firstEvent ? voteCountProblems(firstEvent) : []);
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
    updateCandidateProfile(tx, id, { ...profileColumns(profile), updatedAt: ctx.clock.now() });
    // The previous version goes into the audit log with the new one: an edit keeps what it replaced.
    audit(tx, ctx, 'update', 'candidate', id, { before, after: profile });
    return candidateDetail(tx, id);
  });
}

type EventRowInput = { type: string; date: string; payload: Record<string, unknown>; voidsId?: string; reason?: string };

function insertEventRow(ctx: ServiceContext, tx: DbOrTx, candidateId: string, row: EventRowInput): string {
  const id = newId();
  insertEventAtEnd(tx, { id, candidateId, ...row, voidsId: row.voidsId ?? null, reason: row.reason ?? null, author: ctx.actor, recordedAt: ctx.clock.now() });
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
    refuse([...eventDateProblems(event, row.birthDate, ctx.clock.today()), ...voteCountProblems(event)]);
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
    insertDocument(tx, { id: docId, candidateId: id, form: document.form, date: document.date, signer: document.signer ?? null, issuer: document.issuer ?? null, note: document.note ?? null, createdAt: ctx.clock.now() });
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
  insertIntroducerRow(tx, { id, candidateId: input.id, memberId: member.id, name: member.fullName, fullMemberSince: member.fullMemberSince, workedTogetherSince: input.workedTogetherSince ?? null, replacement: input.replacement, letterDate: input.letterDate ?? null });
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
