import {
  BUNDLE_FORMAT,
  BUNDLE_LABEL,
  bundleFileName,
  isBundleError,
  openBundle,
  packBundle,
  readAloudCode,
  type BundleKind,
} from '../domain/bundles/index';
import { noProgress, stepOf, type ProgressSink } from '../progress';
import type { Tx } from '../../../db/types';
import { AppError } from '../errors';
import { APP_VERSION, BUNDLE_DATA_VERSION, type EnrolmentData } from '../model/bundle-data';
import type { ExportedBundle, OutboxEntry, ReopenedBundle } from '../model/sync';
import { audit, newId, type ServiceContext } from './context';
import { importTrust, ownKeys, ownSigningKeyByFingerprint, peerAgeRecipient, type OwnKeys } from './key-service';
import { forwardedArchive } from './forwarding';
import { addToOutbox, listOutbox, outboxFile, seqState, setSeqState } from '../store/sync';
import { unitSnapshotWriter } from './unit-snapshot';
import { getSelfUnit, getUnit } from '../store/units';
import { movesOf } from '../store/moves';
import type { UnitMove } from '../model/entities';

/**
 * Making bundles (docs/bundle-format.md): the next `seq` to the recipient, `prevSha256` chaining to the previous bundle, age
 * encryption to the recipient and to this unit, and the outbox row that keeps the whole file.
 */

/** A bundle made here: what the caller writes to disk, and what the user is shown. */
export type MadeBundle = { bundle: ExportedBundle; bytes: Uint8Array };

/** Labels used for bundles that are not period reports. */
export const ENROLMENT_LABEL = 'DANGKY';
export const KEY_ROTATION_LABEL = 'DOIKHOA';

type PackRequest = {
  kind: BundleKind;
  to: string;
  label: string;
  data: unknown;
  counts: Record<string, number>;
  signer?: OwnKeys;
  /** `forwarded.tar`: the signed snapshots of the units below, in a unit-report. */
  forwarded?: Uint8Array;
  /** `relayed.tar`: directives of this unit (or of a superior further up) for units below the recipient, in a directive. */
  relayed?: Uint8Array;
  /** Runs in the transaction that records the bundle (a directive marks the items it carries as sent). */
  onRecorded?: (tx: Tx, sha256: string) => void;
};

function checkLabel(label: string): void {
  if (!BUNDLE_LABEL.test(label)) {
    throw new AppError('validation', `Nhãn kỳ "${label}" không hợp lệ: chỉ gồm chữ không dấu, số và dấu gạch, ví dụ 2026Q4.`, 'LABEL_INVALID');
  }
}

/**
 * Packs, encrypts and records one bundle to `to` under the next sequence number. `signer` (default: the current
 * keys) signs; a key rotation signs its announcement with the previous key.
 */
export async function packAndRecord(ctx: ServiceContext, request: PackRequest): Promise<MadeBundle> {
  checkLabel(request.label);
  const self = getSelfUnit(ctx.db);
  const own = ownKeys(ctx);
  const signer = request.signer ?? own;
  const recipient = peerAgeRecipient(ctx.db, request.to);
  if (!recipient) {
    throw new AppError('not-found', `Chưa có khóa mã hóa của ${request.to}: ${getUnit(ctx.db, request.to)?.origin === 'mirror' ? 'đơn vị chưa đăng ký hoặc khóa đã bị thu hồi' : 'hãy nhập tệp tin cậy của cấp trên trước (ptdv enrol request --trust …)'}.`, 'NO_PEER_KEY');
  }
  const previous = seqState(ctx.db, request.to, 'out');
  const seq = (previous?.lastSeq ?? 0) + 1;
  const manifest = {
    format: BUNDLE_FORMAT,
    kind: request.kind,
    bundleId: newId(),
    from: { code: self.code, name: self.name, level: self.level, keyFingerprint: signer.signing.fingerprint },
    to: { code: request.to, ageRecipient: recipient },
    seq,
    prevSha256: previous?.lastSumsSha256 ?? null,
    label: request.label,
    createdAt: ctx.clock.now(),
    app: { version: APP_VERSION, schemaVersion: BUNDLE_DATA_VERSION },
    counts: request.counts,
  } as const;
  const packed = await packBundle({ manifest, data: request.data, signingKey: signer.signing.privateKey, recipients: [recipient, own.ageRecipient], forwarded: request.forwarded, relayed: request.relayed });
  ctx.db.transaction((tx) => {
    // Packing awaited: another export to the same recipient may have taken this number meanwhile.
    if ((seqState(tx, request.to, 'out')?.lastSeq ?? 0) !== seq - 1) {
      throw new AppError('conflict', 'Một gói khác vừa được tạo cho cùng đơn vị nhận; hãy tạo lại.');
    }
    addToOutbox(tx, { bundleId: manifest.bundleId, toCode: request.to, kind: request.kind, label: request.label, seq, fileName: packed.fileName, sha256: packed.sha256, sumsSha256: packed.sumsSha256, createdAt: manifest.createdAt, bytes: Buffer.from(packed.bytes.buffer, packed.bytes.byteOffset, packed.bytes.length) });
    setSeqState(tx, request.to, 'out', { lastSeq: seq, lastSumsSha256: packed.sumsSha256 }, manifest.createdAt);
    request.onRecorded?.(tx, packed.sha256);
    audit(tx, ctx, 'export', 'bundle', manifest.bundleId, { kind: request.kind, to: request.to, seq, sha256: packed.sha256 });
  });
  return {
    bytes: packed.bytes,
    bundle: { bundleId: manifest.bundleId, fileName: packed.fileName, kind: request.kind, to: request.to, seq, label: request.label, sha256: packed.sha256, readAloudCode: readAloudCode(signer.signing.fingerprint), counts: request.counts },
  };
}

function parentCode(ctx: ServiceContext): string {
  const parent = getSelfUnit(ctx.db).parentCode;
  if (!parent || !peerAgeRecipient(ctx.db, parent)) {
    throw new AppError('not-found', 'Chưa có khóa của cấp trên: hãy nhận tệp tin cậy do cấp trên gửi, ở mục Kết nối cấp trên, trước khi gửi báo cáo.', 'NO_PEER_KEY');
  }
  return parent;
}

/** The own unit's `unit-report` for period `label` (e.g. 2026Q4), to its superior. */
export async function exportUnitReport(ctx: ServiceContext, label: string, progress: ProgressSink = noProgress): Promise<MadeBundle> {
  checkLabel(label);
  const to = parentCode(ctx);
  const cell = getSelfUnit(ctx.db).level === 'chi-bo';
  const parts = cell ? ['Lập số liệu gửi cấp trên', 'Mã hóa và ký gói'] : ['Lập số liệu gửi cấp trên', 'Gói kèm số liệu của các đơn vị cấp dưới', 'Mã hóa và ký gói'];
  await stepOf(progress, parts, 0);
  if (!cell) {
    await stepOf(progress, parts, 1);
  }
  const forwarded = cell ? undefined : await forwardedArchive(ctx);
  await stepOf(progress, parts, parts.length - 1);
  // Nothing is awaited from here until data.json is written: its counts and both passes over it see one state.
  const { data, counts } = unitSnapshotWriter(ctx, label);
  return packAndRecord(ctx, { kind: 'unit-report', to, label, data, counts: forwarded ? { ...counts, forwardedUnits: forwarded.units } : counts, forwarded: forwarded?.bytes });
}

/** Label of the last report a unit that moved sends to its old superior. */
export const MOVE_NOTICE_LABEL = 'CHUYENDI';

/**
 * The last `unit-report` to the superior this unit moved away from (docs/corrections.md "Moving to another superior"):
 * the whole snapshot as of today with its moves, so the old superior records the move from a file it can check, keeps
 * the history, and stops counting the unit from the day of the move. Refused when the unit never moved.
 */
export async function exportMoveNotice(ctx: ServiceContext): Promise<MadeBundle & { move: UnitMove }> {
  const self = getSelfUnit(ctx.db);
  const move = movesOf(ctx.db, self.code).at(-1);
  if (!move) {
    throw new AppError('not-found', 'Đơn vị chưa chuyển sang cấp trên khác: không có thông báo chuyển đi nào để gửi.', 'NO_MOVE');
  }
  if (!peerAgeRecipient(ctx.db, move.from.code)) {
    throw new AppError('not-found', `Không còn khóa của cấp trên cũ ${move.from.code}: hãy báo cấp trên cũ ghi nhận việc chuyển đi bằng tay (Đơn vị chuyển đi).`, 'NO_PEER_KEY');
  }
  const { data, counts } = unitSnapshotWriter(ctx, MOVE_NOTICE_LABEL, move.from.code);
  const made = await packAndRecord(ctx, { kind: 'unit-report', to: move.from.code, label: MOVE_NOTICE_LABEL, data, counts });
  return { ...made, move: { from: move.from, to: move.to, on: move.on } };
}

/**
 * Sequence recovery at the unit, by hand (docs/sync-limits.md): after restoring an old backup or starting anew, the
 * superior says up to which number it applied this unit's bundles, and the next bundle continues after it. The
 * number only ever goes up: a number already sent is never used again.
 */
export function continueNumberingAfter(ctx: ServiceContext, after: number): { nextSeq: number } {
  const to = parentCode(ctx);
  return ctx.db.transaction((tx) => {
    const sent = seqState(tx, to, 'out')?.lastSeq ?? 0;
    if (!Number.isInteger(after) || after < 1 || after <= sent) {
      throw new AppError('validation', `Máy này đã gửi cấp trên đến gói số ${sent}: chỉ có thể đánh số tiếp sau một số lớn hơn, không bao giờ dùng lại số đã gửi.`, 'SEQ_NOT_HIGHER');
    }
    setSeqState(tx, to, 'out', { lastSeq: after, lastSumsSha256: null }, ctx.clock.now());
    audit(tx, ctx, 'continue-numbering', 'unit', to, { from: sent, after });
    return { nextSeq: after + 1 };
  });
}

/** The name the next unit-report for `label` will have (for a save dialog's default name). */
export function nextReportFileName(ctx: ServiceContext, label: string): string {
  checkLabel(label);
  const to = parentCode(ctx);
  return bundleFileName(getSelfUnit(ctx.db).code, to, label, (seqState(ctx.db, to, 'out')?.lastSeq ?? 0) + 1);
}

/** The enrolment data announcing `keys`: a first enrolment, or a rotation when signed by the previous key. */
export function enrolmentData(ctx: ServiceContext, keys: OwnKeys): EnrolmentData {
  const self = getSelfUnit(ctx.db);
  return {
    unit: { code: self.code, name: self.name, level: self.level, hasYouthUnion: self.hasYouthUnion, ducsMembers: self.ducsMembers },
    keys: { signing: keys.signing.publicKey, age: keys.ageRecipient },
  };
}

/**
 * Enrolment at a unit: imports the superior's trust file, then makes the `enrolment` bundle (profile and public
 * keys, signed by the key it announces) to send back. Returns the superior as the trust file names it.
 */
export async function requestEnrolment(ctx: ServiceContext, trustText: string, options: { move?: boolean } = {}): Promise<MadeBundle & { superior: { code: string; name: string; readAloudCode: string } }> {
  const trust = importTrust(ctx, trustText, options);
  const made = await packAndRecord(ctx, { kind: 'enrolment', to: trust.code, label: ENROLMENT_LABEL, data: enrolmentData(ctx, ownKeys(ctx)), counts: {} });
  return { ...made, superior: { code: trust.code, name: trust.name, readAloudCode: readAloudCode(trust.keyFingerprint) } };
}

export function outbox(ctx: ServiceContext): OutboxEntry[] {
  return listOutbox(ctx.db);
}

/** A sent bundle from the outbox, as written then (to save another copy). */
export function outboxBytes(ctx: ServiceContext, bundleId: string): { entry: OutboxEntry; bytes: Uint8Array } {
  const found = outboxFile(ctx.db, bundleId);
  if (!found) {
    throw new AppError('not-found', 'Không tìm thấy gói này trong danh sách đã gửi.');
  }
  return found;
}

/** Decrypts a sent bundle again with this unit's own age key and checks its signature: what it carried. */
export async function reopenOutbox(ctx: ServiceContext, bundleId: string): Promise<ReopenedBundle> {
  const { entry, bytes } = outboxBytes(ctx, bundleId);
  const own = ownKeys(ctx);
  const self = getSelfUnit(ctx.db);
  try {
    const opened = await openBundle(bytes, {
      identities: own.identities,
      myCode: self.code,
      role: 'sender',
      acceptedKinds: () => [],
      // The outbox may hold bundles signed by a key retired since; the file's own manifest names which one.
      lookupSignerKey: (_code, manifest) => {
        const publicKey = ownSigningKeyByFingerprint(ctx.db, manifest.from.keyFingerprint);
        return publicKey ? { publicKey, revoked: false } : null;
      },
    });
    return { entry, createdAt: opened.manifest.createdAt, counts: opened.manifest.counts, prevSha256: opened.manifest.prevSha256 };
  } catch (error) {
    if (isBundleError(error)) {
      throw new AppError('internal', `Gói trong danh sách đã gửi không mở lại được: ${error.message}`, error.code);
    }
    throw error;
  }
}
