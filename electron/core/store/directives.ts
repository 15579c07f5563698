import { and, desc, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { directiveItems, holidays, mirrorRecords, outbox, targets } from '../../../db/schema/index';
import type { DirectiveTarget, Receipt } from '../model/bundle-data';
import type { TargetPeriod } from '../model/targets';

/**
 * Directive items (docs/bundle-format.md "Directives"): what a superior queued for a unit below, sent or pending, and
 * what directives brought to this unit; with the superior-assigned targets and calendar days a directive replaces.
 */

export type ItemRow = typeof directiveItems.$inferSelect;
export type TargetRow = typeof targets.$inferSelect;
export type HolidayRow = typeof holidays.$inferSelect;

export function insertItem(tx: DbOrTx, row: typeof directiveItems.$inferInsert): void {
  tx.insert(directiveItems).values(row).run();
}

/** A receipt waiting to go back to `toCode` with the next directive. */
export function queueReceipt(tx: DbOrTx, id: string, fromCode: string, toCode: string, receipt: Receipt, now: string): void {
  insertItem(tx, { id, bundleSha256: null, fromCode, toCode, kind: 'receipt', candidateRef: null, body: receipt, createdAt: now });
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

/** Items `fromCode` has not sent yet (to one unit, or to all), oldest first. */
export function pendingItemRows(db: DbOrTx, fromCode: string, toCode?: string): ItemRow[] {
  const conditions = [eq(directiveItems.fromCode, fromCode), isNull(directiveItems.bundleSha256), toCode ? eq(directiveItems.toCode, toCode) : undefined].filter((c) => c !== undefined);
  return db.select().from(directiveItems).where(and(...conditions)).orderBy(directiveItems.createdAt, sql`rowid`).all();
}

/** The decision of `kind` about `candidateRef` that `fromCode` has queued and not sent yet, if any. */
export function pendingDecision(db: DbOrTx, fromCode: string, candidateRef: string, kind: string): ItemRow | null {
  const rows = db
    .select()
    .from(directiveItems)
    .where(and(eq(directiveItems.fromCode, fromCode), isNull(directiveItems.bundleSha256), eq(directiveItems.kind, 'decision'), eq(directiveItems.candidateRef, candidateRef)))
    .all();
  return rows.find((r) => (r.body as { kind?: unknown }).kind === kind) ?? null;
}

/** Deletes an item `fromCode` has not sent yet; returns how many rows went (0 or 1). */
export function deletePendingItem(tx: DbOrTx, id: string, fromCode: string): number {
  return tx.delete(directiveItems).where(and(eq(directiveItems.id, id), isNull(directiveItems.bundleSha256), eq(directiveItems.fromCode, fromCode))).run().changes;
}

/** Items other than receipts `fromCode` sent (to one unit, or to all), newest first. */
export function sentItemRows(db: DbOrTx, fromCode: string, toCode: string | undefined, limit: number): ItemRow[] {
  const conditions = [eq(directiveItems.fromCode, fromCode), toCode ? eq(directiveItems.toCode, toCode) : undefined, isNotNull(directiveItems.bundleSha256), ne(directiveItems.kind, 'receipt')];
  return db
    .select()
    .from(directiveItems)
    .where(and(...conditions.filter((c) => c !== undefined)))
    .orderBy(desc(directiveItems.createdAt), desc(sql`rowid`))
    .limit(limit)
    .all();
}

/** What directives brought to `toCode`, newest first. */
export function receivedItemRows(db: DbOrTx, toCode: string): ItemRow[] {
  return db
    .select()
    .from(directiveItems)
    .where(and(eq(directiveItems.toCode, toCode), isNotNull(directiveItems.bundleSha256)))
    .orderBy(desc(directiveItems.createdAt))
    .all();
}

/** The outbox's directives to `toCode`: file hash and sequence number. */
export function sentDirectives(db: DbOrTx, toCode: string): { sha256: string; seq: number }[] {
  return db
    .select({ sha256: outbox.sha256, seq: outbox.seq })
    .from(outbox)
    .where(and(eq(outbox.toCode, toCode), eq(outbox.kind, 'directive')))
    .all();
}

/** Marks delivered the items other than receipts that the directives `bundleSha256s` (at most 500) carried to `toCode`. */
export function acknowledgeItems(db: DbOrTx, toCode: string, bundleSha256s: readonly string[], now: string): number {
  return db
    .update(directiveItems)
    .set({ acknowledgedAt: now })
    .where(and(eq(directiveItems.toCode, toCode), inArray(directiveItems.bundleSha256, [...bundleSha256s]), ne(directiveItems.kind, 'receipt'), isNull(directiveItems.acknowledgedAt)))
    .run().changes;
}

/** The units `fromCode` has pending items other than receipts for. */
export function unitsWithPendingItems(db: DbOrTx, fromCode: string): string[] {
  return db
    .selectDistinct({ toCode: directiveItems.toCode })
    .from(directiveItems)
    .where(and(eq(directiveItems.fromCode, fromCode), isNull(directiveItems.bundleSha256), ne(directiveItems.kind, 'receipt')))
    .all()
    .map((r) => r.toCode);
}

/** Records the directive file that carries these items (and, for a relayed one, the relayed directive they are in). */
export function markItemsSent(tx: DbOrTx, ids: readonly string[], bundleSha256: string, relayedId?: string): void {
  tx.update(directiveItems)
    .set(relayedId === undefined ? { bundleSha256 } : { bundleSha256, relayedId })
    .where(inArray(directiveItems.id, [...ids]))
    .run();
}

/** The unit and the unit's own id of a mirrored candidate (decisions and comments name the unit's ids). */
export function mirroredCandidateSource(db: DbOrTx, candidateId: string): { unitCode: string; sourceId: string } | undefined {
  return db
    .select({ unitCode: mirrorRecords.unitCode, sourceId: mirrorRecords.sourceId })
    .from(mirrorRecords)
    .where(and(eq(mirrorRecords.localId, candidateId), eq(mirrorRecords.recordKind, 'candidate')))
    .get();
}

/**
 * The targets `unitCode` received from one giver: its direct superior (`relayedFrom` null: every target no relayed
 * directive brought, so a unit that moved replaces its old superior's too) or a superior further up whose
 * directives were relayed to it.
 */
export function receivedTargetRows(db: DbOrTx, unitCode: string, relayedFrom: string | null): TargetRow[] {
  const giver = relayedFrom === null ? isNull(targets.relayedId) : and(isNotNull(targets.relayedId), eq(targets.issuerCode, relayedFrom));
  return db.select().from(targets).where(and(eq(targets.unitCode, unitCode), eq(targets.source, 'superior'), giver)).all();
}

/** The targets this database assigned to each of `unitCodes` (a unit with none is absent), as a directive carries them. */
export function assignedTargets(db: DbOrTx, unitCodes: readonly string[]): Map<string, DirectiveTarget[]> {
  const out = new Map<string, DirectiveTarget[]>();
  for (let i = 0; i < unitCodes.length; i += 500) {
    const rows = db
      .select({ unitCode: targets.unitCode, year: targets.year, period: targets.period, kind: targets.kind, value: targets.value })
      .from(targets)
      .where(and(inArray(targets.unitCode, unitCodes.slice(i, i + 500)), eq(targets.source, 'superior'), isNull(targets.relayedId)))
      .all();
    for (const { unitCode, ...t } of rows) {
      out.set(unitCode, [...(out.get(unitCode) ?? []), { ...t, period: t.period as TargetPeriod }]);
    }
  }
  return out;
}

export function deleteTargets(tx: DbOrTx, ids: readonly string[]): void {
  for (let i = 0; i < ids.length; i += 500) {
    tx.delete(targets).where(inArray(targets.id, ids.slice(i, i + 500))).run();
  }
}

export function insertTarget(tx: DbOrTx, row: typeof targets.$inferInsert): void {
  tx.insert(targets).values(row).run();
}

/** The calendar day recorded for `date`, if any. */
export function holidayOn(db: DbOrTx, date: string): HolidayRow | undefined {
  return db.select().from(holidays).where(eq(holidays.date, date)).get();
}
