import type Sqlite from 'better-sqlite3';
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { candidateEvents, candidates, dossierItems, introducers, members, mentorAssignments, mirrorRecords, reportedFindings } from '../../../db/schema/index';
import type { Db } from '../../../db/types';

/**
 * Prepared statements for writing many candidates at once (dossier import, demo data, a superior applying unit
 * snapshots). Drizzle builds and prepares SQL on every call, which costs more than the insert itself at 50,000
 * rows; these are prepared once per connection.
 *
 * Each statement's columns are read from the drizzle table definition: every column of the table is written, except
 * those a writer names as left to others (a trigger, a default, a later UPDATE). A column added to one of these
 * tables therefore joins the statement by itself, and every writer that does not supply it fails, at compile time
 * (the values type names it) and at run time (better-sqlite3 refuses a missing named parameter), instead of the
 * column silently staying empty in bulk-written rows.
 */

/** What a raw statement binds: booleans as 0/1, JSON columns as their text. */
export type SqlValue = string | number | null;
type ColumnKey<T extends Table> = Extract<keyof T['_']['columns'], string>;
/** The values of one row: every column of `T` except the `Omit`ted ones. */
export type RowValues<T extends Table, O extends ColumnKey<T> = never> = { [K in Exclude<ColumnKey<T>, O>]: SqlValue };

/** The columns of `table` that an insert writes, in definition order, as [property, SQL name] pairs. */
export function writtenColumns<T extends Table>(table: T, omit: readonly ColumnKey<T>[]): [string, string][] {
  return Object.entries(getTableColumns(table))
    .filter(([key]) => !(omit as readonly string[]).includes(key))
    .map(([key, column]) => [key, column.name]);
}

/** An INSERT of every column of `table` but the `omit`ted ones, bound by property name. */
export function insertStatement<T extends Table, O extends ColumnKey<T> = never>(sqlite: Sqlite.Database, table: T, omit: readonly O[] = [], onConflict = ''): Sqlite.Statement<[RowValues<T, O>]> {
  const columns = writtenColumns(table, omit);
  return sqlite.prepare<[RowValues<T, O>]>(`INSERT INTO "${getTableName(table)}" (${columns.map(([, name]) => `"${name}"`).join(', ')}) VALUES (${columns.map(([key]) => `@${key}`).join(', ')}) ${onConflict}`);
}

/** Set by markVoided-style UPDATEs after the insert, so the freezing triggers see a row that was once in force. */
const VOID = ['voidedAt', 'voidReason', 'voidedBy'] as const;

function build(sqlite: Sqlite.Database) {
  return {
    // Places are written by `candidatePlaces` (only a dossier has them); the report summary by the triggers of migration 0007.
    candidate: insertStatement(sqlite, candidates, ['hometown', 'residence', 'occupationDetail', 'reportEvents', 'reportFindings', 'reportFindingsAsOf', 'reportFindingsUntil', 'todoFindings', ...VOID]),
    event: insertStatement(sqlite, candidateEvents),
    document: insertStatement(sqlite, dossierItems, VOID),
    introducer: insertStatement(sqlite, introducers, VOID),
    mentor: insertStatement(sqlite, mentorAssignments, VOID),
    member: insertStatement(sqlite, members, VOID),
    reportedFindings: insertStatement(sqlite, reportedFindings),
    /** The mirror's ledger, one row per record applied; a record already there (a frozen report) keeps its row with the new hash. */
    mirrorRecord: insertStatement(sqlite, mirrorRecords, [], 'ON CONFLICT (unit_code, record_kind, source_id) DO UPDATE SET sha256 = excluded.sha256'),
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
