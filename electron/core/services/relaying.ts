import type { DbOrTx, Tx } from '../../../db/types';
import {
  BUNDLE_FORMAT,
  bundleError,
  checkRelayedDirective,
  isBundleError,
  packRelayed,
  readRelayed,
  relayedFolder,
  sha256Hex,
  signFiles,
  type CheckedDirective,
  type SignedDirective,
} from '../domain/bundles/index';
import { APP_VERSION, BUNDLE_DATA_VERSION, parseBundleData, type DirectiveData } from '../model/bundle-data';
import type { ImportSummary, InnerRefusal } from '../model/sync';
import { markItemsSent } from '../store/directives';
import { insertRelayed, lastRelayed, markCarried, relayedBySums, waitingRelayed, type RelayedRow } from '../store/relayed';
import { getSelfUnit, getUnit, subtreesBelowSelf } from '../store/units';
import { newId, type ServiceContext } from './context';
import { applyRelayedDirective } from './directive-apply';
import { ownKeys, signerRecord } from './key-service';
import type { QuarantinedRecord } from '../store/quarantine';

/**
 * Directives down the tree (docs/bundle-format.md "Directives down the tree"). Sending: what this unit addressed to a
 * unit below its direct units becomes a directive it signs for that unit, carried inside its directive to the direct
 * unit on the way (`relayed.tar`), with what superiors further up signed for units on that way. Relaying: a unit keeps
 * each one byte for byte and its next directive towards the unit carries it on. Receiving: each one is checked on its
 * own against the issuer's key as vouched for; a bad one is refused alone while the sender's own items apply.
 */

/** What this unit addressed to one unit further below, as the directive data it signs for it. */
export type InnerDirective = { targetCode: string; itemIds: string[]; data: DirectiveData };

export type RelayPlan = { bytes: Uint8Array; count: number; made: { row: RelayedRow; itemIds: string[] }[]; passedOn: string[] };

const file = (row: RelayedRow): ReadonlyMap<string, Uint8Array> =>
  new Map([['manifest.json', row.manifest], ['data.json', row.data], ['SHA256SUMS', row.sums], ['SHA256SUMS.sig', row.sig]].map(([n, b]) => [n as string, new Uint8Array(b as Buffer)]));

/**
 * `relayed.tar` for the next directive to the direct unit whose subtree is `subtree`: this unit's own directives for
 * the units in it, signed now, and those of superiors further up waiting here for any of them. Undefined when there
 * is nothing to relay. Nothing is written: {@link recordRelay} does, in the transaction that records the directive.
 */
export async function planRelay(ctx: ServiceContext, label: string, inners: readonly InnerDirective[], subtree: readonly string[]): Promise<RelayPlan | undefined> {
  const waiting = waitingRelayed(ctx.db, subtree);
  if (inners.length === 0 && waiting.length === 0) {
    return undefined;
  }
  const self = getSelfUnit(ctx.db);
  const own = ownKeys(ctx);
  const now = ctx.clock.now();
  const made = inners.map(({ targetCode, itemIds, data }) => {
    const last = lastRelayed(ctx.db, self.code, targetCode);
    const seq = (last?.seq ?? 0) + 1;
    const manifest = {
      format: BUNDLE_FORMAT,
      kind: 'directive',
      bundleId: newId(),
      from: { code: self.code, name: self.name, level: self.level, keyFingerprint: own.signing.fingerprint },
      // Never encrypted on its own (it travels inside the encrypted bundles of each hop); the schema asks for a recipient.
      to: { code: targetCode, ageRecipient: own.ageRecipient },
      seq,
      prevSha256: last?.sumsSha256 ?? null,
      label,
      createdAt: now,
      app: { version: APP_VERSION, schemaVersion: BUNDLE_DATA_VERSION },
      counts: { decisions: data.decisions.length, targets: data.targets.length, notes: data.notes.length, holidays: data.holidays.length, rulebooks: data.rulebooks.length },
    } as const;
    const { files } = signFiles(manifest, data, own.signing.privateKey);
    const bytes = (name: string) => Buffer.from(files.get(name) ?? new Uint8Array());
    const row: RelayedRow = {
      id: newId(), folder: relayedFolder(self.code, targetCode, seq), issuerCode: self.code, issuerName: self.name, targetCode, seq, sumsSha256: sha256Hex(files.get('SHA256SUMS') ?? new Uint8Array()),
      publicKey: own.signing.publicKey, manifest: bytes('manifest.json'), data: bytes('data.json'), sums: bytes('SHA256SUMS'), sig: bytes('SHA256SUMS.sig'),
      viaCode: null, viaName: null, carriedIn: null, appliedAt: null, createdAt: now,
    };
    return { row, itemIds };
  });
  const all = [...made.map((m) => m.row), ...waiting];
  const signed: SignedDirective[] = all.map((row) => ({ folder: row.folder, issuerCode: row.issuerCode, publicKey: row.publicKey, files: file(row) }));
  return { bytes: await packRelayed(signed), count: all.length, made, passedOn: waiting.map((w) => w.id) };
}

/** Records, in the directive's transaction, the directives it signed and passed on, and which items each carries. */
export function recordRelay(tx: Tx, plan: RelayPlan, bundleSha256: string): void {
  for (const { row, itemIds } of plan.made) {
    insertRelayed(tx, { ...row, carriedIn: bundleSha256 });
    markItemsSent(tx, itemIds, bundleSha256, row.id);
  }
  markCarried(tx, plan.passedOn, bundleSha256);
}

export type AcceptedDirective = CheckedDirective & { directive: DirectiveData };
export type CheckedRelayed = { accepted: AcceptedDirective[]; refused: InnerRefusal[] };

const refusal = (folder: string, error: unknown): InnerRefusal => {
  if (!isBundleError(error)) {
    throw error;
  }
  return { unitCode: folder, code: error.code, message: error.message };
};

/**
 * Checks `relayed.tar` in a directive from `sender` (this unit's superior) before anything is written. A malformed
 * archive refuses the whole bundle (RELAYED_INVALID): the sender signed it. Each directive inside is refused alone:
 * its issuer's key is the one this unit trusts when the issuer is the sender, otherwise the one the sender vouches
 * for; it must be addressed to this unit or to a unit below it, from a unit that is neither.
 */
export async function checkRelayed(db: DbOrTx, sender: { code: string }, bytes: Uint8Array): Promise<CheckedRelayed> {
  const self = getSelfUnit(db);
  const below = new Set([...subtreesBelowSelf(db).subtree.values()].flat());
  const { signers, directives } = await readRelayed(bytes);
  const accepted: AcceptedDirective[] = [];
  const refused: InnerRefusal[] = [];
  for (const [folder, files] of directives) {
    try {
      const issuer = folder.split('_')[0] ?? '';
      const trusted = issuer === sender.code ? signerRecord(db, sender.code) : null;
      const keys = trusted ? (trusted.revoked ? [] : [trusted.publicKey]) : (signers.get(issuer) ?? []);
      const checked = checkRelayedDirective(folder, files, keys);
      const { from, to } = checked.manifest;
      if ((to.code !== self.code && !below.has(to.code)) || from.code === self.code || below.has(from.code) || getUnit(db, from.code)?.origin === 'self') {
        throw bundleError('INNER_DIRECTIVE_NOT_FOR_ME', `${folder}: gửi cho ${to.code}`);
      }
      const directive = rethrowInvalid(() => parseBundleData('directive', checked.manifest.app.schemaVersion, checked.data));
      accepted.push({ ...checked, directive });
    } catch (error) {
      refused.push(refusal(folder, error));
    }
  }
  return { accepted, refused };
}

function rethrowInvalid<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw isBundleError(error) && error.code !== 'SCHEMA_TOO_NEW' ? bundleError('INNER_DIRECTIVE_INVALID', error.message) : error;
  }
}

/**
 * Keeps the accepted directives inside the import's transaction: those for this unit are applied (each once, in the
 * issuer's order), those for a unit below wait for this unit's next directive towards it.
 */
export function applyRelayed(ctx: ServiceContext, sender: { code: string; name: string }, bundleSha256: string, checked: CheckedRelayed): { summary: ImportSummary; quarantined: QuarantinedRecord[]; refused: InnerRefusal[] } {
  const self = getSelfUnit(ctx.db);
  const summary: ImportSummary = { added: 0, changed: 0, removed: 0, quarantined: 0, warnings: [] };
  const quarantined: QuarantinedRecord[] = [];
  let kept = 0;
  const ordered = [...checked.accepted].sort((a, b) => (a.manifest.from.code < b.manifest.from.code ? -1 : a.manifest.from.code > b.manifest.from.code ? 1 : a.manifest.seq - b.manifest.seq));
  for (const inner of ordered) {
    if (relayedBySums(ctx.db, inner.sumsSha256)) {
      continue;
    }
    const { from, to, seq } = inner.manifest;
    const mine = to.code === self.code;
    // Applied before this one is recorded: an older directive must not take back a newer one's calendar.
    const newer = mine ? (lastRelayed(ctx.db, from.code, self.code)?.seq ?? 0) < seq : true;
    const bytes = (name: string) => Buffer.from(inner.files.get(name) ?? new Uint8Array());
    const row: RelayedRow = {
      id: newId(), folder: inner.folder, issuerCode: from.code, issuerName: from.name, targetCode: to.code, seq, sumsSha256: inner.sumsSha256, publicKey: inner.publicKey,
      manifest: bytes('manifest.json'), data: bytes('data.json'), sums: bytes('SHA256SUMS'), sig: bytes('SHA256SUMS.sig'),
      viaCode: sender.code, viaName: sender.name, carriedIn: null, appliedAt: mine ? ctx.clock.now() : null, createdAt: ctx.clock.now(),
    };
    insertRelayed(ctx.db, row);
    if (!mine) {
      kept++;
      continue;
    }
    const applied = applyRelayedDirective(ctx, { id: row.id, issuerCode: from.code, issuerName: from.name, bundleSha256, newer }, inner.directive);
    summary.added += applied.added;
    summary.changed += applied.changed;
    quarantined.push(...applied.quarantined);
    summary.warnings.push(`Chỉ đạo của ${from.name} (${from.code}, chuyển qua ${sender.name}): ${applied.added.toLocaleString('vi-VN')} mục mới.`);
  }
  if (kept > 0) {
    summary.warnings.push(`${kept.toLocaleString('vi-VN')} chỉ đạo của cấp trên gửi cho đơn vị trực thuộc được giữ lại, sẽ chuyển trong gói chỉ đạo kế tiếp cho đơn vị đó.`);
  }
  for (const r of checked.refused) {
    summary.warnings.push(`Từ chối chỉ đạo chuyển qua ${r.unitCode} [${r.code}]: ${r.message}`);
  }
  summary.quarantined += quarantined.length;
  return { summary, quarantined, refused: checked.refused };
}
