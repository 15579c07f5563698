import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { quarantine } from '../../../db/schema/index';
import type { QuarantineEntry } from '../model/sync';

/**
 * Quarantined records as stored: what a received bundle carried that failed a check, kept with its reason until it is
 * re-tried successfully or superseded by a newer snapshot of the same sender.
 */

type Row = typeof quarantine.$inferSelect;
export type QuarantineRow = Row;

const toEntry = (r: Row): QuarantineEntry => ({
  id: r.id,
  fromCode: r.fromCode,
  bundleSha256: r.bundleSha256,
  recordKind: r.recordKind,
  recordKey: r.recordKey,
  reason: r.reason,
  createdAt: r.createdAt,
  retryable: r.recordKind !== 'bundle',
});

const unresolved = (fromCode?: string) => and(...[isNull(quarantine.resolvedAt), fromCode ? eq(quarantine.fromCode, fromCode) : undefined].filter((c) => c !== undefined));

/** Unresolved records (of one sender, or all), oldest first. */
export function selectQuarantine(db: DbOrTx, fromCode: string | undefined, limit: number, offset: number): QuarantineEntry[] {
  return db
    .select()
    .from(quarantine)
    .where(unresolved(fromCode))
    .orderBy(asc(quarantine.createdAt), asc(quarantine.recordKey), asc(quarantine.id))
    .limit(limit)
    .offset(offset)
    .all()
    .map(toEntry);
}

export function countQuarantine(db: DbOrTx, fromCode?: string): number {
  return db.select({ n: sql<number>`count(*)` }).from(quarantine).where(unresolved(fromCode)).get()?.n ?? 0;
}

export function unresolvedQuarantineRow(db: DbOrTx, id: string): Row | undefined {
  return db.select().from(quarantine).where(and(eq(quarantine.id, id), isNull(quarantine.resolvedAt))).get();
}

export function resolveQuarantined(tx: DbOrTx, id: string, now: string): void {
  tx.update(quarantine).set({ resolvedAt: now }).where(eq(quarantine.id, id)).run();
}

export function setQuarantineReason(tx: DbOrTx, id: string, reason: string): void {
  tx.update(quarantine).set({ reason }).where(eq(quarantine.id, id)).run();
}

/** Decisions of `parentCode` this unit set aside and has not applied since (key "<kind> <number>"). */
export function refusedDecisionRows(db: DbOrTx, parentCode: string, limit: number): { key: string; reason: string }[] {
  return db
    .select({ key: quarantine.recordKey, reason: quarantine.reason })
    .from(quarantine)
    .where(and(eq(quarantine.fromCode, parentCode), eq(quarantine.recordKind, 'decision'), isNull(quarantine.resolvedAt)))
    .limit(limit)
    .all();
}

export type QuarantinedRecord = { recordKind: string; recordKey: string; reason: string; payload: unknown };

/** The record a quarantine row holds, as it was received. */
export const quarantinedPayload = (row: { payload: unknown }): unknown => (row.payload as { record?: unknown } | null)?.record;

export function addQuarantine(db: DbOrTx, bundleSha256: string, fromCode: string, records: readonly QuarantinedRecord[], now: string): void {
  for (const r of records) {
    // Wrapped, because a record may itself be JSON null and the column may not be.
    db.insert(quarantine).values({ id: randomUUID(), bundleSha256, fromCode, recordKind: r.recordKind, recordKey: r.recordKey, reason: r.reason, payload: { record: r.payload }, createdAt: now }).run();
  }
}

/** Drops a unit's unresolved quarantined records of earlier snapshots: the newer snapshot carries the whole state. */
export function dropSupersededQuarantine(db: DbOrTx, fromCode: string, keepSha256: string): void {
  db.delete(quarantine)
    .where(and(eq(quarantine.fromCode, fromCode), isNull(quarantine.resolvedAt), sql`${quarantine.bundleSha256} <> ${keepSha256}`))
    .run();
}

/** Marks the whole files of `fromCode` kept apart as conflicts resolved (its new numbering was accepted). */
export function resolveHeldFiles(db: DbOrTx, fromCode: string, now: string): void {
  db.update(quarantine)
    .set({ resolvedAt: now })
    .where(and(eq(quarantine.fromCode, fromCode), eq(quarantine.recordKind, 'bundle'), isNull(quarantine.resolvedAt)))
    .run();
}

