import type { Db, DbOrTx } from '../../../db/types';
import {
  allowedSignersLine,
  fingerprintOf,
  formatAgeIdentityFile,
  generateAgeKeyPairSync,
  generateSigningKey,
  makeTrustFile,
  parseTrustFile,
  readAloudCode,
  sameReadAloudCode,
  serializeTrustFile,
  type SignerRecord,
  type TrustFile,
} from '../domain/bundles/index';
import { AppError } from '../errors';
import type { KeyIdentity, KeysInfo } from '../model/sync';
import { audit, newId, type ServiceContext } from './context';
import { getSelfUnit, getUnit, insertParentUnit, setParentCode, updateUnitNameLevel } from '../store/units';
import {
  activeKey,
  ageIdentities,
  ageKeysWithPrivate,
  insertKey as insertKeyRow,
  markKeyVerified,
  ownSigningPublicKey,
  retireActiveKeys,
  retireKey,
  retiredSigningKeys,
  revokedSigningKey,
  revokeKeys,
  verifiedMirrorSigningKeys,
  verifyActiveKeys,
  type KeyRow,
} from '../store/keys';
import { recordMoves } from '../store/moves';

/**
 * Keys of this unit and of the units it exchanges bundles with (docs/bundle-format.md "Keys"). The own unit's private keys
 * live only in this encrypted database; retired ones stay so late bundles still open and old signatures still check.
 */

/** The own unit's keys in the forms packing and opening bundles need. */
export type OwnKeys = {
  code: string;
  signing: { privateKey: string; publicKey: string; fingerprint: string };
  ageRecipient: string;
  /** Every age identity this unit ever had, newest first: late bundles to a retired key still open. */
  identities: string[];
};

/** Public keys a unit announces (enrolment data, trust files, directives). */
export type AnnouncedKeys = { signing: string; age: string };

function insertKey(tx: DbOrTx, ctx: ServiceContext, row: Omit<KeyRow, 'id' | 'createdAt' | 'revokedAt'>): void {
  insertKeyRow(tx, { id: newId(), createdAt: ctx.clock.now(), ...row });
}

/** Creates the own unit's Ed25519 and age keys (setup, or a rotation after the old ones were retired). */
export function createOwnKeys(tx: DbOrTx, ctx: ServiceContext, unitCode: string): void {
  const signing = generateSigningKey(unitCode);
  const age = generateAgeKeyPairSync();
  const now = ctx.clock.now();
  insertKey(tx, ctx, { unitCode, kind: 'ed25519', publicKey: signing.publicKey, privateKey: signing.privateKey, fingerprint: signing.fingerprint, status: 'active', verifiedAt: now });
  insertKey(tx, ctx, { unitCode, kind: 'age', publicKey: age.recipient, privateKey: age.identity, fingerprint: age.recipient, status: 'active', verifiedAt: now });
}

/** The own unit's keys; databases set up before keys existed get theirs on first use. */
export function ownKeys(ctx: ServiceContext): OwnKeys {
  const self = getSelfUnit(ctx.db);
  if (!activeKey(ctx.db, self.code, 'ed25519') || !activeKey(ctx.db, self.code, 'age')) {
    ctx.db.transaction((tx) => {
      retireActiveKeys(tx, self.code);
      createOwnKeys(tx, ctx, self.code);
      audit(tx, ctx, 'create-keys', 'unit', self.code);
    });
  }
  return readOwnKeys(ctx.db, self.code);
}

function readOwnKeys(db: DbOrTx, code: string): OwnKeys {
  const signing = activeKey(db, code, 'ed25519');
  const age = activeKey(db, code, 'age');
  if (!signing?.privateKey || !age) {
    throw new AppError('internal', 'Khóa của đơn vị bị thiếu trong cơ sở dữ liệu.');
  }
  const identities = ageIdentities(db, code);
  return { code, signing: { privateKey: signing.privateKey, publicKey: signing.publicKey, fingerprint: signing.fingerprint }, ageRecipient: age.publicKey, identities };
}

function identityOf(db: DbOrTx, code: string): KeyIdentity | null {
  const signing = activeKey(db, code, 'ed25519');
  const age = activeKey(db, code, 'age');
  const unit = getUnit(db, code);
  if (!signing || !age || !unit) {
    return null;
  }
  return { code, name: unit.name, fingerprint: signing.fingerprint, readAloudCode: readAloudCode(signing.fingerprint), ageRecipient: age.publicKey };
}

/** The own unit's key and, once a trust file was imported, the superior's: what both sides read aloud. */
export function keysInfo(ctx: ServiceContext): KeysInfo {
  const own = ownKeys(ctx);
  const self = getSelfUnit(ctx.db);
  return {
    own: { code: own.code, name: self.name, fingerprint: own.signing.fingerprint, readAloudCode: readAloudCode(own.signing.fingerprint), ageRecipient: own.ageRecipient },
    parent: self.parentCode ? identityOf(ctx.db, self.parentCode) : null,
  };
}

/** The trust file this unit hands to the units below it (public keys only). */
export function exportTrustFile(ctx: ServiceContext): string {
  const own = ownKeys(ctx);
  const self = getSelfUnit(ctx.db);
  return serializeTrustFile(makeTrustFile({ code: self.code, name: self.name, level: self.level, ageRecipient: own.ageRecipient, publicKey: own.signing.publicKey, createdAt: ctx.clock.now() }));
}

/**
 * `allowed_signers` for `ssh-keygen -Y verify`: every verified, unrevoked key of the units below, retired ones
 * included, because bundles they signed before a rotation must still check out.
 */
export function exportAllowedSigners(db: Db): string {
  const rows = verifiedMirrorSigningKeys(db);
  return rows.map((r) => `${allowedSignersLine(r.code, r.publicKey)}\n`).join('');
}

/** The own age identities as an `age -d -i` file (newest first): the superior's key for the stock-tool check. */
export function exportAgeIdentities(ctx: ServiceContext): string {
  const own = ownKeys(ctx);
  const rows = ageKeysWithPrivate(ctx.db, own.code);
  const byIdentity = new Map(rows.map((r) => [r.privateKey ?? '', r]));
  return own.identities.map((identity) => formatAgeIdentityFile({ identity, recipient: byIdentity.get(identity)?.publicKey ?? '' }, byIdentity.get(identity)?.createdAt ?? ctx.clock.now())).join('');
}

/**
 * Records a peer's public keys, retiring different ones it had. `verified` says whether a person (or a signature
 * by an already verified key) vouched for them; a key that did not change keeps its verification.
 */
export function recordPeerKeys(tx: DbOrTx, ctx: ServiceContext, code: string, keys: AnnouncedKeys, verified: boolean): void {
  const now = ctx.clock.now();
  const fingerprints = { ed25519: fingerprintOf(keys.signing), age: keys.age };
  for (const kind of ['ed25519', 'age'] as const) {
    const current = activeKey(tx, code, kind);
    const publicKey = kind === 'ed25519' ? keys.signing : keys.age;
    if (current?.fingerprint === fingerprints[kind]) {
      if (verified && !current.verifiedAt) {
        markKeyVerified(tx, current.id, now);
      }
      continue;
    }
    if (current) {
      retireKey(tx, current.id);
    }
    insertKey(tx, ctx, { unitCode: code, kind, publicKey, privateKey: null, fingerprint: fingerprints[kind], status: 'active', verifiedAt: verified ? now : null });
  }
}

/**
 * What a bundle's signature is checked against: the sender's active key, or its revoked one when it has no other
 * (so the refusal says "revoked"), or null when nothing is enrolled.
 */
export function signerRecord(db: DbOrTx, code: string): (SignerRecord & { verified: boolean }) | null {
  const row =
    activeKey(db, code, 'ed25519') ??
    revokedSigningKey(db, code);
  return row ? { publicKey: row.publicKey, revoked: row.status === 'revoked', verified: row.verifiedAt !== null, retired: retiredSigningKeys(db, code) } : null;
}

/** The age recipient bundles to `code` are encrypted to. */
export function peerAgeRecipient(db: DbOrTx, code: string): string | null {
  return activeKey(db, code, 'age')?.publicKey ?? null;
}

/**
 * Imports the superior's trust file at a unit: records the superior (its name and level) and its keys as trusted,
 * since importing the file is the unit's deliberate act. A trust file from another unit than the recorded
 * superior is refused (TRUST_OTHER_SUPERIOR), unless `move` says the unit is moving to that superior: the move is
 * then an explicit re-enrolment, recorded in the audit log, after which only the new superior's directives are
 * accepted and bundles to it are numbered from 1. Throws AppError TRUST_INVALID, TRUST_OTHER_SUPERIOR or 'conflict'.
 */
export function importTrust(ctx: ServiceContext, text: string, options: { move?: boolean } = {}): TrustFile {
  const trust = parseTrustFile(text);
  ctx.db.transaction((tx) => {
    const self = getSelfUnit(tx);
    if (trust.code === self.code) {
      throw new AppError('validation', 'Đây là tệp tin cậy của chính đơn vị này, không phải của cấp trên.', 'TRUST_INVALID');
    }
    const moving = self.parentCode !== null && self.parentCode !== trust.code;
    if (moving && !options.move) {
      throw new AppError(
        'conflict',
        `Tệp tin cậy của ${trust.code} (${trust.name}), nhưng cấp trên đã ghi của đơn vị là ${self.parentCode}. Nếu đơn vị chuyển sang trực thuộc ${trust.code}, hãy xác nhận chuyển cấp trên (ptdv enrol request … --move): từ đó chỉ nhận chỉ đạo của cấp trên mới.`,
        'TRUST_OTHER_SUPERIOR',
      );
    }
    const existing = getUnit(tx, trust.code);
    if (existing && existing.origin !== 'parent') {
      throw new AppError('conflict', `Mã ${trust.code} đã là một đơn vị cấp dưới trong cơ sở dữ liệu này.`, 'TRUST_INVALID');
    }
    if (existing) {
      updateUnitNameLevel(tx, trust.code, trust.name, trust.level);
    } else {
      insertParentUnit(tx, { code: trust.code, name: trust.name, level: trust.level });
    }
    setParentCode(tx, self.code, trust.code);
    recordPeerKeys(tx, ctx, trust.code, { signing: trust.publicKey, age: trust.ageRecipient }, true);
    if (moving) {
      const from = getUnit(tx, self.parentCode!);
      recordMoves(tx, self.code, [{ from: { code: self.parentCode!, name: from?.name ?? self.parentCode! }, to: { code: trust.code, name: trust.name }, on: ctx.clock.today() }], 'unit', ctx.clock.now());
      audit(tx, ctx, 'move-unit', 'unit', self.code, { from: self.parentCode, to: trust.code, on: ctx.clock.today() });
    }
    audit(tx, ctx, 'import-trust', 'unit', trust.code, { fingerprint: trust.keyFingerprint });
  });
  return trust;
}

function mirrorUnit(db: DbOrTx, code: string) {
  const unit = getUnit(db, code);
  if (unit?.origin !== 'mirror') {
    throw new AppError('not-found', `Không có đơn vị cấp dưới mã ${code}.`);
  }
  return unit;
}

/**
 * Marks a unit's key verified once the code read aloud by phone matches the one shown here. Throws AppError
 * 'conflict' FINGERPRINT_MISMATCH when it does not: the key may not be the unit's.
 */
export function confirmUnit(ctx: ServiceContext, code: string, spoken: string): KeyIdentity {
  return ctx.db.transaction((tx) => {
    mirrorUnit(tx, code);
    const key = activeKey(tx, code, 'ed25519');
    if (!key) {
      throw new AppError('not-found', `Đơn vị ${code} chưa gửi gói đăng ký (hoặc khóa đã bị thu hồi).`);
    }
    if (!sameReadAloudCode(readAloudCode(key.fingerprint), spoken)) {
      throw new AppError('conflict', `Mã vân tay không khớp với khóa đã nhận của ${code}: chưa xác nhận. Hãy kiểm tra lại với đơn vị; nếu vẫn khác, có thể gói đăng ký không phải do đơn vị gửi.`, 'FINGERPRINT_MISMATCH');
    }
    verifyActiveKeys(tx, code, ctx.clock.now());
    audit(tx, ctx, 'verify-key', 'unit', code, { fingerprint: key.fingerprint });
    const identity = identityOf(tx, code);
    if (!identity) {
      throw new AppError('internal', 'Không đọc lại được khóa vừa xác nhận.');
    }
    return identity;
  });
}

/** Revokes a unit's keys (a lost laptop): its bundles are refused until it enrols again with a new key. */
export function revokeUnitKeys(ctx: ServiceContext, code: string): void {
  ctx.db.transaction((tx) => {
    mirrorUnit(tx, code);
    const now = ctx.clock.now();
    if (revokeKeys(tx, code, now) === 0) {
      throw new AppError('not-found', `Đơn vị ${code} không có khóa nào đang dùng.`);
    }
    audit(tx, ctx, 'revoke-key', 'unit', code);
  });
}

/** Retires the own keys and makes new ones; returns the old signing key, which signs the announcement. */
export function rotateOwnKeys(ctx: ServiceContext): { previous: OwnKeys; current: OwnKeys } {
  const previous = ownKeys(ctx);
  ctx.db.transaction((tx) => {
    retireActiveKeys(tx, previous.code);
    createOwnKeys(tx, ctx, previous.code);
    audit(tx, ctx, 'rotate-keys', 'unit', previous.code, { previous: previous.signing.fingerprint });
  });
  return { previous, current: readOwnKeys(ctx.db, previous.code) };
}

/** The public key of one of the own signing keys, current or retired, by fingerprint (re-opening the outbox). */
export function ownSigningKeyByFingerprint(db: DbOrTx, fingerprint: string): string | null {
  return ownSigningPublicKey(db, fingerprint);
}
