import { and, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/types';
import { candidates } from '../../../db/schema/index';

/**
 * Reads of the to-do list, the board and the day's re-evaluation: which candidates lack findings that hold on a day,
 * and the stored findings of the others as rows, still as JSON text (the service parses what it keeps).
 */

/**
 * A live candidate row whose stored findings do not hold on the day given twice as parameters: the days the
 * findings store holds them for are kept on the candidate row (migrations 0030 and 0031), in the covering index
 * candidates_todo, so this is a scan of that index and no stored findings are read. The to-do list judges a row by
 * the same two columns.
 */
const STALE_ON_DAY = 'voided_at IS NULL AND (report_findings_until IS NULL OR report_findings_as_of > ? OR report_findings_until < ?)';

/** The live candidates of one unit with no stored findings holding on `day`. */
export function staleIdsOfUnit(db: Db, unitCode: string, day: string): string[] {
  return db.$client
    .prepare(`SELECT id FROM candidates INDEXED BY candidates_todo WHERE unit_code = ? AND ${STALE_ON_DAY}`)
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
    .prepare(`SELECT id, unit_code FROM candidates INDEXED BY candidates_todo WHERE unit_code IN (SELECT value FROM json_each(?)) AND ${STALE_ON_DAY} ORDER BY rowid LIMIT ?`)
    .all(JSON.stringify(unitCodes), day, day, limit) as { id: string; unit_code: string }[];
}

/** How many live candidates `unitCodes` hold, and how many of them lack findings holding on `day`. */
export function findingsCounts(db: Db, unitCodes: readonly string[], day: string): { total: number; stale: number } {
  // Both from one pass over candidates_todo: each step of the day's re-evaluation asks this, so it must not read the
  // findings store's 50,000 rows again.
  const [total, stale] = db.$client
    .prepare(`SELECT count(*), count(*) FILTER (WHERE ${STALE_ON_DAY}) FROM candidates INDEXED BY candidates_todo WHERE unit_code IN (SELECT value FROM json_each(?)) AND voided_at IS NULL`)
    .raw()
    .get(day, day, JSON.stringify(unitCodes)) as [number, number];
  return { total, stale };
}

/**
 * A live candidate as the to-do list needs it: its stored findings' code, severity and due date (JSON
 * `[[code, severity, due | null], …]`, null when none are stored) and the days they hold (as_of through until).
 */
export type TodoKeyRow = { id: string; unit_code: string; full_name: string; stage: string; as_of: string | null; until: string | null; todo: string | null };

const TODO_KEYS = 'SELECT id, unit_code, full_name, stage, report_findings_as_of AS as_of, report_findings_until AS until, todo_findings AS todo FROM candidates';

/**
 * The live candidates of `unitCodes`, or only `ids` when given, read from the covering index candidates_todo: a few
 * megabytes at 50,000 candidates, where their rows and stored findings (messages included) are tens.
 */
export function todoKeyRows(db: Db, unitCodes: readonly string[], ids?: readonly string[]): TodoKeyRow[] {
  return ids
    ? (db.$client.prepare(`${TODO_KEYS} WHERE id IN (SELECT value FROM json_each(?)) AND voided_at IS NULL`).all(JSON.stringify(ids)) as TodoKeyRow[])
    : (db.$client
        .prepare(`${TODO_KEYS} INDEXED BY candidates_todo WHERE unit_code IN (SELECT value FROM json_each(?)) AND voided_at IS NULL`)
        .all(JSON.stringify(unitCodes)) as TodoKeyRow[]);
}

/** The stored findings (JSON text) of `ids`, for the few rows a page of the to-do list shows. */
export function storedFindingsOf(db: Db, ids: readonly string[]): Map<string, string> {
  const rows = db.$client
    .prepare('SELECT candidate_id, findings FROM candidate_findings WHERE candidate_id IN (SELECT value FROM json_each(?))')
    .raw()
    .all(JSON.stringify(ids)) as [string, string][];
  return new Map(rows);
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
 * Candidates of `unitCodes` with no event at all: the app shows them at «Nguồn», but with no day they entered it a
 * report counts them on no day.
 */
export function undatedCount(db: Db, unitCodes: readonly string[]): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(candidates)
    .where(
      and(
        sql`${candidates.unitCode} IN (SELECT value FROM json_each(${JSON.stringify(unitCodes)}))`,
        isNull(candidates.voidedAt),
        sql`NOT EXISTS (SELECT 1 FROM candidate_events e WHERE e.candidate_id = ${candidates.id})`,
      ),
    )
    .get()!.n;
}
