import { ageDecrypt, allowedSignersLine, BUNDLE_ENTRY_NAMES, readTar, writeTar, type TarEntry } from '../domain/bundles/index';
import { getSelfUnit, mirroredChildCodes } from '../store/units';
import type { ServiceContext } from './context';
import { ownKeys, signerRecord } from './key-service';
import { latestAppliedReport } from './sync-repo';

/**
 * Forwarding up the tree (docs/bundle-format.md "Forwarding up the tree"): the snapshots a unit with units below it
 * passes on to its superior, byte for byte as each unit signed them. The encrypted file of every applied report is
 * already archived in `inbox` (encrypted database), so the signed files are read back from there rather than kept twice.
 */

export type ForwardedSnapshot = { code: string; publicKey: string; files: Map<string, Uint8Array> };

/** The latest applied snapshot of each unit directly below, as it signed it, with the key it was verified against. */
export async function forwardedSnapshots(ctx: ServiceContext): Promise<ForwardedSnapshot[]> {
  const { identities } = ownKeys(ctx);
  const snapshots: ForwardedSnapshot[] = [];
  for (const code of mirroredChildCodes(ctx.db, getSelfUnit(ctx.db).code)) {
    const bytes = latestAppliedReport(ctx.db, code);
    const key = signerRecord(ctx.db, code);
    // A unit never reported, or whose key is unverified or revoked since, has nothing this unit can vouch for.
    if (!bytes || !key || key.revoked || !key.verified) {
      continue;
    }
    snapshots.push({ code, publicKey: key.publicKey, files: await readTar(await ageDecrypt(bytes, identities)) });
  }
  return snapshots;
}

/** `forwarded.tar`: `<CODE>/<the four signed files>` for each unit, and `allowed_signers` with the keys vouched for. */
export async function packForwarded(snapshots: readonly ForwardedSnapshot[]): Promise<Uint8Array> {
  const entries: TarEntry[] = snapshots.flatMap(({ code, files }) => BUNDLE_ENTRY_NAMES.map((name) => ({ name: `${code}/${name}`, data: files.get(name) ?? new Uint8Array() })));
  const signers = snapshots.map(({ code, publicKey }) => `${allowedSignersLine(code, publicKey)}\n`).join('');
  entries.push({ name: 'allowed_signers', data: new TextEncoder().encode(signers) });
  return writeTar(entries);
}
