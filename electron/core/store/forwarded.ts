import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { forwardedSnapshots } from '../../../db/schema/index';

/** Snapshots of units deeper below, as their superior forwarded them here (docs/bundle-format.md "Forwarding up the tree"). */

export type ForwardedRow = typeof forwardedSnapshots.$inferSelect;

/** Of `codes`, the units whose snapshot came forwarded: through which unit below, its own number, when it was applied. */
export function forwardedSummaries(db: DbOrTx, codes: readonly string[]): Map<string, { viaCode: string; seq: number; appliedAt: string }> {
  const rows = codes.length === 0 ? [] : db.select({ unitCode: forwardedSnapshots.unitCode, viaCode: forwardedSnapshots.viaCode, seq: forwardedSnapshots.seq, appliedAt: forwardedSnapshots.appliedAt }).from(forwardedSnapshots).where(inArray(forwardedSnapshots.unitCode, [...codes])).all();
  return new Map(rows.map((r) => [r.unitCode, { viaCode: r.viaCode, seq: r.seq, appliedAt: r.appliedAt }]));
}

/**
 * The snapshot of a unit deeper below held here, as that unit signed it (null: none received through forwarding),
 * with the superior its manifest was addressed to (its `seq` counts toward that one) and the key it was signed with.
 */
export function forwardedSnapshotOf(db: DbOrTx, unitCode: string): (Pick<ForwardedRow, 'viaCode' | 'seq' | 'sumsSha256' | 'publicKey'> & { toCode: string | null }) | null {
  const row = db
    .select({ viaCode: forwardedSnapshots.viaCode, seq: forwardedSnapshots.seq, sumsSha256: forwardedSnapshots.sumsSha256, publicKey: forwardedSnapshots.publicKey, manifest: forwardedSnapshots.manifest })
    .from(forwardedSnapshots)
    .where(eq(forwardedSnapshots.unitCode, unitCode))
    .get();
  if (!row) {
    return null;
  }
  const { manifest, ...held } = row;
  // Checked and signed when it was applied; a row that no longer parses is treated as from an unknown superior.
  let toCode: string | null = null;
  try {
    toCode = (JSON.parse(manifest.toString('utf8')) as { to?: { code?: string } }).to?.code ?? null;
  } catch {
    toCode = null;
  }
  return { ...held, toCode };
}

/**
 * data.json is kept gzip-compressed (a fifth to a tenth of its size: at a Khối it was most of what an import wrote),
 * and given back byte for byte. A JSON text never begins with gzip's magic bytes, so the rows an older ptdv wrote
 * uncompressed read as they are.
 */
const GZIP_MAGIC = [0x1f, 0x8b];
const packData = (data: Buffer) => gzipSync(data, { level: constants.Z_BEST_SPEED });
const unpackData = (data: Buffer) => (data[0] === GZIP_MAGIC[0] && data[1] === GZIP_MAGIC[1] ? gunzipSync(data) : data);

export function saveForwardedSnapshot(tx: DbOrTx, row: ForwardedRow): void {
  const stored = { ...row, data: packData(row.data) };
  const { unitCode: _u, ...rest } = stored;
  tx.insert(forwardedSnapshots).values(stored).onConflictDoUpdate({ target: forwardedSnapshots.unitCode, set: rest }).run();
}

/** A unit deeper below that now reports directly: its snapshots come through the inbox from then on. */
export function dropForwardedSnapshot(tx: DbOrTx, unitCode: string): void {
  tx.delete(forwardedSnapshots).where(eq(forwardedSnapshots.unitCode, unitCode)).run();
}

/** Every snapshot of a unit deeper below held here, in unit code order (what this unit forwards further up). */
export function allForwardedSnapshots(db: DbOrTx): ForwardedRow[] {
  return db.select().from(forwardedSnapshots).orderBy(asc(forwardedSnapshots.unitCode)).all().map((row) => ({ ...row, data: unpackData(row.data) }));
}
