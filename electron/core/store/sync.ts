import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { inbox, outbox, syncState } from '../../../db/schema/index';
import type { OutboxEntry } from '../model/sync';

/**
 * Sync state and the bundle log as stored: the last sequence number per peer and direction (with the peer's current
 * numbering), the received files (`inbox`, the archive every import writes) and the sent ones (`outbox`).
 */

export type Direction = 'in' | 'out';
export type SeqState = { lastSeq: number; lastSumsSha256: string | null };

export function seqState(db: DbOrTx, peerCode: string, direction: Direction): SeqState | null {
  const row = db.select().from(syncState).where(and(eq(syncState.peerCode, peerCode), eq(syncState.direction, direction))).get();
  return row ? { lastSeq: row.lastSeq, lastSumsSha256: row.lastSumsSha256 } : null;
}

/** Which numbering of `peerCode` counts for what arrives from it (0 until the superior accepts a new one). */
export function currentNumbering(db: DbOrTx, peerCode: string): number {
  return db.select({ n: syncState.numbering }).from(syncState).where(and(eq(syncState.peerCode, peerCode), eq(syncState.direction, 'in'))).get()?.n ?? 0;
}

/** Sets the last sequence number; `numbering` given starts a new numbering of the peer (incoming only). */
export function setSeqState(tx: DbOrTx, peerCode: string, direction: Direction, state: SeqState, now: string, numbering?: number): void {
  const values = { peerCode, direction, lastSeq: state.lastSeq, lastSumsSha256: state.lastSumsSha256, updatedAt: now, ...(numbering === undefined ? {} : { numbering }) };
  const { peerCode: _p, direction: _d, ...set } = values;
  tx.insert(syncState).values(values).onConflictDoUpdate({ target: [syncState.peerCode, syncState.direction], set }).run();
}

/** SHA256SUMS hashes of what was received from `fromCode` under `seq` in its current numbering (normally one; more after a conflict). */
export function receivedSumsForSeq(db: DbOrTx, fromCode: string, seq: number): string[] {
  return db
    .select({ sums: inbox.sumsSha256 })
    .from(inbox)
    .where(and(eq(inbox.fromCode, fromCode), eq(inbox.seq, seq), eq(inbox.numbering, currentNumbering(db, fromCode))))
    .orderBy(asc(inbox.receivedAt))
    .all()
    .map((r) => r.sums ?? '');
}

export function isArchived(db: DbOrTx, sha256: string): boolean {
  return db.select({ sha256: inbox.sha256 }).from(inbox).where(eq(inbox.sha256, sha256)).get() !== undefined;
}

export type InboxRow = typeof inbox.$inferInsert;

/** Archives a received file; a file archived before (re-applied under a new numbering) gets its new outcome. */
export function archive(tx: DbOrTx, row: InboxRow): void {
  const { sha256: _s, bytes: _b, ...outcome } = row;
  tx.insert(inbox).values(row).onConflictDoUpdate({ target: inbox.sha256, set: outcome }).run();
}

/** Sequence numbers of the directives from `parentCode` applied here (what the next unit-report acknowledges). */
export function appliedDirectiveSeqs(db: DbOrTx, parentCode: string): number[] {
  return db
    .select({ seq: inbox.seq })
    .from(inbox)
    .where(and(eq(inbox.fromCode, parentCode), eq(inbox.kind, 'directive'), eq(inbox.status, 'applied')))
    .all()
    .map((r) => r.seq ?? 0);
}

/** The archived file of the latest unit-report applied from `fromCode` in its current numbering (what it last signed). */
export function latestAppliedReport(db: DbOrTx, fromCode: string): Uint8Array | null {
  const row = db
    .select({ bytes: inbox.bytes })
    .from(inbox)
    .where(and(eq(inbox.fromCode, fromCode), eq(inbox.kind, 'unit-report'), eq(inbox.status, 'applied'), eq(inbox.numbering, currentNumbering(db, fromCode))))
    .orderBy(desc(inbox.seq))
    .get();
  return row ? new Uint8Array(row.bytes) : null;
}

/** Files of `unitCode` kept without applying (older number, or same number with other content) in its current numbering, newest first. */
export function heldAsideFiles(db: DbOrTx, unitCode: string) {
  return db
    .select({ sha256: inbox.sha256, fileName: inbox.fileName, bytes: inbox.bytes, seq: inbox.seq })
    .from(inbox)
    .where(and(eq(inbox.fromCode, unitCode), inArray(inbox.status, ['stale', 'conflict']), eq(inbox.numbering, currentNumbering(db, unitCode))))
    .orderBy(desc(inbox.receivedAt), desc(inbox.seq))
    .all();
}

export type OutboxRow = typeof outbox.$inferInsert;

export function addToOutbox(tx: DbOrTx, row: OutboxRow): void {
  tx.insert(outbox).values(row).run();
}

const outboxColumns = {
  bundleId: outbox.bundleId,
  toCode: outbox.toCode,
  kind: outbox.kind,
  label: outbox.label,
  seq: outbox.seq,
  fileName: outbox.fileName,
  sha256: outbox.sha256,
  createdAt: outbox.createdAt,
  bytes: sql<number>`length(${outbox.bytes})`,
};

/** What this unit sent, newest first (without the file bytes). */
export function listOutbox(db: DbOrTx): OutboxEntry[] {
  return db.select(outboxColumns).from(outbox).orderBy(desc(outbox.createdAt), desc(outbox.seq)).all();
}

export function outboxFile(db: DbOrTx, bundleId: string): { entry: OutboxEntry; bytes: Uint8Array } | null {
  const row = db.select({ ...outboxColumns, file: outbox.bytes }).from(outbox).where(eq(outbox.bundleId, bundleId)).get();
  if (!row) {
    return null;
  }
  const { file, ...entry } = row;
  return { entry, bytes: new Uint8Array(file) };
}
