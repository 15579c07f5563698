import { and, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/types';
import { candidates } from '../../../db/schema/index';
import { FRESH_FINDINGS_IDS } from './findings';

/**
 * Reads of the to-do list, the board and the day's re-evaluation: which candidates lack findings that hold on a day,
 * and the stored findings of the others as rows, still as JSON text (the service parses what it keeps).
 */

/** The live candidates of one unit with no stored findings holding on `day`. */
export function staleIdsOfUnit(db: Db, unitCode: string, day: string): string[] {
  return db.$client
    .prepare(`SELECT id FROM candidates WHERE unit_code = ? AND voided_at IS NULL AND id NOT IN (${FRESH_FINDINGS_IDS})`)
    .pluck()
    .all(unitCode, day, day) as string[];
}

/**
 * Live candidates of `unitCodes` with no stored findings holding on `day` (the first `limit`; -1 for all), in the
 * order they are stored (rowid): a step of the day's re-evaluation then reads, and writes the findings of,
 * neighbouring pages of every table instead of candidates spread over the whole file.
 */
export function staleIdsOfUnits(db: Db, unitCodes: readonly string[], day: string, limit = -1): { id: string; unit_code: string }[] {
  return db.$client
    .prepare(`SELECT id, unit_code FROM candidates WHERE unit_code IN (SELECT value FROM json_each(?)) AND voided_at IS NULL AND id NOT IN (${FRESH_FINDINGS_IDS}) ORDER BY rowid LIMIT ?`)
    .all(JSON.stringify(unitCodes), day, day, limit) as { id: string; unit_code: string }[];
}

/** How many live candidates `unitCodes` hold, and how many of them lack findings holding on `day`. */
export function findingsCounts(db: Db, unitCodes: readonly string[], day: string): { total: number; stale: number } {
  const total = db.$client
    .prepare('SELECT count(*) FROM candidates WHERE unit_code IN (SELECT value FROM json_each(?)) AND voided_at IS NULL')
    .pluck()
    .get(JSON.stringify(unitCodes)) as number;
  const stale = db.$client
    .prepare(`SELECT count(*) FROM candidates WHERE unit_code IN (SELECT value FROM json_each(?)) AND voided_at IS NULL AND id NOT IN (${FRESH_FINDINGS_IDS})`)
    .pluck()
    .get(JSON.stringify(unitCodes), day, day) as number;
  return { total, stale };
}

export type TodoRow = { id: string; unit_code: string; full_name: string; stage: string; valid_until: string; rulebook_version: string; findings: string };

/** Live candidates with their stored findings row: of `unitCodes`, or only `ids` when given. */
export function todoRows(db: Db, unitCodes: readonly string[], ids?: readonly string[]): TodoRow[] {
  const select =
    'SELECT c.id, c.unit_code, c.full_name, c.stage, f.valid_until, f.rulebook_version, f.findings FROM candidates c JOIN candidate_findings f ON f.candidate_id = c.id';
  return ids
    ? (db.$client.prepare(`${select} WHERE c.id IN (SELECT value FROM json_each(?)) AND c.voided_at IS NULL`).all(JSON.stringify(ids)) as TodoRow[])
    : (db.$client.prepare(`${select} WHERE c.unit_code IN (SELECT value FROM json_each(?)) AND c.voided_at IS NULL`).all(JSON.stringify(unitCodes)) as TodoRow[]);
}

/** Voided candidates of `unitCodes` (few: the partial index candidates_voided holds only them). */
export function voidedIds(db: Db, unitCodes: readonly string[]): string[] {
  return db.$client
    .prepare('SELECT id FROM candidates INDEXED BY candidates_voided WHERE unit_code IN (SELECT value FROM json_each(?)) AND voided_at IS NOT NULL')
    .pluck()
    .all(JSON.stringify(unitCodes)) as string[];
}

/** Live candidates of `unitCodes` per stage (stages without any are absent). */
export function countsByStage(db: Db, unitCodes: readonly string[]): Map<string, number> {
  const rows = db
    .select({ stage: candidates.stage, n: sql<number>`count(*)` })
    .from(candidates)
    .where(and(sql`${candidates.unitCode} IN (SELECT value FROM json_each(${JSON.stringify(unitCodes)}))`, isNull(candidates.voidedAt)))
    .groupBy(candidates.stage)
    .all();
  return new Map(rows.map((r) => [r.stage, r.n]));
}

/**
 * What caches kept per open database are keyed by: the connection, which outlives the query-builder objects a
 * context may be made with.
 */
export function connectionKey(db: Db): object {
  return db.$client;
}
