import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/types';
import { reportedFindings } from '../../../db/schema/index';
import type { CalendarSpan, Finding } from '../domain/rules/index';

/**
 * The findings store: this database's findings per candidate, computed on `as_of` and holding through `valid_until`
 * (the evaluation's validUntil). Writing here is filling a cache, never changing data: the triggers of migration 0011
 * drop a candidate's row whenever anything its findings are computed from changes, and time passing beyond
 * `valid_until` is the only other way a row stops answering.
 */

export type StoredFindings = { candidateId: string; asOf: string; validUntil: string; rulebookVersion: string; findings: readonly Finding[] };

/** What the candidate row keeps of its findings, beside the findings themselves (migrations 0011 and 0030, kept by 0031's triggers for other writers). */
export type FindingsDigest = {
  /** What a report counts from: `code:severity`, comma-separated, in order; a comma in a code becomes a space. */
  summary: string;
  /** What the to-do list sorts and counts by: `[code, severity, due]` of each finding, in order, as JSON. */
  todo: string;
};

/** The same text the triggers of migration 0031 make from the stored JSON, made from the findings in hand. */
export function findingsDigest(findings: readonly { code: string; severity: string; due?: string | undefined }[]): FindingsDigest {
  return { summary: findingsSummary(findings), todo: JSON.stringify(findings.map((f) => [f.code, f.severity, f.due ?? null])) };
}

function findingsSummary(findings: readonly { code: string; severity: string }[]): string {
  return findings.map((f) => `${f.code.replaceAll(',', ' ')}:${f.severity}`).join(',');
}

/**
 * Findings to store: as evaluated, or already as their JSON text with their digest (both made by the thread that
 * evaluated them).
 */
export type FindingsToStore = Omit<StoredFindings, 'findings'> & { calendarSpan: CalendarSpan | null } & ({ findings: readonly Finding[] } | { findings: string; digest: FindingsDigest });

/**
 * A prepared statement, not the query builder: a superior's first screen of a new database writes 50,000 rows. The
 * candidate row's report summary and to-do keys are written first, from the findings in hand, so the triggers of
 * migration 0031 find them there and do not parse each row's JSON again to make them.
 */
export function upsertFindings(db: Db, rows: readonly FindingsToStore[]): void {
  const summarise = db.$client.prepare('UPDATE candidates SET report_findings = ?, todo_findings = ?, report_findings_as_of = ?, report_findings_until = ? WHERE id = ?');
  const upsert = db.$client.prepare(
    'INSERT INTO candidate_findings (candidate_id, as_of, valid_until, rulebook_version, findings, calendar_from, calendar_to) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
      'ON CONFLICT (candidate_id) DO UPDATE SET as_of = excluded.as_of, valid_until = excluded.valid_until, rulebook_version = excluded.rulebook_version, ' +
      'findings = excluded.findings, calendar_from = excluded.calendar_from, calendar_to = excluded.calendar_to',
  );
  for (const r of rows) {
    const text = typeof r.findings === 'string' ? r.findings : JSON.stringify(r.findings);
    const digest = 'digest' in r ? r.digest : findingsDigest(r.findings);
    summarise.run(digest.summary, digest.todo, r.asOf, r.validUntil, r.candidateId);
    upsert.run(r.candidateId, r.asOf, r.validUntil, r.rulebookVersion, text, r.calendarSpan?.from ?? null, r.calendarSpan?.to ?? null);
  }
}

/**
 * Copies what the log holds into the database file now, without waiting for readers (a passive checkpoint). A pass
 * that stores a whole day's findings calls it after each batch, while other threads are still evaluating the next:
 * otherwise closing the database copies the whole pass's log (tens of MB at 50,000 candidates) after the last
 * candidate, with nothing else left to overlap it.
 */
export function copyLogIntoDatabase(db: Db): void {
  db.$client.pragma('wal_checkpoint(PASSIVE)');
}

/**
 * The stored findings of `ids` that hold on `day`, by candidate; a candidate missing here must be evaluated. The one
 * place that says when a stored row is fresh, for whatever reads the store a chunk of candidates at a time.
 */
export function freshFindings(db: Db, ids: readonly string[], day: string): Map<string, StoredFindings> {
  const rows = db.$client
    // The unary + keeps SQLite on the candidate_id key: through candidate_findings_valid it would read every row
    // holding on the day for each chunk.
    .prepare('SELECT candidate_id, as_of, valid_until, rulebook_version, findings FROM candidate_findings WHERE candidate_id IN (SELECT value FROM json_each(?)) AND +as_of <= ? AND +valid_until >= ?')
    .raw()
    .all(JSON.stringify(ids), day, day) as [string, string, string, string, string][];
  return new Map(rows.map(([candidateId, asOf, validUntil, rulebookVersion, findings]) => [candidateId, { candidateId, asOf, validUntil, rulebookVersion, findings: JSON.parse(findings) as Finding[] }]));
}

/**
 * Findings of a past day for candidates whose `candidate_findings` row starts on a later day, as the report summary
 * encodes them. A candidate without that row gets none: its removal is what invalidates these (migration trigger
 * `findings_period_stale`), so a row here without it could outlive a change. Moving that row on to a later day (an
 * upsert when it no longer holds) keeps these: it happens only when nothing the findings are computed from changed.
 */
export function storePeriodFindings(
  db: Db,
  asOf: string,
  rows: readonly { candidateId: string; findings: readonly { code: string; severity: string }[]; calendarSpan: CalendarSpan | null }[],
): void {
  const insert = db.$client.prepare(
    'INSERT OR REPLACE INTO period_findings (candidate_id, as_of, findings, calendar_from, calendar_to) SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM candidate_findings WHERE candidate_id = ?)',
  );
  for (const r of rows) {
    insert.run(r.candidateId, asOf, findingsSummary(r.findings), r.calendarSpan?.from ?? null, r.calendarSpan?.to ?? null, r.candidateId);
  }
}

export type ReportedFindingsRow = typeof reportedFindings.$inferSelect;

/** What a unit's bundle said of one of its candidates, as received. */
export function reportedFindingsOf(db: DbOrTx, candidateId: string): ReportedFindingsRow | undefined {
  return db.select().from(reportedFindings).where(eq(reportedFindings.candidateId, candidateId)).get();
}
