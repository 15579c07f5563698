import { and, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { directiveItems, relayedDirectives } from '../../../db/schema/index';

/** Directives relayed down the tree (docs/bundle-format.md "Directives down the tree"), as kept byte for byte. */

export type RelayedRow = typeof relayedDirectives.$inferSelect;

export function insertRelayed(db: DbOrTx, row: RelayedRow): void {
  db.insert(relayedDirectives).values(row).run();
}

export function relayedBySums(db: DbOrTx, sumsSha256: string): RelayedRow | undefined {
  return db.select().from(relayedDirectives).where(eq(relayedDirectives.sumsSha256, sumsSha256)).get();
}

export function relayedById(db: DbOrTx, id: string): RelayedRow | undefined {
  return db.select().from(relayedDirectives).where(eq(relayedDirectives.id, id)).get();
}

/** What waits here to be passed on towards one of `targets`, oldest first. */
export function waitingRelayed(db: DbOrTx, targets: readonly string[]): RelayedRow[] {
  if (targets.length === 0) {
    return [];
  }
  return db
    .select()
    .from(relayedDirectives)
    .where(and(inArray(relayedDirectives.targetCode, [...targets]), isNull(relayedDirectives.carriedIn), isNull(relayedDirectives.appliedAt)))
    .orderBy(relayedDirectives.issuerCode, relayedDirectives.targetCode, relayedDirectives.seq)
    .all();
}

export function markCarried(db: DbOrTx, ids: readonly string[], bundleSha256: string): void {
  for (let i = 0; i < ids.length; i += 500) {
    db.update(relayedDirectives).set({ carriedIn: bundleSha256 }).where(inArray(relayedDirectives.id, ids.slice(i, i + 500))).run();
  }
}

/** The latest directive `issuerCode` signed for (or this unit applied from it as) `targetCode`: numbering and chaining go on from it. */
export function lastRelayed(db: DbOrTx, issuerCode: string, targetCode: string): RelayedRow | undefined {
  return db
    .select()
    .from(relayedDirectives)
    .where(and(eq(relayedDirectives.issuerCode, issuerCode), eq(relayedDirectives.targetCode, targetCode)))
    .orderBy(desc(relayedDirectives.seq))
    .limit(1)
    .get();
}

/** At the unit: the signed SHA256SUMS hashes of the relayed directives it applied, newest first, for its unit-report. */
export function appliedRelayedSums(db: DbOrTx, selfCode: string): string[] {
  return db
    .select({ sums: relayedDirectives.sumsSha256 })
    .from(relayedDirectives)
    .where(and(eq(relayedDirectives.targetCode, selfCode), isNotNull(relayedDirectives.appliedAt)))
    .orderBy(desc(relayedDirectives.appliedAt))
    .limit(10_000)
    .all()
    .map((r) => r.sums);
}

/**
 * At the issuer, in the import transaction: marks delivered the items its directives to `unitCode` carried, for those
 * the unit says it applied. Returns how many became delivered.
 */
export function acknowledgeRelayed(db: DbOrTx, selfCode: string, unitCode: string, applied: readonly string[], now: string): number {
  let changed = 0;
  for (let i = 0; i < applied.length; i += 500) {
    const ids = db
      .select({ id: relayedDirectives.id })
      .from(relayedDirectives)
      .where(and(eq(relayedDirectives.issuerCode, selfCode), eq(relayedDirectives.targetCode, unitCode), inArray(relayedDirectives.sumsSha256, applied.slice(i, i + 500))))
      .all()
      .map((r) => r.id);
    if (ids.length > 0) {
      changed += db.update(directiveItems).set({ acknowledgedAt: now }).where(and(inArray(directiveItems.relayedId, ids), isNull(directiveItems.acknowledgedAt))).run().changes;
    }
  }
  return changed;
}
