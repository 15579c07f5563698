import {
  ageDecrypt,
  bundleError,
  checkInner,
  decompressTar,
  fingerprintOf,
  isBundleError,
  orderBelow,
  packForwarded,
  readForwarded,
  readTar,
  SYNC_LIMITS,
  type CheckedInner,
  type SignedSnapshot,
} from '../domain/bundles/index';
import type { Db, DbOrTx } from '../../../db/types';
import { parseBundleData, BUNDLE_DATA_VERSION, type UnitReportData } from '../model/bundle-data';
import type { ImportSummary, InnerRefusal } from '../model/sync';
import { acknowledgeRelayed } from '../store/relayed';
import { applyRequestAnswers } from '../store/reviews';
import { getSelfUnit, getUnit, mirroredChildCodes, upsertForwardedUnit } from '../store/units';
import type { ServiceContext } from './context';
import { ownKeys, signerRecord } from './key-service';
import { applySnapshot, prepareSnapshot } from './mirror-apply';
import { allForwardedSnapshots, forwardedSnapshotOf, saveForwardedSnapshot } from '../store/forwarded';
import { latestAppliedReport } from '../store/sync';
import { addQuarantine, dropSupersededQuarantine } from '../store/quarantine';
import { forwardedBehind, noteMoves } from './unit-move-service';
import { applyGivenTargets } from './targets-given';
import { superiorOn } from '../store/moves';

/**
 * Forwarding up the tree (docs/bundle-format.md "Forwarding up the tree"). Sending: a unit with units below it passes on
 * the latest applied snapshot of each of them, byte for byte as each signed it: the direct units' are read back
 * from their archived files in `inbox`, the deeper ones' from `forwarded_snapshots`. Receiving: each forwarded
 * snapshot is checked on its own against the key the sender vouches for; a bad one is refused alone while the
 * sender's own records and the other snapshots apply.
 */

/** The latest applied snapshot of each unit below, at any depth, as it signed it, with the key vouched for. */
export async function forwardedSnapshots(ctx: ServiceContext): Promise<SignedSnapshot[]> {
  const { identities } = ownKeys(ctx);
  const snapshots: SignedSnapshot[] = [];
  for (const code of mirroredChildCodes(ctx.db, getSelfUnit(ctx.db).code)) {
    const bytes = latestAppliedReport(ctx.db, code);
    const key = signerRecord(ctx.db, code);
    // A unit never reported, or whose key is unverified or revoked since, has nothing this unit can vouch for.
    if (!bytes || !key || key.revoked || !key.verified) {
      continue;
    }
    const files = await readTar(await decompressTar(await ageDecrypt(bytes, identities)));
    snapshots.push({ code, publicKey: key.publicKey, files });
  }
  for (const row of allForwardedSnapshots(ctx.db)) {
    const files = new Map([['manifest.json', row.manifest], ['data.json', row.data], ['SHA256SUMS', row.sums], ['SHA256SUMS.sig', row.sig]].map(([n, b]) => [n as string, new Uint8Array(b as Buffer)]));
    snapshots.push({ code: row.unitCode, publicKey: row.publicKey, files });
  }
  return snapshots.sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** `forwarded.tar` for this unit's next report, or undefined when it has nothing to pass on. */
export async function forwardedArchive(ctx: ServiceContext): Promise<{ bytes: Uint8Array; units: number } | undefined> {
  const snapshots = await forwardedSnapshots(ctx);
  return snapshots.length > 0 ? { bytes: await packForwarded(snapshots), units: snapshots.length } : undefined;
}

/** A forwarded snapshot that passed every check, with its data validated. */
export type AcceptedInner = CheckedInner & { report: UnitReportData };
export type CheckedForwarded = { accepted: AcceptedInner[]; refused: InnerRefusal[] };

const refusal = (unitCode: string, error: unknown): InnerRefusal => {
  if (!isBundleError(error)) {
    throw error;
  }
  return { unitCode, code: error.code, message: error.message };
};

/**
 * Checks `forwarded.tar` from `senderCode` before anything is written. The archive itself is signed by the sender, so
 * a malformed one refuses the whole bundle (FORWARDED_INVALID); each snapshot inside is refused alone.
 */
export async function checkForwarded(db: DbOrTx, senderCode: string, bytes: Uint8Array): Promise<CheckedForwarded> {
  const self = getSelfUnit(db);
  const { signers, units: byCode } = await readForwarded(bytes);
  const refused: InnerRefusal[] = [];
  const checked: AcceptedInner[] = [];
  for (const [code, files] of byCode) {
    try {
      const inner = checkInner(code, files, signers.get(code));
      if (inner.manifest.app.schemaVersion > BUNDLE_DATA_VERSION) {
        throw bundleError('SCHEMA_TOO_NEW', `hồ sơ của ${code}`);
      }
      const report = rethrowInvalid(() => parseBundleData('unit-report', inner.manifest.app.schemaVersion, inner.data));
      if (report.unit.code !== code) {
        throw bundleError('INNER_INVALID', `dữ liệu ghi mã ${report.unit.code}`);
      }
      checked.push({ ...inner, data: null, report });
    } catch (error) {
      refused.push(refusal(code, error));
    }
  }
  const { below, notBelow } = orderBelow(senderCode, checked);
  const accepted: AcceptedInner[] = [];
  for (const inner of below) {
    const held = getUnit(db, inner.code);
    // Never a unit this one holds in another place of its tree: its own, its superior, or one directly below it.
    // A unit that moved to stand directly under this one, still forwarded by its old superior, is skipped when applied.
    const movedHere = held?.parentCode === self.code && forwardedBehind(db, inner.code, inner.manifest.to.code, inner.report.moves) !== null;
    if (inner.code === self.code || inner.code === self.parentCode || (held && held.origin !== 'mirror') || (held?.parentCode === self.code && !movedHere)) {
      refused.push(refusal(inner.code, bundleError('INNER_NOT_BELOW', `${inner.code} không thuộc ${senderCode}`)));
    } else if (held?.parentCode && held.parentCode !== inner.manifest.to.code && !movedHere && !movedUnderSigned(db, inner)) {
      refused.push(refusal(inner.code, bundleError('INNER_NOT_BELOW', `${inner.code} đang thuộc ${held.parentCode}; hồ sơ ${senderCode} gửi kèm không do chính đơn vị ký bằng khóa đã biết để ghi việc chuyển sang ${inner.manifest.to.code}`)));
    } else {
      accepted.push(inner);
    }
  }
  refused.push(...notBelow.map((inner) => refusal(inner.code, bundleError('INNER_NOT_BELOW', `${inner.code} gửi cho ${inner.manifest.to.code}, không thuộc ${senderCode}`))));
  return { accepted, refused: refused.sort((a, b) => (a.unitCode < b.unitCode ? -1 : 1)) };
}

/**
 * Whether a unit held here under another superior than the one `inner` is addressed to may now stand there: only when
 * the unit itself states the move in data signed with the key it was known by here. Otherwise a sibling forwarder
 * could vouch a key of its own making and take over a unit of another branch (a real move keeps the unit's key). A
 * snapshot older than a move already known here passes: applying skips it with its reason (`forwardedBehind`).
 */
function movedUnderSigned(db: DbOrTx, inner: AcceptedInner): boolean {
  const { moves } = inner.report;
  if (forwardedBehind(db, inner.code, inner.manifest.to.code, moves) !== null) {
    return true;
  }
  const knownKey = forwardedSnapshotOf(db, inner.code)?.publicKey ?? signerRecord(db, inner.code)?.publicKey;
  return moves.length > 0 && superiorOn(moves, null) === inner.manifest.to.code && knownKey === inner.publicKey;
}

function rethrowInvalid<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw isBundleError(error) ? bundleError('INNER_INVALID', error.message) : error;
  }
}

/**
 * Applies the accepted snapshots inside the import's transaction, parents first. A snapshot already applied (same
 * signed SHA256SUMS) costs nothing, so a sender forwarding a hundred unchanged units adds no writes.
 */
export function applyForwarded(db: Db, senderCode: string, bundleSha256: string, forwarded: CheckedForwarded, now: string): { summary: ImportSummary; refused: InnerRefusal[] } {
  const summary: ImportSummary = { added: 0, changed: 0, removed: 0, quarantined: 0, warnings: [] };
  let applied = 0;
  let unchanged = 0;
  const moved: string[] = [];
  const older: string[] = [];
  const refused = [...forwarded.refused];
  const splitsToApply: AcceptedInner[] = [];
  for (const inner of forwarded.accepted) {
    const held = forwardedSnapshotOf(db, inner.code);
    if (held?.sumsSha256 === inner.sumsSha256) {
      unchanged += 1;
      continue;
    }
    // A unit's numbers toward its superior only go up: a lower or equal one toward the same superior is an older
    // snapshot (a forwarding unit restored from a backup passes on what it held then), which must not roll back the
    // newer one held here (docs/bundle-format.md "Forwarding up the tree").
    if (held !== null && held.toCode === inner.manifest.to.code && inner.manifest.seq <= held.seq) {
      unchanged += 1;
      older.push(`Giữ hồ sơ số ${held.seq} của ${inner.code}: ${senderCode} gửi kèm hồ sơ số ${inner.manifest.seq}, không mới hơn, nên không áp dụng.`);
      continue;
    }
    const behind = forwardedBehind(db, inner.code, inner.manifest.to.code, inner.report.moves);
    if (behind !== null) {
      unchanged += 1;
      moved.push(behind);
      continue;
    }
    const prepared = prepareSnapshot(inner.report, { release: true });
    if (prepared.quarantined.length > SYNC_LIMITS.maxQuarantinedRecords) {
      refused.push(refusal(inner.code, bundleError('QUARANTINE_LIMIT', `hồ sơ của ${inner.code}`)));
      continue;
    }
    if (held !== null && held.publicKey !== inner.publicKey) {
      // Within the trust placed in the forwarder (it vouches for the keys below it), but never silent: a chi bộ's key
      // changes only when it rotates it, and the officer here must be able to ask why.
      summary.warnings.push(`Khóa ký của ${inner.code} đã đổi: ${senderCode} xác nhận khóa mới ${fingerprintOf(inner.publicKey)} (khóa cũ ${fingerprintOf(held.publicKey)}). Hãy hỏi ${senderCode} nếu không biết đơn vị này đổi khóa.`);
    }
    const { unit } = inner.report;
    const parentCode = inner.manifest.to.code;
    upsertForwardedUnit(db, { code: unit.code, name: unit.name, level: unit.level, parentCode, hasYouthUnion: unit.hasYouthUnion, ducsMembers: unit.ducsMembers });
    dropSupersededQuarantine(db, inner.code, bundleSha256);
    const result = applySnapshot(db, inner.code, prepared);
    addQuarantine(db, bundleSha256, inner.code, prepared.quarantined, now);
    const file = (name: string) => Buffer.from(inner.files.get(name) ?? new Uint8Array());
    summary.warnings.push(...noteMoves(db, inner.code, inner.report.moves, now));
    saveForwardedSnapshot(db, {
      unitCode: inner.code, viaCode: senderCode, seq: inner.manifest.seq, sumsSha256: inner.sumsSha256, publicKey: inner.publicKey,
      manifest: file('manifest.json'), data: file('data.json'), sums: file('SHA256SUMS'), sig: file('SHA256SUMS.sig'), appliedAt: now,
    });
    summary.added += result.added;
    summary.changed += result.changed;
    summary.removed += result.removed;
    summary.quarantined += result.quarantined;
    // The unit's answers to what this unit addressed to it down the tree (docs/bundle-format.md "Directives down the tree").
    const answered = applyRequestAnswers(db, inner.code, inner.report.requestAnswers);
    if (answered > 0) {
      summary.warnings.push(`${inner.code} đã xử lý ${answered.toLocaleString('vi-VN')} ý kiến, yêu cầu đã gửi.`);
    }
    const delivered = acknowledgeRelayed(db, getSelfUnit(db).code, inner.code, inner.report.relayedApplied, now);
    if (delivered > 0) {
      summary.warnings.push(`${inner.code} xác nhận đã nhận ${delivered.toLocaleString('vi-VN')} mục chỉ đạo (quyết định, ý kiến) gửi qua đơn vị trung gian.`);
    }
    splitsToApply.push(inner);
    applied += 1;
  }
  // Each committee's split once every unit it names is held (parents come first, their chi bộ after them).
  for (const inner of splitsToApply) {
    summary.warnings.push(...applyGivenTargets(db, { code: inner.code, name: inner.report.unit.name }, inner.report.targetsGiven));
  }
  if (applied + unchanged > 0) {
    summary.warnings.push(`Hồ sơ chuyển tiếp của đơn vị cấp dưới: ${applied.toLocaleString('vi-VN')} đã cập nhật, ${unchanged.toLocaleString('vi-VN')} không đổi.`);
  }
  summary.warnings.push(...moved.map((m) => `Không thay ${m}.`), ...older);
  for (const r of refused) {
    summary.warnings.push(`Từ chối hồ sơ chuyển tiếp của ${r.unitCode} [${r.code}]: ${r.message}`);
  }
  return { summary, refused };
}
