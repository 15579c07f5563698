import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { unitKeys, units } from '../../../db/schema/index';

/** Keys of the own unit and of the units it exchanges bundles with (docs/bundle-format.md "Keys"). */

export type KeyRow = typeof unitKeys.$inferSelect;
export type KeyKind = KeyRow['kind'];

export function insertKey(tx: DbOrTx, row: Omit<KeyRow, 'revokedAt'>): void {
  tx.insert(unitKeys).values({ revokedAt: null, ...row }).run();
}

export function activeKey(db: DbOrTx, unitCode: string, kind: KeyKind): KeyRow | undefined {
  return db.select().from(unitKeys).where(and(eq(unitKeys.unitCode, unitCode), eq(unitKeys.kind, kind), eq(unitKeys.status, 'active'))).get();
}

/** The latest revoked signing key of a unit. */
export function revokedSigningKey(db: DbOrTx, unitCode: string): KeyRow | undefined {
  return db.select().from(unitKeys).where(and(eq(unitKeys.unitCode, unitCode), eq(unitKeys.kind, 'ed25519'), eq(unitKeys.status, 'revoked'))).orderBy(desc(sql`rowid`)).get();
}

/** The public signing keys a unit used before its rotations (retired, not revoked). */
export function retiredSigningKeys(db: DbOrTx, unitCode: string): string[] {
  return db
    .select({ publicKey: unitKeys.publicKey })
    .from(unitKeys)
    .where(and(eq(unitKeys.unitCode, unitCode), eq(unitKeys.kind, 'ed25519'), eq(unitKeys.status, 'retired')))
    .all()
    .map((r) => r.publicKey);
}

/** Retires every active key of a unit (both kinds). */
export function retireActiveKeys(tx: DbOrTx, unitCode: string): void {
  tx.update(unitKeys).set({ status: 'retired' }).where(and(eq(unitKeys.unitCode, unitCode), eq(unitKeys.status, 'active'))).run();
}

export function retireKey(tx: DbOrTx, id: string): void {
  tx.update(unitKeys).set({ status: 'retired' }).where(eq(unitKeys.id, id)).run();
}

export function markKeyVerified(tx: DbOrTx, id: string, now: string): void {
  tx.update(unitKeys).set({ verifiedAt: now }).where(eq(unitKeys.id, id)).run();
}

/** Marks verified every active key of a unit. */
export function verifyActiveKeys(tx: DbOrTx, unitCode: string, now: string): void {
  tx.update(unitKeys).set({ verifiedAt: now }).where(and(eq(unitKeys.unitCode, unitCode), eq(unitKeys.status, 'active'))).run();
}

/** Revokes a unit's active and retired keys; returns how many were. */
export function revokeKeys(tx: DbOrTx, unitCode: string, now: string): number {
  return tx.update(unitKeys).set({ status: 'revoked', revokedAt: now }).where(and(eq(unitKeys.unitCode, unitCode), inArray(unitKeys.status, ['active', 'retired']))).run().changes;
}

/** Every age private key a unit holds, the active one first, then newest first. */
export function ageIdentities(db: DbOrTx, unitCode: string): string[] {
  return db
    .select({ key: unitKeys.privateKey })
    .from(unitKeys)
    .where(and(eq(unitKeys.unitCode, unitCode), eq(unitKeys.kind, 'age'), isNotNull(unitKeys.privateKey)))
    .orderBy(sql`${unitKeys.status} = 'active' DESC`, desc(sql`rowid`))
    .all()
    .map((r) => r.key ?? '');
}

/** The age key rows of a unit that hold a private key. */
export function ageKeysWithPrivate(db: DbOrTx, unitCode: string): KeyRow[] {
  return db.select().from(unitKeys).where(and(eq(unitKeys.unitCode, unitCode), eq(unitKeys.kind, 'age'), isNotNull(unitKeys.privateKey))).all();
}

/** Verified active or retired signing keys of the mirrored units, by unit code, the active one first. */
export function verifiedMirrorSigningKeys(db: DbOrTx): { code: string; publicKey: string }[] {
  return db
    .select({ code: unitKeys.unitCode, publicKey: unitKeys.publicKey })
    .from(unitKeys)
    .innerJoin(units, eq(units.code, unitKeys.unitCode))
    .where(and(eq(units.origin, 'mirror'), eq(unitKeys.kind, 'ed25519'), inArray(unitKeys.status, ['active', 'retired']), isNotNull(unitKeys.verifiedAt)))
    .orderBy(unitKeys.unitCode, sql`${unitKeys.status} = 'active' DESC`)
    .all();
}

/** Codes of the mirrored units with a verified active signing key, in code order. */
export function verifiedMirrorCodes(db: DbOrTx): string[] {
  return db
    .selectDistinct({ code: unitKeys.unitCode })
    .from(unitKeys)
    .innerJoin(units, eq(units.code, unitKeys.unitCode))
    .where(and(eq(units.origin, 'mirror'), eq(unitKeys.kind, 'ed25519'), eq(unitKeys.status, 'active'), isNotNull(unitKeys.verifiedAt)))
    .orderBy(unitKeys.unitCode)
    .all()
    .map((r) => r.code);
}

/** The public key of a signing key this database holds the private half of, by fingerprint. */
export function ownSigningPublicKey(db: DbOrTx, fingerprint: string): string | null {
  const row = db
    .select({ publicKey: unitKeys.publicKey })
    .from(unitKeys)
    .where(and(eq(unitKeys.kind, 'ed25519'), eq(unitKeys.fingerprint, fingerprint), isNotNull(unitKeys.privateKey)))
    .get();
  return row?.publicKey ?? null;
}
