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
