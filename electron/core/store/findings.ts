import type { Db } from '../../../db/types';
import type { Finding } from '../domain/rules/index';

/**
 * The findings store: this database's findings per candidate for the day they were computed. Writing here is filling
 * a cache, never changing data: the triggers of migration 0011 drop a candidate's row whenever anything its findings
 * are computed from changes.
 */

export type StoredFindings = { candidateId: string; asOf: string; rulebookVersion: string; findings: readonly Finding[] };

/** A prepared statement, not the query builder: a superior's first screen of the day writes 50,000 rows. */
export function upsertFindings(db: Db, rows: readonly StoredFindings[]): void {
  const upsert = db.$client.prepare(
    'INSERT INTO candidate_findings (candidate_id, as_of, rulebook_version, findings) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT (candidate_id) DO UPDATE SET as_of = excluded.as_of, rulebook_version = excluded.rulebook_version, findings = excluded.findings',
  );
  for (const r of rows) {
    upsert.run(r.candidateId, r.asOf, r.rulebookVersion, JSON.stringify(r.findings));
  }
}

/**
 * The stored findings of `ids` that hold on `day`, by candidate; a candidate missing here must be evaluated. The one
 * place that says when a stored row is fresh, for whatever reads the store a chunk of candidates at a time.
 */
export function freshFindings(db: Db, ids: readonly string[], day: string): Map<string, StoredFindings> {
  const rows = db.$client
    .prepare('SELECT candidate_id, rulebook_version, findings FROM candidate_findings WHERE candidate_id IN (SELECT value FROM json_each(?)) AND as_of = ?')
    .raw()
    .all(JSON.stringify(ids), day) as [string, string, string][];
  return new Map(rows.map(([candidateId, rulebookVersion, findings]) => [candidateId, { candidateId, asOf: day, rulebookVersion, findings: JSON.parse(findings) as Finding[] }]));
}

/**
 * Findings of a past day for candidates whose `candidate_findings` row is of a later day, as the report summary
 * encodes them. A candidate without that row gets none: its removal is what invalidates these (migration trigger
 * `findings_period_stale`), so a row here without it could outlive a change.
 */
export function storePeriodFindings(db: Db, asOf: string, rows: readonly { candidateId: string; findings: readonly { code: string; severity: string }[] }[]): void {
  const insert = db.$client.prepare(
    'INSERT OR REPLACE INTO period_findings (candidate_id, as_of, findings) SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM candidate_findings WHERE candidate_id = ?)',
  );
  for (const r of rows) {
    insert.run(r.candidateId, asOf, r.findings.map((f) => `${f.code.replaceAll(',', ' ')}:${f.severity}`).join(','), r.candidateId);
  }
}
