import type { Db } from '../../../db/types';

/**
 * How a memo of derived data tells that the database changed: SQLite's total_changes() moves on every row this
 * connection writes, data_version on every commit by another connection, and both cost nothing to read.
 */

export type ChangeStamp = { changes: number; version: number };

export function changeStamp(db: Db): ChangeStamp {
  const sqlite = db.$client;
  const changes = (sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  return { changes, version: sqlite.pragma('data_version', { simple: true }) as number };
}

/** The open connection under `db`: every query builder over one connection shares its memo. */
export function connectionOf(db: Db): object {
  return db.$client;
}
