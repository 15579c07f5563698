import type Sqlite from 'better-sqlite3';
import type { Db } from '../types';

/**
 * Prepared statements for writing many candidates at once (dossier import, demo data, a superior applying unit
 * snapshots). Drizzle builds and prepares SQL on every call, which costs more than the insert itself at 50,000
 * rows; these are prepared once per connection. Column lists mirror db/schema; tests cover both paths.
 */
export type CandidateValues = {
  id: string; unitCode: string; fullName: string; searchKey: string; sortKey: string; gender: string | null; birthDate: string;
  education: string | null; educationException: string | null; youthUnionMember: number | null; tradeUnionMember: number | null;
  introductionPath: string | null; ethnicity: string | null; religion: string | null; occupation: string | null;
  nonStateEnterprise: number | null; stage: string; createdAt: string; updatedAt: string;
};
export type EventValues = { id: string; candidateId: string; seq: number; type: string; date: string; payload: string; voidsId: string | null; reason: string | null; author: string; recordedAt: string };
export type DocumentValues = { id: string; candidateId: string; form: string; date: string; signer: string | null; issuer: string | null; note: string | null; createdAt: string };
export type IntroducerValues = { id: string; candidateId: string; memberId: string | null; name: string; fullMemberSince: string | null; workedTogetherSince: string | null; replacement: number; letterDate: string | null };
export type MentorValues = { id: string; candidateId: string; memberId: string | null; mentorName: string; role: string; fromDate: string; toDate: string | null; createdAt: string };
export type FindingsValues = { candidateId: string; asOf: string; rulebookVersion: string; findings: string };
export type MemberValues = {
  id: string; unitCode: string; fullName: string; searchKey: string; sortKey: string; gender: string | null; birthDate: string | null;
  status: string; joinedOn: string | null; fullMemberSince: string | null; exempt: number; leftOn: string | null; leftReason: string | null;
  candidateId: string | null; note: string | null; createdAt: string; updatedAt: string;
};

function insert(sqlite: Sqlite.Database, table: string, columns: Record<string, string>) {
  const names = Object.keys(columns);
  return sqlite.prepare(`INSERT INTO ${table} (${names.map((n) => columns[n]).join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`);
}

function build(sqlite: Sqlite.Database) {
  return {
    candidate: insert(sqlite, 'candidates', {
      id: 'id', unitCode: 'unit_code', fullName: 'full_name', searchKey: 'search_key', sortKey: 'sort_key', gender: 'gender', birthDate: 'birth_date',
      education: 'education', educationException: 'education_exception', youthUnionMember: 'youth_union_member', tradeUnionMember: 'trade_union_member',
      introductionPath: 'introduction_path', ethnicity: 'ethnicity', religion: 'religion', occupation: 'occupation', nonStateEnterprise: 'non_state_enterprise',
      stage: 'stage', createdAt: 'created_at', updatedAt: 'updated_at',
    }),
    event: insert(sqlite, 'candidate_events', { id: 'id', candidateId: 'candidate_id', seq: 'seq', type: 'type', date: 'date', payload: 'payload', voidsId: 'voids_id', reason: 'reason', author: 'author', recordedAt: 'recorded_at' }),
    document: insert(sqlite, 'dossier_items', { id: 'id', candidateId: 'candidate_id', form: 'form', date: 'date', signer: 'signer', issuer: 'issuer', note: 'note', createdAt: 'created_at' }),
    introducer: insert(sqlite, 'introducers', { id: 'id', candidateId: 'candidate_id', memberId: 'member_id', name: 'name', fullMemberSince: 'full_member_since', workedTogetherSince: 'worked_together_since', replacement: 'replacement', letterDate: 'letter_date' }),
    mentor: insert(sqlite, 'mentor_assignments', { id: 'id', candidateId: 'candidate_id', memberId: 'member_id', mentorName: 'mentor_name', role: 'role', fromDate: 'from_date', toDate: 'to_date', createdAt: 'created_at' }),
    member: insert(sqlite, 'members', {
      id: 'id', unitCode: 'unit_code', fullName: 'full_name', searchKey: 'search_key', sortKey: 'sort_key', gender: 'gender', birthDate: 'birth_date', status: 'status',
      joinedOn: 'joined_on', fullMemberSince: 'full_member_since', exempt: 'exempt', leftOn: 'left_on', leftReason: 'left_reason', candidateId: 'candidate_id',
      note: 'note', createdAt: 'created_at', updatedAt: 'updated_at',
    }),
    reportedFindings: insert(sqlite, 'reported_findings', { candidateId: 'candidate_id', asOf: 'as_of', rulebookVersion: 'rulebook_version', findings: 'findings' }),
    /** Kept out of `candidate` so the writers that have no such fields (a unit's mirror) need not name them. */
    candidatePlaces: sqlite.prepare<[string | null, string | null, string | null, string]>('UPDATE candidates SET hometown = ?, residence = ?, occupation_detail = ? WHERE id = ?'),
    findCandidate: sqlite.prepare<[string, string, string], { id: string; fullName: string }>('SELECT id, full_name AS fullName FROM candidates WHERE unit_code = ? AND search_key = ? AND birth_date = ? AND voided_at IS NULL'),
    findMembers: sqlite.prepare<[string, string], { id: string; fullName: string; leftOn: string | null }>('SELECT id, full_name AS fullName, left_on AS leftOn FROM members WHERE unit_code = ? AND search_key = ? AND voided_at IS NULL'),
  };
}

export type BulkWriter = ReturnType<typeof build>;
const cache = new WeakMap<Sqlite.Database, BulkWriter>();

/** The statements for this connection, prepared on first use. Use inside the caller's transaction. */
export function bulkWriter(db: Db): BulkWriter {
  const sqlite = db.$client;
  let writer = cache.get(sqlite);
  if (!writer) {
    writer = build(sqlite);
    cache.set(sqlite, writer);
  }
  return writer;
}
