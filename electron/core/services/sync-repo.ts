import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/types';
import { directiveItems, forwardedSnapshots, inbox, outbox, syncState } from '../../../db/schema/index';
import { summariseQuarantined } from '../domain/bundles/index';
import { AppError } from '../errors';
import type { Receipt } from '../model/bundle-data';
import type { ImportStatus, ImportSummary, OutboxEntry } from '../model/sync';
import { newId } from './context';
import type { QuarantinedRecord } from '../store/quarantine';

/** Reads and writes of the sync tables, shared by export, import, directives and the units page. */

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
export function setSeqState(db: DbOrTx, peerCode: string, direction: Direction, state: SeqState, now: string, numbering?: number): void {
  const values = { peerCode, direction, lastSeq: state.lastSeq, lastSumsSha256: state.lastSumsSha256, updatedAt: now, ...(numbering === undefined ? {} : { numbering }) };
  const { peerCode: _p, direction: _d, ...set } = values;
  db.insert(syncState).values(values).onConflictDoUpdate({ target: [syncState.peerCode, syncState.direction], set }).run();
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
export function archive(db: DbOrTx, row: InboxRow): void {
  const { sha256: _s, bytes: _b, ...outcome } = row;
  db.insert(inbox).values(row).onConflictDoUpdate({ target: inbox.sha256, set: outcome }).run();
}

/** Every sequence number archived from `fromCode` in its current numbering (for the units page's missing numbers). */
export function receivedSeqs(db: DbOrTx, fromCode: string): number[] {
  return db
    .select({ seq: inbox.seq })
    .from(inbox)
    .where(and(eq(inbox.fromCode, fromCode), eq(inbox.numbering, currentNumbering(db, fromCode))))
    .all()
    .map((r) => r.seq ?? 0);
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

export type OutboxRow = typeof outbox.$inferInsert;

export function addToOutbox(db: DbOrTx, row: OutboxRow): void {
  db.insert(outbox).values(row).run();
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

/** A receipt waiting to go back to `toCode` with the next directive. */
export function queueReceipt(db: DbOrTx, fromCode: string, toCode: string, receipt: Receipt, now: string): void {
  db.insert(directiveItems).values({ id: newId(), bundleSha256: null, fromCode, toCode, kind: 'receipt', candidateRef: null, body: receipt, createdAt: now }).run();
}

/** True when a receipt for the file `sha256` already waits for, or went to, `toCode`. */
export function hasReceipt(db: DbOrTx, fromCode: string, toCode: string, sha256: string): boolean {
  return (
    db
      .select({ id: directiveItems.id })
      .from(directiveItems)
      .where(and(eq(directiveItems.fromCode, fromCode), eq(directiveItems.toCode, toCode), eq(directiveItems.kind, 'receipt'), sql`json_extract(${directiveItems.body}, '$.sha256') = ${sha256}`))
      .get() !== undefined
  );
}

/** The receipt of one received file, as the next directive returns it to the sender. */
export function receiptOf(input: {
  bundleId: string;
  sha256: string;
  seq: number;
  label: string;
  status: ImportStatus;
  receivedAt: string;
  summary: ImportSummary | null;
  quarantined: readonly QuarantinedRecord[];
  errorCode?: string;
}): Receipt {
  // However many records were set aside, the receipt stays small enough for any directive (SYNC_LIMITS).
  const { sample, counts } = summariseQuarantined(input.quarantined);
  return {
    bundleId: input.bundleId,
    sha256: input.sha256,
    seq: input.seq,
    label: input.label,
    status: input.status,
    receivedAt: input.receivedAt,
    errorCode: input.errorCode ?? null,
    summary: input.summary,
    quarantined: sample,
    quarantinedCounts: counts,
  };
}

/**
 * Applies one received record in a savepoint of the caller's transaction: when it is refused (an AppError, or its
 * ids clash with rows already here) its half-written rows are undone and the reason returned, so the record can be
 * quarantined while the rest of the bundle applies. Anything else is a bug and aborts the whole import.
 */
export function inSavepoint<T>(db: Db, apply: () => T): { ok: true; value: T } | { ok: false; reason: string } {
  try {
    return { ok: true, value: db.transaction(apply) };
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, reason: error.message.slice(0, 1000) };
    }
    if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
      return { ok: false, reason: 'mã bản ghi trùng với dữ liệu đã có' };
    }
    throw error;
  }
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

export type ForwardedRow = typeof forwardedSnapshots.$inferSelect;

/** The snapshot of a unit deeper below held here, as that unit signed it (null: none received through forwarding). */
export function forwardedSnapshotOf(db: DbOrTx, unitCode: string): Pick<ForwardedRow, 'viaCode' | 'seq' | 'sumsSha256'> | null {
  return db.select({ viaCode: forwardedSnapshots.viaCode, seq: forwardedSnapshots.seq, sumsSha256: forwardedSnapshots.sumsSha256 }).from(forwardedSnapshots).where(eq(forwardedSnapshots.unitCode, unitCode)).get() ?? null;
}

export function saveForwardedSnapshot(db: DbOrTx, row: ForwardedRow): void {
  const { unitCode: _u, ...rest } = row;
  db.insert(forwardedSnapshots).values(row).onConflictDoUpdate({ target: forwardedSnapshots.unitCode, set: rest }).run();
}

/** A unit deeper below that now reports directly: its snapshots come through the inbox from then on. */
export function dropForwardedSnapshot(db: DbOrTx, unitCode: string): void {
  db.delete(forwardedSnapshots).where(eq(forwardedSnapshots.unitCode, unitCode)).run();
}

/** Every snapshot of a unit deeper below held here, in unit code order (what this unit forwards further up). */
export function allForwardedSnapshots(db: DbOrTx): ForwardedRow[] {
  return db.select().from(forwardedSnapshots).orderBy(asc(forwardedSnapshots.unitCode)).all();
}
