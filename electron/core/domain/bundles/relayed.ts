import { bundleError, isBundleError } from './errors';
import { ALLOWED_SIGNERS, checkSignedFiles, type InnerCodes } from './forwarded';
import { fingerprintOf, parsePublicKey } from './keys';
import { bundleManifestSchema, UNIT_CODE, type BundleManifest } from './manifest';
import { allowedSignersLine, BUNDLE_NAMESPACE } from './sshsig';
import { BUNDLE_ENTRY_NAMES, MAX_DATA_BYTES, readTar, writeTar, type TarEntry } from './tar';

/**
 * `relayed.tar` (docs/bundle-format.md "Directives down the tree"): what a superior's directive carries for units
 * further below than its recipient. Each item is a directive a superior higher up signed itself for one unit, its four
 * files byte for byte under `<FROM>_<TO>_s<seq>/`, and at the root `allowed_signers` with the key the relaying unit
 * vouches for each issuer, so stock `ssh-keygen -Y verify` checks any of them wherever it arrives.
 */

/** A relaying unit carries at most this many directives in one bundle. */
export const MAX_RELAYED_DIRECTIVES = 4000;
const FOLDER = /^([A-Z0-9][A-Z0-9-]{1,31})_([A-Z0-9][A-Z0-9-]{1,31})_s(\d{6})$/;
const INNER_NAMES = new Set<string>(BUNDLE_ENTRY_NAMES);
const CODES: InnerCodes = { invalid: 'INNER_DIRECTIVE_INVALID', notVouched: 'INNER_DIRECTIVE_KEY_NOT_VOUCHED', signature: 'INNER_DIRECTIVE_SIGNATURE_INVALID', hash: 'INNER_DIRECTIVE_HASH_MISMATCH' };

/** `DUK01_CB011_s000003`: who signed it, for whom, its number in that issuer's directives to that unit. */
export function relayedFolder(from: string, to: string, seq: number): string {
  return `${from}_${to}_s${String(seq).padStart(6, '0')}`;
}

/** One directive as its issuer signed it, with the issuer's key the relaying unit vouches for. */
export type SignedDirective = { folder: string; issuerCode: string; publicKey: string; files: ReadonlyMap<string, Uint8Array> };

export async function packRelayed(directives: readonly SignedDirective[]): Promise<Uint8Array> {
  const entries: TarEntry[] = directives.flatMap(({ folder, files }) => BUNDLE_ENTRY_NAMES.map((name) => ({ name: `${folder}/${name}`, data: files.get(name) ?? new Uint8Array() })));
  // An issuer that changed its key between two directives is listed with both; ssh-keygen tries each line of a name.
  const lines = new Set(directives.map(({ issuerCode, publicKey }) => `${allowedSignersLine(issuerCode, publicKey)}\n`));
  entries.push({ name: ALLOWED_SIGNERS, data: new TextEncoder().encode([...lines].sort().join('')) });
  return writeTar(entries);
}

const innerName = (name: string): boolean => {
  const [folder, file, ...rest] = name.split('/');
  return rest.length === 0 && folder !== undefined && FOLDER.test(folder) && file !== undefined && INNER_NAMES.has(file);
};

/** The archive read strictly: issuers' keys, files grouped by folder. Throws RELAYED_INVALID. */
export async function readRelayed(bytes: Uint8Array): Promise<{ signers: Map<string, string[]>; directives: Map<string, Map<string, Uint8Array>> }> {
  let files: Map<string, Uint8Array>;
  try {
    files = await readTar(bytes, {
      allowedNames: { has: (name) => name === ALLOWED_SIGNERS || innerName(name) },
      maxEntries: MAX_RELAYED_DIRECTIVES * BUNDLE_ENTRY_NAMES.length + 1,
      maxEntryBytes: MAX_DATA_BYTES,
    });
  } catch (error) {
    throw isBundleError(error) ? bundleError('RELAYED_INVALID', error.message) : error;
  }
  const signers = parseSigners(files.get(ALLOWED_SIGNERS));
  const directives = new Map<string, Map<string, Uint8Array>>();
  for (const [name, data] of files) {
    const [folder, file] = name.split('/');
    if (folder !== undefined && file !== undefined) {
      directives.set(folder, (directives.get(folder) ?? new Map<string, Uint8Array>()).set(file, data));
    }
  }
  return { signers, directives };
}

function parseSigners(bytes: Uint8Array | undefined): Map<string, string[]> {
  if (!bytes) {
    throw bundleError('RELAYED_INVALID', `thiếu ${ALLOWED_SIGNERS}`);
  }
  const signers = new Map<string, string[]>();
  for (const line of Buffer.from(bytes).toString('latin1').split('\n').filter(Boolean)) {
    const match = /^(\S+) namespaces="([^"]+)" (ssh-ed25519 \S+)$/.exec(line);
    if (!match?.[1] || match[2] !== BUNDLE_NAMESPACE || !match[3] || !UNIT_CODE.test(match[1])) {
      throw bundleError('RELAYED_INVALID', `${ALLOWED_SIGNERS}: dòng không hợp lệ`);
    }
    try {
      parsePublicKey(match[3]);
    } catch {
      throw bundleError('RELAYED_INVALID', `${ALLOWED_SIGNERS}: khóa của ${match[1]} không hợp lệ`);
    }
    signers.set(match[1], [...(signers.get(match[1]) ?? []), match[3]]);
  }
  return signers;
}

export type CheckedDirective = { folder: string; manifest: BundleManifest; data: unknown; sumsSha256: string; publicKey: string; files: ReadonlyMap<string, Uint8Array> };

/**
 * One relayed directive checked as its own bundle would be: signed by one of `vouchedKeys` (the keys vouched for
 * its issuer), hashes, and a `directive` manifest from that issuer to the unit and number its folder names. Throws
 * AppError INNER_DIRECTIVE_*; the caller refuses that directive alone.
 */
export function checkRelayedDirective(folder: string, files: ReadonlyMap<string, Uint8Array>, vouchedKeys: readonly string[]): CheckedDirective {
  const [, from, to, seq] = FOLDER.exec(folder) ?? [];
  const checked = checkSignedFiles(files, vouchedKeys, CODES, from ?? folder);
  const manifest = bundleManifestSchema.safeParse(checked.manifest);
  const fingerprint = fingerprintOf(checked.signerKey);
  if (!manifest.success || manifest.data.kind !== 'directive' || manifest.data.from.code !== from || manifest.data.to.code !== to || manifest.data.seq !== Number(seq) || manifest.data.from.keyFingerprint !== fingerprint) {
    throw bundleError('INNER_DIRECTIVE_INVALID', `manifest.json không phải chỉ đạo ${folder} do ${from ?? '?'} ký`);
  }
  const publicKey = vouchedKeys.find((key) => fingerprintOf(key) === fingerprint) ?? '';
  return { folder, manifest: manifest.data, data: checked.data, sumsSha256: checked.sumsSha256, publicKey, files };
}
