import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/types';
import { candidateFindings, candidates, inbox, reportedFindings, units } from '../../../db/schema/index';
import type { Unit } from '../model/entities';
import { toUnit } from './units';

/**
 * What the superior's units page reads of the units below: their keys, what arrived from them and what is held
 * aside, their candidates' counts and findings. Each read takes the codes of every unit listed at once: the page
 * lists 500 units, and a handful of queries per unit cost more than what they read.
 */

/** A unit below with the name and level it now states and the superior has not confirmed yet. */
export type HeldUnit = Unit & { pendingName: string | null; pendingLevel: Unit['level'] | null };

function toHeldUnit(row: typeof units.$inferSelect): HeldUnit {
  return { ...toUnit(row), pendingName: row.pendingName, pendingLevel: row.pendingLevel };
}

/** A mirrored unit below. */
export function heldUnit(db: DbOrTx, code: string): HeldUnit | null {
  const row = db.select().from(units).where(and(eq(units.code, code), eq(units.origin, 'mirror'))).get();
  return row ? toHeldUnit(row) : null;
}

/** Every mirrored unit below, by code. */
export function heldUnits(db: DbOrTx): HeldUnit[] {
  return db.select().from(units).where(eq(units.origin, 'mirror')).orderBy(asc(units.code)).all().map(toHeldUnit);
}

/** Takes on the name and level a unit below states, clearing what was pending. */
export function acceptStatedNameLevel(tx: DbOrTx, code: string, name: string, level: Unit['level']): void {
  tx.update(units).set({ name, level, pendingName: null, pendingLevel: null }).where(eq(units.code, code)).run();
}

/** Rows of `sqlText` for the units of `codes` (its one parameter is their JSON list). */
function rowsFor<T>(db: Db, sqlText: string, codes: readonly string[]): T[] {
  return db.$client.prepare(sqlText).all(JSON.stringify(codes)) as T[];
}

const IN = 'IN (SELECT value FROM json_each(?))';

export type KeyRow = { unit_code: string; status: string; verified_at: string | null; fingerprint: string };
export type InboxRow = { from_code: string; seq: number | null; label: string | null; kind: string | null; received_at: string; status: string; numbering: number };

/** The ed25519 keys of `codes`, the active key first, then the latest. */
export function signingKeyRows(db: Db, codes: readonly string[]): KeyRow[] {
  return rowsFor<KeyRow>(db, `SELECT unit_code, status, verified_at, fingerprint FROM unit_keys WHERE kind = 'ed25519' AND unit_code ${IN} ORDER BY status = 'active' DESC, rowid DESC`, codes);
}

/** The numbering each of `codes` sends under now, by unit. */
export function inboundNumbering(db: Db, codes: readonly string[]): Map<string, number> {
  return new Map(rowsFor<{ peer_code: string; numbering: number }>(db, `SELECT peer_code, numbering FROM sync_state WHERE direction = 'in' AND peer_code ${IN}`, codes).map((r) => [r.peer_code, r.numbering]));
}

/** Every file received from `codes`. */
export function receivedRows(db: Db, codes: readonly string[]): InboxRow[] {
  return rowsFor<InboxRow>(db, `SELECT from_code, seq, label, kind, received_at, status, numbering FROM inbox WHERE from_code ${IN}`, codes);
}

/** What is quarantined and not resolved, per unit: whole bundles and single records. */
export function openQuarantineCounts(db: Db, codes: readonly string[]): Map<string, { bundles: number; records: number }> {
  const open = rowsFor<{ from_code: string; bundles: number; records: number }>(
    db,
    `SELECT from_code, sum(record_kind = 'bundle') AS bundles, sum(record_kind <> 'bundle') AS records FROM quarantine WHERE resolved_at IS NULL AND from_code ${IN} GROUP BY from_code`,
    codes,
  );
  return new Map(open.map((q) => [q.from_code, q]));
}

/** Candidates not voided, per unit. */
export function candidateCounts(db: Db, codes: readonly string[]): Map<string, number> {
  return new Map(rowsFor<{ unit_code: string; n: number }>(db, `SELECT unit_code, count(*) AS n FROM candidates WHERE voided_at IS NULL AND unit_code ${IN} GROUP BY unit_code`, codes).map((r) => [r.unit_code, r.n]));
}

export type TreeRow = { code: string; name: string; parentCode: string | null; origin: string };

/** Every unit held, by code: enough to walk up the tree. */
export function unitTree(db: DbOrTx): Map<string, TreeRow> {
  return new Map(db.select({ code: units.code, name: units.name, parentCode: units.parentCode, origin: units.origin }).from(units).all().map((u) => [u.code, u]));
}

export type StoredFinding = { code: string; severity: string; message: string };

/** Of `ids`, the candidates of `code` with a findings row: what this database found and what the unit reported, by name. */
export function findingsOfCandidates(db: DbOrTx, code: string, ids: readonly string[]): { candidateId: string; fullName: string; findings: StoredFinding[]; reported: StoredFinding[] | null }[] {
  return db
    .select({ candidateId: candidates.id, fullName: candidates.fullName, findings: candidateFindings.findings, reported: reportedFindings.findings })
    .from(candidateFindings)
    .innerJoin(candidates, eq(candidates.id, candidateFindings.candidateId))
    .leftJoin(reportedFindings, eq(reportedFindings.candidateId, candidateFindings.candidateId))
    .where(and(eq(candidates.unitCode, code), isNull(candidates.voidedAt), inArray(candidates.id, [...ids])))
    .orderBy(asc(candidates.sortKey))
    .all()
    .map((f) => ({ candidateId: f.candidateId, fullName: f.fullName, findings: f.findings as StoredFinding[], reported: f.reported === null ? null : (f.reported as StoredFinding[]) }));
}

/** The latest `limit` files received from `code`, newest first. */
export function latestReceived(db: DbOrTx, code: string, limit: number) {
  return db
    .select({ sha256: inbox.sha256, fileName: inbox.fileName, receivedAt: inbox.receivedAt, kind: inbox.kind, seq: inbox.seq, label: inbox.label, status: inbox.status })
    .from(inbox)
    .where(eq(inbox.fromCode, code))
    .orderBy(desc(inbox.receivedAt), desc(inbox.seq))
    .limit(limit)
    .all();
}

/** Errors over all the unit's candidates, counted inside SQLite: as re-checked here, and as the unit reported them. */
export function errorTotals(db: Db, code: string): { checked: number; reported: number | null } {
  const sum = (table: 'candidate_findings' | 'reported_findings') =>
    db.$client
      .prepare(
        `SELECT sum((SELECT count(*) FROM json_each(f.findings) j WHERE j.value ->> '$.severity' = 'error')) FROM ${table} f ` +
          'JOIN candidates c ON c.id = f.candidate_id WHERE c.unit_code = ? AND c.voided_at IS NULL',
      )
      .pluck()
      .get(code) as number | null;
  return { checked: sum('candidate_findings') ?? 0, reported: sum('reported_findings') };
}
