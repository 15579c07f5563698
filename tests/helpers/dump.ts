import { createHash } from 'node:crypto';
import type Sqlite from 'better-sqlite3';

/** Every table of a database as rows, in rowid order; what a test compares to prove nothing was written. */
export type LogicalDump = Record<string, unknown[]>;

export type DumpOptions = {
  /** Tables left out (e.g. `audit_log`, when a test compares only data tables). */
  exclude?: readonly string[];
  /** Only these tables. */
  only?: readonly string[];
  /**
   * Rows compared as a set, in the order of their content rather than of their rowids: a superior's mirror keeps the
   * rows a new snapshot leaves unchanged where they were, so the same mirror reached by other imports may hold
   * them in another physical order.
   */
  unordered?: boolean;
};

/** Blobs (archived bundle files) are reduced to their hash, so dumps stay small enough to diff. */
function plain(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = Buffer.isBuffer(value) ? `blob:sha256:${createHash('sha256').update(value).digest('hex')}` : value;
  }
  return out;
}

/**
 * A logical dump: every ordinary table (FTS shadow tables included, the virtual table itself left to them), each
 * ordered by rowid, or by its primary key for WITHOUT ROWID tables. Two dumps are equal exactly when the stored data is.
 */
export function logicalDump(sqlite: Sqlite.Database, options: DumpOptions = {}): LogicalDump {
  const tables = sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string; sql: string | null }[];
  const dump: LogicalDump = {};
  for (const { name, sql } of tables) {
    const virtual = /^CREATE VIRTUAL TABLE/i.test(sql ?? '');
    if (virtual || options.exclude?.includes(name) || (options.only && !options.only.includes(name))) {
      continue;
    }
    const order = /WITHOUT ROWID/i.test(sql ?? '') ? '1' : 'rowid';
    const rows = (sqlite.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).all() as Record<string, unknown>[]).map(plain);
    dump[name] = options.unordered ? rows.map((r) => [JSON.stringify(r), r] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r) : rows;
  }
  return dump;
}

/** A sha256 of the logical dump: cheap to keep for each of a thousand hostile files. */
export function dumpDigest(sqlite: Sqlite.Database, options: DumpOptions = {}): string {
  return createHash('sha256').update(JSON.stringify(logicalDump(sqlite, options))).digest('hex');
}

/** The tables that hold a unit's mirrored records at a superior (for order- and idempotence-tests of imports). */
export const MIRROR_TABLES = [
  'units',
  'unit_keys',
  'members',
  'candidates',
  'candidate_events',
  'dossier_items',
  'introducers',
  'mentor_assignments',
  'candidate_findings',
  'targets',
  'frozen_reports',
  'mirror_records',
] as const;
