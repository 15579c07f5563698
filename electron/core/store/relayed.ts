import { z } from 'zod';
import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { directiveItems, relayedDirectives } from '../../../db/schema/index';
import { directiveTargetSchema, type DirectiveTarget } from '../model/bundle-data';

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

/** Directives received from above for a unit further below, kept until this unit's next directive carries them on. */
export function heldForBelow(db: DbOrTx, selfCode: string): RelayedRow[] {
  return db
    .select()
    .from(relayedDirectives)
    .where(and(isNotNull(relayedDirectives.viaCode), sql`${relayedDirectives.targetCode} <> ${selfCode}`, isNull(relayedDirectives.carriedIn), isNull(relayedDirectives.appliedAt)))
    .orderBy(relayedDirectives.targetCode, relayedDirectives.issuerCode, relayedDirectives.seq)
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

const targetList = z.array(directiveTargetSchema);

/**
 * The targets the latest directive each issuer signed for each of `targetCodes` carried, read from its signed
 * data.json: per unit, per issuer (the one issuer `only`, or every issuer but `except`). A unit no directive was
 * signed for is absent. Every directive of an issuer carries its full set for the unit, so the latest one stands.
 */
export function lastRelayedTargets(db: DbOrTx, targetCodes: readonly string[], issuers: { only: string } | { except: string }): Map<string, Map<string, { issuerName: string; targets: DirectiveTarget[] }>> {
  const out = new Map<string, Map<string, { issuerName: string; targets: DirectiveTarget[] }>>();
  const issuer = 'only' in issuers ? sql`r.issuer_code = ${issuers.only}` : sql`r.issuer_code <> ${issuers.except}`;
  for (let i = 0; i < targetCodes.length; i += 500) {
    const codes = sql.join(
      targetCodes.slice(i, i + 500).map((c) => sql`${c}`),
      sql`, `,
    );
    const rows = db.all<{ issuerCode: string; issuerName: string; targetCode: string; targets: string | null }>(sql`
      SELECT r.issuer_code AS issuerCode, r.issuer_name AS issuerName, r.target_code AS targetCode,
        json_extract(CAST(r.data AS TEXT), '$.targets') AS targets
      FROM relayed_directives r
      WHERE r.target_code IN (${codes}) AND ${issuer}
        AND r.seq = (SELECT max(m.seq) FROM relayed_directives m WHERE m.issuer_code = r.issuer_code AND m.target_code = r.target_code)`);
    for (const r of rows) {
      // Checked against the issuer's signature when it arrived (or signed here); an older issuer's data has none.
      const parsed = targetList.safeParse(r.targets === null ? [] : JSON.parse(r.targets));
      const byIssuer = out.get(r.targetCode) ?? new Map<string, { issuerName: string; targets: DirectiveTarget[] }>();
      byIssuer.set(r.issuerCode, { issuerName: r.issuerName, targets: parsed.success ? parsed.data : [] });
      out.set(r.targetCode, byIssuer);
    }
  }
  return out;
}
