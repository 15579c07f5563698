import { hash } from 'node:crypto';
import type Sqlite from 'better-sqlite3';
import { and, eq } from 'drizzle-orm';
import { bulkWriter, insertStatement, writtenColumns } from './bulk-writer';
import type { Db, DbOrTx } from '../../../db/types';
import { candidates, frozenReports, members, mirrorRecords, targets, units } from '../../../db/schema/index';
import { searchKey, sortKey } from '../domain/names';
import type { CandidateRecord, FrozenReportRecord, MemberRecord, UnitTargetRecord } from '../model/bundle-data';
import { documentFormSchema } from '../model/dossier';
import type { UnitLevel } from '../model/report';

/**
 * A superior's read-only mirror of its units as stored: the rows a unit's records become, and the ledger
 * (`mirror_records`) of which record each row came from and the hash of its content. Rows are written only for the
 * records that changed (services/mirror-apply.ts decides which); everything here runs in the caller's transaction.
 */

export type MirrorKind = (typeof mirrorRecords.$inferSelect)['recordKind'];

/** The first eight hex digits of every id a unit's records are first mirrored under, by unit code. */
const unitPrefixes = new Map<string, string>();
const unitPrefix = (unitCode: string) => {
  let prefix = unitPrefixes.get(unitCode);
  if (prefix === undefined) {
    prefix = hash('sha256', `ptdv-mirror-unit\0${unitCode}`).slice(0, 8);
    unitPrefixes.set(unitCode, prefix);
  }
  return prefix;
};

const recordHash = (unitCode: string, kind: string, sourceId: string) => hash('sha256', `ptdv-mirror\0${unitCode}\0${kind}\0${sourceId}`);
const uuidShaped = (first8: string, h: string) => `${first8}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;

/**
 * The id a unit's record gets when first mirrored: UUID-shaped, its first eight hex digits a hash of the unit alone,
 * the rest a hash of the unit, the kind and the unit's own id. Unable to collide with another unit's records or the
 * superior's own, whatever ids a unit sends; and a unit's rows sit side by side in every index keyed by these ids
 * (the candidates' and members' own, the `candidate_id` of their history and findings, the ledger's `local_id`), so
 * writing one unit's snapshot dirties a few pages of each instead of one random page per row, however many units the
 * superior holds. A record keeps the id it was first mirrored under (the ledger's `local_id`, see {@link unitMirrorIds}):
 * decisions and comments refer to it, and records mirrored before these ids began with their unit keep theirs.
 */
export function mirrorId(unitCode: string, kind: string, sourceId: string): string {
  return uuidShaped(unitPrefix(unitCode), recordHash(unitCode, kind, sourceId));
}

/** The id a record was mirrored under before ids began with their unit (migration 0032): the whole id a hash of the record. */
export function formerMirrorId(unitCode: string, kind: string, sourceId: string): string {
  const h = recordHash(unitCode, kind, sourceId);
  return uuidShaped(h.slice(0, 8), h);
}

/** What the ledger holds of one record: the hash of its content as last applied, and the id its rows have here. */
export type LedgerEntry = { sha256: string; localId: string };

/** The id of a unit's record in the mirror: the one the ledger holds it under, or the one a new record gets. */
export type MirrorIds = (kind: MirrorKind, sourceId: string) => string;

/**
 * `ledgerEntry` finds a record's ledger row by `kind|sourceId`. A record with none gets {@link mirrorId}, unless it is a
 * candidate once mirrored under {@link formerMirrorId} that a comment or decision of this superior still names
 * (`referenced`): a unit may leave a person out of a snapshot, or send a record that waits in quarantine, and the
 * ledger forgets it; when it comes back, the superior's comments and decisions must still lead to that person.
 */
function mirrorIds(unitCode: string, ledgerEntry: (key: string) => LedgerEntry | undefined, referenced: ReadonlySet<string>): MirrorIds {
  return (kind, sourceId) => {
    const held = ledgerEntry(`${kind}|${sourceId}`)?.localId;
    if (held !== undefined) {
      return held;
    }
    const former = kind === 'candidate' && referenced.size > 0 ? formerMirrorId(unitCode, kind, sourceId) : null;
    return former !== null && referenced.has(former) ? former : mirrorId(unitCode, kind, sourceId);
  };
}

/**
 * The id of a row of a mirrored candidate's history (event, document, introducer, mentor): the candidate's mirror id
 * begins it, so the rows of one candidate sit side by side in their table's id index and a candidate written costs a
 * page or two of each index instead of one random page per row (at a Khối, most of what an import writes). Only the
 * candidate's own rows refer to these ids (a void to the event it voids), and they are always written together.
 * Rows mirrored before keep their ids until their candidate changes.
 */
export function mirrorChildId(candidateId: string, unitCode: string, kind: 'event' | 'document' | 'introducer' | 'mentor', sourceId: string): string {
  const h = recordHash(unitCode, kind, sourceId);
  return `${candidateId.slice(0, 13)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const VOID = ['voidedAt', 'voidReason', 'voidedBy'] as const;

function build(sqlite: Sqlite.Database) {
  const memberColumns = writtenColumns(members, [...VOID]).filter(([key]) => key !== 'id');
  return {
    ledger: sqlite.prepare<[string], { kind: MirrorKind; sourceId: string; sha256: string; localId: string }>(
      'SELECT record_kind AS kind, source_id AS sourceId, sha256, local_id AS localId FROM mirror_records WHERE unit_code = ?',
    ),
    ledgerEntry: sqlite.prepare<[string, string, string], LedgerEntry>('SELECT sha256, local_id AS localId FROM mirror_records WHERE unit_code = ? AND record_kind = ? AND source_id = ?'),
    referenced: sqlite.prepare<[string], string>('SELECT DISTINCT candidate_ref FROM directive_items WHERE to_code = ? AND candidate_ref IS NOT NULL').pluck(),
    deleteLedger: sqlite.prepare<[string, string, string]>('DELETE FROM mirror_records WHERE unit_code = ? AND record_kind = ? AND source_id = ?'),
    candidateIds: sqlite.prepare<[string], string>('SELECT id FROM candidates WHERE unit_code = ?').pluck(),
    memberRows: sqlite.prepare<[string], { id: string; candidateId: string | null; voided: number }>(
      'SELECT id, candidate_id AS candidateId, voided_at IS NOT NULL AS voided FROM members WHERE unit_code = ?',
    ),
    // Which member each introducer and mentor of the unit's candidates points to, as written.
    links: sqlite.prepare<[string, string], { id: string; memberId: string | null }>(
      `SELECT i.id, i.member_id AS memberId FROM introducers i JOIN candidates c ON c.id = i.candidate_id WHERE c.unit_code = ?
       UNION ALL SELECT m.id, m.member_id AS memberId FROM mentor_assignments m JOIN candidates c ON c.id = m.candidate_id WHERE c.unit_code = ?`,
    ),
    targetIds: sqlite.prepare<[string], string>("SELECT id FROM targets WHERE unit_code = ? AND source = 'unit'").pluck(),
    deleteChildren: ['candidate_events', 'dossier_items', 'introducers', 'mentor_assignments'].map((table) => sqlite.prepare<[string]>(`DELETE FROM ${table} WHERE candidate_id = ?`)),
    deleteCandidate: sqlite.prepare<[string]>('DELETE FROM candidates WHERE id = ?'),
    deleteMember: sqlite.prepare<[string]>('DELETE FROM members WHERE id = ?'),
    deleteTarget: sqlite.prepare<[string]>("DELETE FROM targets WHERE id = ? AND source = 'unit'"),
    /** A candidate written after its events, with the report summary the events' triggers would have built on it. */
    summarisedCandidate: insertStatement(sqlite, candidates, ['hometown', 'residence', 'occupationDetail', 'reportFindings', 'todoFindings', 'reportFindingsAsOf', 'reportFindingsUntil', ...VOID]),
    eventLetters: sqlite.prepare<[], [string, string]>('SELECT type, letter FROM report_event_letters').raw(),
    /** A member written in place: introducers and mentors of unchanged candidates keep pointing at it. */
    upsertMember: insertStatement(sqlite, members, VOID, `ON CONFLICT (id) DO UPDATE SET ${memberColumns.map(([, name]) => `"${name}" = excluded."${name}"`).join(', ')}`),
  };
}

const cache = new WeakMap<Sqlite.Database, ReturnType<typeof build>>();
function statements(db: Db): ReturnType<typeof build> {
  let s = cache.get(db.$client);
  if (!s) {
    s = build(db.$client);
    cache.set(db.$client, s);
  }
  return s;
}

/**
 * Foreign keys checked when the caller's transaction commits instead of at each statement, so a snapshot's rows can
 * be written in the order its records are read (a member before the candidates that point at it are rewritten).
 * SQLite turns this off again by itself at the end of the transaction.
 */
export function deferForeignKeys(db: Db): void {
  db.$client.pragma('defer_foreign_keys = ON');
}

/** The ledger of `unitCode` by `kind|sourceId`. */
export function mirrorLedger(db: Db, unitCode: string): Map<string, LedgerEntry> {
  return new Map(statements(db).ledger.all(unitCode).map((r) => [`${r.kind}|${r.sourceId}`, { sha256: r.sha256, localId: r.localId }]));
}

/**
 * The ids of `unitCode`'s records in the mirror, from its ledger: `ledger` as read by {@link mirrorLedger} when the
 * caller holds it, else looked up a record at a time (a quarantined record re-tried alone).
 */
export function unitMirrorIds(db: Db, unitCode: string, ledger?: ReadonlyMap<string, LedgerEntry>): MirrorIds {
  const s = statements(db);
  const lookup = ledger
    ? (key: string) => ledger.get(key)
    : (key: string) => {
        const bar = key.indexOf('|');
        return s.ledgerEntry.get(unitCode, key.slice(0, bar), key.slice(bar + 1));
      };
  return mirrorIds(unitCode, lookup, new Set(s.referenced.all(unitCode)));
}

/** What the mirror of `unitCode` holds now, as far as deciding which rows a new snapshot changes needs. */
export function mirrorState(db: Db, unitCode: string) {
  const s = statements(db);
  return {
    candidateIds: new Set(s.candidateIds.all(unitCode)),
    members: new Map(s.memberRows.all(unitCode).map((r) => [r.id, { candidateId: r.candidateId, voided: r.voided === 1 }])),
    links: new Map(s.links.all(unitCode, unitCode).map((r) => [r.id, r.memberId])),
    targetIds: new Set(s.targetIds.all(unitCode)),
  };
}
export type MirrorState = ReturnType<typeof mirrorState>;

/** Deletes a mirrored candidate with its history (its findings go with it: migration 0011). */
export function deleteMirrorCandidate(db: Db, id: string): void {
  const s = statements(db);
  s.deleteChildren.forEach((st) => st.run(id));
  s.deleteCandidate.run(id);
}

export function deleteMirrorMember(db: Db, id: string): void {
  statements(db).deleteMember.run(id);
}

export function deleteMirrorTarget(db: Db, id: string): void {
  statements(db).deleteTarget.run(id);
}

export function deleteLedgerRow(db: Db, unitCode: string, kind: MirrorKind, sourceId: string): void {
  statements(db).deleteLedger.run(unitCode, kind, sourceId);
}

/** Records (or brings up to date) one record's row of the ledger; a row already there keeps its `localId`. */
export function writeLedgerRow(db: Db, unitCode: string, kind: MirrorKind, sourceId: string, localId: string, sha256: string): void {
  bulkWriter(db).mirrorRecord.run({ unitCode, recordKind: kind, sourceId, localId, sha256 });
}

const bit = (b: boolean | null) => (b === null ? null : b ? 1 : 0);

type VoidableTable = 'candidates' | 'members' | 'dossier_items' | 'introducers' | 'mentor_assignments';

/** Marks a just-written mirrored row void as the unit did, so the mirror counts it nowhere and keeps its history. */
function markVoided(db: Db, table: VoidableTable, id: string, voided: { at: string; reason: string; by: string } | undefined): void {
  if (voided) {
    db.$client.prepare(`UPDATE ${table} SET voided_at = ?, void_reason = ?, voided_by = ? WHERE id = ?`).run(voided.at, voided.reason, voided.by, id);
  }
}

/** The report letter of each event type (migration 0007): what the events' triggers summarise a candidate with. */
export function eventLetters(db: Db): ReadonlyMap<string, string> {
  return new Map(statements(db).eventLetters.all());
}

/**
 * The summary `candidate_events_report_add` appends event by event (migration 0007), made at once: each event's
 * letter and date in the order written. Null when only the triggers can make it: a VOID rebuilds the summary in
 * another order, and an event type without a letter must be refused by them.
 */
function reportEvents(events: CandidateRecord['events'], letters: ReadonlyMap<string, string>): string | null {
  const tokens: string[] = [];
  for (const e of events) {
    const letter = letters.get(e.type);
    if (e.type === 'VOID' || letter === undefined) {
      return null;
    }
    tokens.push(letter + e.date);
  }
  return tokens.join(',');
}

/**
 * Inserts one candidate (with its history) into the mirror; `member` maps a member the unit names to its mirrored row.
 * With `letters` (foreign keys deferred by the caller), the events go in before the candidate's row, which is then
 * written with their summary: the summary trigger finds no row to update, instead of rewriting the candidate's row
 * once per event.
 */
export function insertMirrorCandidate(db: Db, id: string, unitCode: string, r: CandidateRecord, stage: string, member: (sourceId: string | null) => string | null, letters?: ReadonlyMap<string, string>): void {
  const w = bulkWriter(db);
  const row = {
    id, unitCode, fullName: r.fullName, searchKey: searchKey(r.fullName), sortKey: sortKey(r.fullName), gender: r.gender, birthDate: r.birthDate,
    education: r.education, educationException: r.educationException, youthUnionMember: bit(r.youthUnionMember), tradeUnionMember: bit(r.tradeUnionMember),
    introductionPath: r.introductionPath, ethnicity: r.ethnicity, religion: r.religion, occupation: r.occupation, nonStateEnterprise: bit(r.nonStateEnterprise),
    stage, createdAt: r.createdAt, updatedAt: r.updatedAt,
  };
  const summary = letters ? reportEvents(r.events, letters) : null;
  if (summary === null) {
    w.candidate.run(row);
  }
  const child = (kind: 'event' | 'document' | 'introducer' | 'mentor', sourceId: string) => mirrorChildId(id, unitCode, kind, sourceId);
  for (const e of r.events) {
    const voidsId = e.voidsId === null ? null : child('event', e.voidsId);
    w.event.run({ id: child('event', e.id), candidateId: id, seq: e.seq, type: e.type, date: e.date, payload: JSON.stringify(e.payload), voidsId, reason: e.reason, author: e.author, recordedAt: e.recordedAt });
  }
  if (summary !== null) {
    statements(db).summarisedCandidate.run({ ...row, reportEvents: summary });
  }
  for (const d of r.documents) {
    w.document.run({ id: child('document', d.id), candidateId: id, form: String(documentFormSchema.parse(d.form)), date: d.date, signer: d.signer, issuer: d.issuer, note: d.note, createdAt: d.createdAt });
    markVoided(db, 'dossier_items', child('document', d.id), d.voided);
  }
  for (const i of r.introducers) {
    w.introducer.run({ id: child('introducer', i.id), candidateId: id, memberId: member(i.memberId), name: i.name, fullMemberSince: i.fullMemberSince, workedTogetherSince: i.workedTogetherSince, replacement: i.replacement ? 1 : 0, letterDate: i.letterDate });
    markVoided(db, 'introducers', child('introducer', i.id), i.voided);
  }
  for (const m of r.mentors) {
    w.mentor.run({ id: child('mentor', m.id), candidateId: id, memberId: member(m.memberId), mentorName: m.mentorName, role: m.role, fromDate: m.fromDate, toDate: m.toDate, createdAt: m.createdAt });
    markVoided(db, 'mentor_assignments', child('mentor', m.id), m.voided);
  }
  if (r.findings) {
    w.reportedFindings.run({ candidateId: id, asOf: r.findings.asOf, rulebookVersion: r.findings.rulebookVersion, findings: JSON.stringify(r.findings.findings) });
  }
  markVoided(db, 'candidates', id, r.voided);
}

/** Writes one member into the mirror: inserted, or updated in place when a row not voided already holds it. */
export function writeMirrorMember(db: Db, id: string, unitCode: string, m: MemberRecord, candidateId: string | null): void {
  statements(db).upsertMember.run({
    id, unitCode, fullName: m.fullName, searchKey: searchKey(m.fullName), sortKey: sortKey(m.fullName), gender: m.gender, birthDate: m.birthDate,
    status: m.status, joinedOn: m.joinedOn, fullMemberSince: m.fullMemberSince, exempt: m.exempt ? 1 : 0, leftOn: m.leftOn, leftReason: m.leftReason,
    candidateId, note: null, createdAt: m.createdAt, updatedAt: m.updatedAt,
  });
  markVoided(db, 'members', id, m.voided);
}

export function insertMirrorTarget(tx: DbOrTx, id: string, unitCode: string, t: UnitTargetRecord): void {
  tx.insert(targets).values({ id, unitCode, year: t.year, period: t.period, kind: t.kind, value: t.value, source: 'unit', createdAt: t.createdAt }).run();
}

/** Adds a frozen report unless already mirrored: reports sent upward are append-only, here as at the unit. */
export function insertMirrorFrozenReport(tx: DbOrTx, id: string, unitCode: string, r: FrozenReportRecord): boolean {
  if (tx.select({ id: frozenReports.id }).from(frozenReports).where(eq(frozenReports.id, id)).get()) {
    return false;
  }
  tx.insert(frozenReports).values({ id, unitCode, period: r.period, version: r.version, number: r.number, issuedOn: r.issuedOn, frozenAt: r.frozenAt, reason: r.reason, content: r.content, header: r.header ?? null }).run();
  return true;
}

/** Whether the ledger of `unitCode` holds a record. */
export function inLedger(db: DbOrTx, unitCode: string, kind: MirrorKind, sourceId: string): boolean {
  return db.select({ id: mirrorRecords.localId }).from(mirrorRecords).where(and(eq(mirrorRecords.unitCode, unitCode), eq(mirrorRecords.recordKind, kind), eq(mirrorRecords.sourceId, sourceId))).get() !== undefined;
}

/** The source ids of one kind the ledger of `unitCode` holds. */
export function ledgerIds(db: DbOrTx, unitCode: string, kind: MirrorKind): Set<string> {
  return new Set(db.select({ id: mirrorRecords.sourceId }).from(mirrorRecords).where(and(eq(mirrorRecords.unitCode, unitCode), eq(mirrorRecords.recordKind, kind))).all().map((r) => r.id));
}

/**
 * Sets a unit's youth-union flag and ĐUCS member count as its snapshot states them, only when they differ: the
 * findings trigger on these columns (migration 0011) drops every finding of the unit on any UPDATE of them.
 */
export function setUnitFacts(db: DbOrTx, unitCode: string, facts: { hasYouthUnion: boolean; ducsMembers: number | null }): void {
  const row = db.select({ hasYouthUnion: units.hasYouthUnion, ducsMembers: units.ducsMembers }).from(units).where(eq(units.code, unitCode)).get();
  if (row && (row.hasYouthUnion !== facts.hasYouthUnion || row.ducsMembers !== facts.ducsMembers)) {
    db.update(units).set(facts).where(eq(units.code, unitCode)).run();
  }
}

export type UnitIdentity = { name: string; level: UnitLevel; pendingName: string | null; pendingLevel: UnitLevel | null };

export function unitIdentity(db: DbOrTx, unitCode: string): UnitIdentity | undefined {
  return db.select({ name: units.name, level: units.level, pendingName: units.pendingName, pendingLevel: units.pendingLevel }).from(units).where(eq(units.code, unitCode)).get();
}

export function setPendingIdentity(db: DbOrTx, unitCode: string, pendingName: string | null, pendingLevel: UnitLevel | null): void {
  db.update(units).set({ pendingName, pendingLevel }).where(eq(units.code, unitCode)).run();
}
