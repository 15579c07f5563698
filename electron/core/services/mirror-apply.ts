import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { bulkWriter } from '../../../db/repos/bulk-writer';
import type { Db, DbOrTx } from '../../../db/types';
import { candidateEvents, candidates, dossierItems, frozenReports, introducers, members, mentorAssignments, mirrorRecords, targets, units } from '../../../db/schema/index';
import { searchKey, sortKey } from '../domain/names';
import { deriveStage } from '../domain/rules/stage';
import { formatZodIssues } from '../errors';
import {
  candidateRecordSchema,
  frozenReportRecordSchema,
  memberRecordSchema,
  unitTargetRecordSchema,
  type CandidateRecord,
  type FrozenReportRecord,
  type MemberRecord,
  type UnitProfile,
  type UnitReportData,
  type UnitTargetRecord,
} from '../model/bundle-data';
import { candidateEventSchema, candidateProfileSchema, documentFormSchema, type CandidateEvent } from '../model/dossier';
import { readReport, ReportNeedsUpdate, UNIT_LEVEL_TEXT, type UnitLevel } from '../model/report';
import { targetSchema } from '../model/targets';
import type { ImportSummary } from '../model/sync';
import { VOID } from '../store/candidates';
import type { QuarantinedRecord } from '../store/quarantine';

/**
 * Applying a unit's `unit-report` snapshot to the superior's read-only mirror of that unit (docs/bundle-format.md "Import").
 * Records are checked one by one first (pure, outside any transaction); those that fail are quarantined with the
 * reason, the rest replace the unit's mirrored records whole, in the caller's single transaction.
 */

type RecordKind = (typeof mirrorRecords.$inferSelect)['recordKind'];

/**
 * The id a unit's record gets in the mirror: a UUID-shaped hash of the unit, the kind and the unit's own id. Stable
 * (the same record keeps its id across snapshots, and decisions refer to it) and unable to collide with another
 * unit's records or the superior's own, whatever ids a unit sends.
 */
export function mirrorId(unitCode: string, kind: string, sourceId: string): string {
  const h = createHash('sha256').update(`ptdv-mirror\0${unitCode}\0${kind}\0${sourceId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const recordHash = (record: unknown) => createHash('sha256').update(JSON.stringify(record)).digest('hex');

type Checked<T> = { record: T; hash: string };
export type CheckedCandidate = Checked<CandidateRecord> & { stage: string };

export type PreparedSnapshot = {
  unit: UnitProfile;
  members: Checked<MemberRecord>[];
  candidates: CheckedCandidate[];
  targets: Checked<UnitTargetRecord>[];
  frozenReports: Checked<FrozenReportRecord>[];
  quarantined: QuarantinedRecord[];
};

type Verdict<T> = { ok: true; value: T } | { ok: false; reason: string };
const reject = (reason: string): { ok: false; reason: string } => ({ ok: false, reason: reason.slice(0, 1000) });

function parseWith<S extends z.ZodType>(schema: S, raw: unknown): Verdict<z.output<S>> {
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : reject(formatZodIssues(parsed.error));
}

/** Ids already used in this snapshot, per kind of row: a second use would collide in the mirror. */
export type Seen = Record<'candidate' | 'member' | 'event' | 'document' | 'introducer' | 'mentor' | 'target' | 'frozen-report', Set<string>>;

export function freshSeen(): Seen {
  return { candidate: new Set(), member: new Set(), event: new Set(), document: new Set(), introducer: new Set(), mentor: new Set(), target: new Set(), 'frozen-report': new Set() };
}

function checkEvents(c: CandidateRecord): string | null {
  const ids = new Set(c.events.map((e) => e.id));
  for (const e of c.events) {
    if (e.type === VOID) {
      const target = c.events.find((t) => t.id === e.voidsId);
      if (!target || target.type === VOID) {
        return `dòng hủy ${e.id} không chỉ đến sự kiện nào của người này`;
      }
      continue;
    }
    const parsed = candidateEventSchema.safeParse({ ...e.payload, type: e.type, date: e.date });
    if (!parsed.success) {
      return `sự kiện ${e.type} ngày ${e.date}: ${formatZodIssues(parsed.error)}`;
    }
  }
  return ids.size === c.events.length ? null : 'mã sự kiện bị lặp';
}

/** The profile of docs/dossier-format.md inside a candidate record (the record's other fields are left aside). */
const profileFields = z.object(candidateProfileSchema.shape);

/** Every semantic check of one candidate record; on success the stage its events lead to. */
function checkCandidateRecord(raw: unknown, seen: Seen): Verdict<CheckedCandidate> {
  const parsed = parseWith(candidateRecordSchema, raw);
  if (!parsed.ok) {
    return parsed;
  }
  const c = parsed.value;
  const { id, events, documents, introducers: intros, mentors } = c;
  const who = `${c.fullName} (${id})`;
  const profileCheck = profileFields.safeParse(c);
  if (!profileCheck.success) {
    return reject(`${who}: ${formatZodIssues(profileCheck.error)}`);
  }
  const eventProblem = checkEvents(c);
  if (eventProblem) {
    return reject(`${who}: ${eventProblem}`);
  }
  const badForm = documents.find((d) => !documentFormSchema.safeParse(d.form).success);
  if (badForm) {
    return reject(`${who}: mẫu văn bản "${badForm.form}" không có trong danh mục`);
  }
  const claims: [keyof Seen, string[]][] = [
    ['candidate', [id]],
    ['event', events.map((e) => e.id)],
    ['document', documents.map((d) => d.id)],
    ['introducer', intros.map((i) => i.id)],
    ['mentor', mentors.map((m) => m.id)],
  ];
  const clash = claims.find(([kind, ids]) => new Set(ids).size !== ids.length || ids.some((x) => seen[kind].has(x)));
  if (clash) {
    return reject(`${who}: mã bản ghi bị trùng (${clash[0]})`);
  }
  claims.forEach(([kind, ids]) => ids.forEach((x) => seen[kind].add(x)));
  const voided = new Set(events.filter((e) => e.type === VOID).map((e) => e.voidsId));
  const effective = events
    .filter((e) => e.type !== VOID && !voided.has(e.id))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq - b.seq))
    .map((e) => ({ type: e.type, date: e.date }) as CandidateEvent);
  return { ok: true, value: { record: c, hash: recordHash(raw), stage: deriveStage(effective) } };
}

function checkSimple<T extends { id: string }>(schema: z.ZodType<T>, kind: keyof Seen, raw: unknown, seen: Seen, extra?: (r: T) => string | null): Verdict<Checked<T>> {
  const parsed = parseWith(schema, raw);
  if (!parsed.ok) {
    return parsed;
  }
  if (seen[kind].has(parsed.value.id)) {
    return reject(`mã bản ghi ${parsed.value.id} bị trùng`);
  }
  const problem = extra?.(parsed.value) ?? null;
  if (problem) {
    return reject(problem);
  }
  seen[kind].add(parsed.value.id);
  return { ok: true, value: { record: parsed.value, hash: recordHash(raw) } };
}

const targetProblem = (unitCode: string) => (t: UnitTargetRecord) => {
  const parsed = targetSchema.safeParse({ unitCode, year: t.year, period: t.period, kind: t.kind, value: t.value, source: 'unit' });
  return parsed.success ? null : formatZodIssues(parsed.error);
};

/**
 * A frozen report's content must be a report this version can read, after migrating an older one forward. One made
 * by a newer ptdv is kept as sent: its page says it needs an update instead of the record being set aside.
 */
const reportProblem = (r: FrozenReportRecord) => {
  try {
    const parsed = readReport(r.content);
    return parsed.success ? null : `nội dung báo cáo ${r.number}: ${formatZodIssues(parsed.error).slice(0, 300)}`;
  } catch (err) {
    if (err instanceof ReportNeedsUpdate) {
      return null;
    }
    throw err;
  }
};

/** A record kind's checker, also used when a quarantined record is re-tried. */
export function checkerFor(unitCode: string, kind: RecordKind, seen: Seen): (raw: unknown) => Verdict<Checked<unknown>> {
  switch (kind) {
    case 'candidate':
      return (raw) => checkCandidateRecord(raw, seen);
    case 'member':
      return (raw) => checkSimple(memberRecordSchema, 'member', raw, seen);
    case 'target':
      return (raw) => checkSimple(unitTargetRecordSchema, 'target', raw, seen, targetProblem(unitCode));
    case 'frozen-report':
      return (raw) => checkSimple(frozenReportRecordSchema, 'frozen-report', raw, seen, reportProblem);
  }
}

const keyOf = (raw: unknown, index: number) => {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, 100) : `#${index + 1}`;
};

/**
 * Checks each record of a snapshot whose envelope passed import step 6: a bad record is set aside with its
 * reason, never failing the whole bundle. With `release`, each record as read is let go once checked (its slot in
 * `data` emptied, the lists keeping their length), so a large snapshot is not held twice, as read and as checked:
 * for a caller that prepares `data` once and needs only its counts afterwards.
 */
export function prepareSnapshot(data: UnitReportData, options: { release?: boolean } = {}): PreparedSnapshot {
  const unitCode = data.unit.code;
  const seen = freshSeen();
  const quarantined: QuarantinedRecord[] = [];
  const take = <T>(kind: RecordKind, list: unknown[]): T[] => {
    const check = checkerFor(unitCode, kind, seen);
    const kept: T[] = [];
    list.forEach((raw, i) => {
      const verdict = check(raw);
      if (verdict.ok) {
        kept.push(verdict.value as T);
      } else {
        quarantined.push({ recordKind: kind, recordKey: keyOf(raw, i), reason: verdict.reason, payload: raw });
      }
      if (options.release) {
        list[i] = null;
      }
    });
    return kept;
  };
  return {
    unit: data.unit,
    members: take('member', data.members),
    candidates: take('candidate', data.candidates),
    targets: take('target', data.targets),
    frozenReports: take('frozen-report', data.frozenReports),
    quarantined,
  };
}

const bit = (b: boolean | null) => (b === null ? null : b ? 1 : 0);

type VoidableTable = 'candidates' | 'members' | 'dossier_items' | 'introducers' | 'mentor_assignments';

/** Marks a just-inserted mirrored row void as the unit did, so the mirror counts it nowhere and keeps its history. */
function markVoided(db: Db, table: VoidableTable, id: string, voided: { at: string; reason: string; by: string } | undefined): void {
  if (voided) {
    db.$client.prepare(`UPDATE ${table} SET voided_at = ?, void_reason = ?, voided_by = ? WHERE id = ?`).run(voided.at, voided.reason, voided.by, id);
  }
}

/** Inserts one checked candidate (with its history) into the mirror; members it names must already be there. */
function insertCandidate(db: Db, unitCode: string, c: CheckedCandidate, memberIds: ReadonlySet<string>): void {
  const w = bulkWriter(db);
  const r = c.record;
  const id = mirrorId(unitCode, 'candidate', r.id);
  const member = (sourceId: string | null) => (sourceId !== null && memberIds.has(sourceId) ? mirrorId(unitCode, 'member', sourceId) : null);
  w.candidate.run({
    id, unitCode, fullName: r.fullName, searchKey: searchKey(r.fullName), sortKey: sortKey(r.fullName), gender: r.gender, birthDate: r.birthDate,
    education: r.education, educationException: r.educationException, youthUnionMember: bit(r.youthUnionMember), tradeUnionMember: bit(r.tradeUnionMember),
    introductionPath: r.introductionPath, ethnicity: r.ethnicity, religion: r.religion, occupation: r.occupation, nonStateEnterprise: bit(r.nonStateEnterprise),
    stage: c.stage, createdAt: r.createdAt, updatedAt: r.updatedAt,
  });
  for (const e of r.events) {
    const voidsId = e.voidsId === null ? null : mirrorId(unitCode, 'event', e.voidsId);
    w.event.run({ id: mirrorId(unitCode, 'event', e.id), candidateId: id, seq: e.seq, type: e.type, date: e.date, payload: JSON.stringify(e.payload), voidsId, reason: e.reason, author: e.author, recordedAt: e.recordedAt });
  }
  for (const d of r.documents) {
    w.document.run({ id: mirrorId(unitCode, 'document', d.id), candidateId: id, form: String(documentFormSchema.parse(d.form)), date: d.date, signer: d.signer, issuer: d.issuer, note: d.note, createdAt: d.createdAt });
    markVoided(db, 'dossier_items', mirrorId(unitCode, 'document', d.id), d.voided);
  }
  for (const i of r.introducers) {
    w.introducer.run({ id: mirrorId(unitCode, 'introducer', i.id), candidateId: id, memberId: member(i.memberId), name: i.name, fullMemberSince: i.fullMemberSince, workedTogetherSince: i.workedTogetherSince, replacement: i.replacement ? 1 : 0, letterDate: i.letterDate });
    markVoided(db, 'introducers', mirrorId(unitCode, 'introducer', i.id), i.voided);
  }
  for (const m of r.mentors) {
    w.mentor.run({ id: mirrorId(unitCode, 'mentor', m.id), candidateId: id, memberId: member(m.memberId), mentorName: m.mentorName, role: m.role, fromDate: m.fromDate, toDate: m.toDate, createdAt: m.createdAt });
    markVoided(db, 'mentor_assignments', mirrorId(unitCode, 'mentor', m.id), m.voided);
  }
  if (r.findings) {
    w.reportedFindings.run({ candidateId: id, asOf: r.findings.asOf, rulebookVersion: r.findings.rulebookVersion, findings: JSON.stringify(r.findings.findings) });
  }
  markVoided(db, 'candidates', id, r.voided);
}

function insertMember(db: Db, unitCode: string, m: MemberRecord, candidateIds: ReadonlySet<string>): void {
  bulkWriter(db).member.run({
    id: mirrorId(unitCode, 'member', m.id), unitCode, fullName: m.fullName, searchKey: searchKey(m.fullName), sortKey: sortKey(m.fullName), gender: m.gender, birthDate: m.birthDate,
    status: m.status, joinedOn: m.joinedOn, fullMemberSince: m.fullMemberSince, exempt: m.exempt ? 1 : 0, leftOn: m.leftOn, leftReason: m.leftReason,
    candidateId: m.candidateId !== null && candidateIds.has(m.candidateId) ? mirrorId(unitCode, 'candidate', m.candidateId) : null, note: null, createdAt: m.createdAt, updatedAt: m.updatedAt,
  });
  markVoided(db, 'members', mirrorId(unitCode, 'member', m.id), m.voided);
}

function insertTarget(tx: DbOrTx, unitCode: string, t: UnitTargetRecord): void {
  tx.insert(targets).values({ id: mirrorId(unitCode, 'target', t.id), unitCode, year: t.year, period: t.period, kind: t.kind, value: t.value, source: 'unit', createdAt: t.createdAt }).run();
}

/** Adds a frozen report unless already mirrored: reports sent upward are append-only, here as at the unit. */
function insertFrozenReport(tx: DbOrTx, unitCode: string, r: FrozenReportRecord): boolean {
  const id = mirrorId(unitCode, 'frozen-report', r.id);
  if (tx.select({ id: frozenReports.id }).from(frozenReports).where(eq(frozenReports.id, id)).get()) {
    return false;
  }
  tx.insert(frozenReports).values({ id, unitCode, period: r.period, version: r.version, number: r.number, issuedOn: r.issuedOn, frozenAt: r.frozenAt, reason: r.reason, content: r.content }).run();
  return true;
}

/** Deletes what the mirror holds of `unitCode` (not its frozen reports, nor the targets this superior assigned). */
function clearMirror(tx: DbOrTx, unitCode: string): void {
  const ids = tx.select({ id: candidates.id }).from(candidates).where(eq(candidates.unitCode, unitCode));
  for (const table of [candidateEvents, dossierItems, introducers, mentorAssignments]) {
    tx.delete(table).where(inArray(table.candidateId, ids)).run();
  }
  tx.delete(candidates).where(eq(candidates.unitCode, unitCode)).run();
  tx.delete(members).where(eq(members.unitCode, unitCode)).run();
  tx.delete(targets).where(and(eq(targets.unitCode, unitCode), eq(targets.source, 'unit'))).run();
  tx.delete(mirrorRecords).where(and(eq(mirrorRecords.unitCode, unitCode), inArray(mirrorRecords.recordKind, ['candidate', 'member', 'target']))).run();
}

/** Source ids already in the mirror that records may refer to. */
export type MirrorRefs = { candidates: ReadonlySet<string>; members: ReadonlySet<string> };

/**
 * Inserts one checked record into the mirror of `unitCode` and records it in the ledger. Returns false for a
 * frozen report that was already mirrored (those are append-only).
 */
export function insertRecord(db: Db, unitCode: string, kind: RecordKind, checked: Checked<unknown>, refs: MirrorRefs): boolean {
  switch (kind) {
    case 'candidate':
      insertCandidate(db, unitCode, checked as CheckedCandidate, refs.members);
      break;
    case 'member':
      insertMember(db, unitCode, checked.record as MemberRecord, refs.candidates);
      break;
    case 'target':
      insertTarget(db, unitCode, checked.record as UnitTargetRecord);
      break;
    case 'frozen-report':
      if (!insertFrozenReport(db, unitCode, checked.record as FrozenReportRecord)) {
        return false;
      }
      break;
  }
  const id = (checked.record as { id: string }).id;
  bulkWriter(db).mirrorRecord.run({ unitCode, recordKind: kind, sourceId: id, localId: mirrorId(unitCode, kind, id), sha256: checked.hash });
  return true;
}

/**
 * Replaces the mirror of `unitCode` with a checked snapshot, in the caller's transaction, and says what changed
 * compared with the previous snapshot: records added, changed (other content) and removed, over members,
 * candidates and targets; frozen reports are only ever added.
 */
export function applySnapshot(db: Db, unitCode: string, s: PreparedSnapshot): ImportSummary {
  const before = new Map(db.select().from(mirrorRecords).where(eq(mirrorRecords.unitCode, unitCode)).all().map((r) => [`${r.recordKind}|${r.sourceId}`, r.sha256]));
  const warnings = holdIdentityChange(db, unitCode, s.unit);
  db.update(units).set({ hasYouthUnion: s.unit.hasYouthUnion, ducsMembers: s.unit.ducsMembers }).where(eq(units.code, unitCode)).run();
  clearMirror(db, unitCode);
  const refs = { candidates: new Set(s.candidates.map((c) => c.record.id)), members: new Set(s.members.map((m) => m.record.id)) };
  let added = 0;
  let changed = 0;
  const kept = new Set<string>();
  const put = (kind: RecordKind, list: readonly Checked<unknown>[]) => {
    for (const checked of list) {
      const key = `${kind}|${(checked.record as { id: string }).id}`;
      if (insertRecord(db, unitCode, kind, checked, refs)) {
        kept.add(key);
        const previous = before.get(key);
        added += previous === undefined ? 1 : 0;
        changed += previous !== undefined && previous !== checked.hash ? 1 : 0;
      }
    }
  };
  put('member', s.members);
  put('candidate', s.candidates);
  put('target', s.targets);
  put('frozen-report', s.frozenReports);
  const removed = [...before.keys()].filter((k) => !k.startsWith('frozen-report|') && !kept.has(k)).length;
  return { added, changed, removed, quarantined: s.quarantined.length, warnings };
}

/**
 * A unit's name and level, as a file from it states them, are held for the superior to confirm, never applied
 * silently: a rename is how a unit would pass itself off as another. What the file states is kept as the pending
 * change (cleared once the file states the name and level already recorded); returns the warning to show.
 */
export function holdIdentityChange(db: DbOrTx, unitCode: string, stated: { name: string; level: UnitLevel }): string[] {
  const row = db.select({ name: units.name, level: units.level, pendingName: units.pendingName, pendingLevel: units.pendingLevel }).from(units).where(eq(units.code, unitCode)).get();
  if (!row) {
    return [];
  }
  const pendingName = stated.name === row.name ? null : stated.name;
  const pendingLevel = stated.level === row.level ? null : stated.level;
  db.update(units).set({ pendingName, pendingLevel }).where(eq(units.code, unitCode)).run();
  const asked = [
    pendingName !== null ? `tên "${row.name}" thành "${pendingName}"` : null,
    pendingLevel !== null ? `cấp ${UNIT_LEVEL_TEXT[row.level]} thành ${UNIT_LEVEL_TEXT[pendingLevel]}` : null,
  ].filter((part) => part !== null);
  return asked.length > 0 ? [`Đơn vị ${unitCode} báo đổi ${asked.join(' và ')}: chưa áp dụng, cần xác nhận trên trang đơn vị (hoặc ptdv units confirm-change).`] : [];
}
