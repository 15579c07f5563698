import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/types';
import { inbox } from '../../../db/schema/index';

/**
 * The received files a superior holds that newer ones superseded (docs/sync-limits.md "Retention"): every
 * unit-report of a unit but the latest it applied in the unit's current numbering, and the files of a numbering
 * no longer current. Files held aside in the current numbering (stale, conflict) are not among them: accepting the
 * unit's new numbering applies one of those.
 */
export function supersededFiles(db: Db, unitCode?: string): { sha256: string; fromCode: string; fileName: string }[] {
  return db.$client
    .prepare(
      `SELECT i.sha256, i.from_code AS fromCode, i.file_name AS fileName FROM inbox i
       JOIN sync_state s ON s.peer_code = i.from_code AND s.direction = 'in'
       WHERE i.kind = 'unit-report' AND i.moved_to IS NULL AND (@unit IS NULL OR i.from_code = @unit)
         AND (i.numbering < s.numbering OR (i.status = 'applied' AND i.numbering = s.numbering AND i.seq <
           (SELECT max(l.seq) FROM inbox l WHERE l.from_code = i.from_code AND l.kind = 'unit-report' AND l.status = 'applied' AND l.numbering = s.numbering)))
       ORDER BY i.from_code, i.seq`,
    )
    .all({ unit: unitCode ?? null }) as { sha256: string; fromCode: string; fileName: string }[];
}

/** The bytes of a received file still held in the database (null once moved out). */
export function heldFileBytes(db: DbOrTx, sha256: string): Uint8Array | null {
  const row = db.select({ bytes: inbox.bytes, movedTo: inbox.movedTo }).from(inbox).where(eq(inbox.sha256, sha256)).get();
  return row && row.movedTo === null ? new Uint8Array(row.bytes) : null;
}

/** Records that a received file now lives at `movedTo` (under the data folder) and frees its bytes here. */
export function markMovedOut(db: DbOrTx, sha256: string, movedTo: string, size: number): void {
  db.update(inbox).set({ movedTo, size, bytes: sql`x''` }).where(eq(inbox.sha256, sha256)).run();
}

/** The file the database lives in, beside which its archive folder sits; null for an in-memory database. */
export function databaseFile(db: Db): string | null {
  return db.$client.memory || !db.$client.name ? null : db.$client.name;
}
