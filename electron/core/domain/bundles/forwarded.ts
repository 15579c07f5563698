import { bundleError, isBundleError, type BundleErrorCode } from './errors';
import { parseChunked } from './json-chunks';
import { fingerprintOf, parsePublicKey } from './keys';
import { bundleManifestSchema, type BundleManifest } from './manifest';
import { allowedSignersLine, BUNDLE_NAMESPACE, verifySshsig } from './sshsig';
import { checkSums, parseSums, sha256Hex, SIGNED_ENTRY_NAMES } from './sums';
import { BUNDLE_ENTRY_NAMES, MAX_DATA_BYTES, readTar, writeTar, type TarEntry } from './tar';

/**
 * `forwarded.tar` (docs/bundle-format.md "Forwarding up the tree"): what a unit with units below it passes on to its
 * superior inside its own signed unit-report. For each unit below, at any depth, the four files of its latest applied
 * snapshot byte for byte as that unit signed them, under `<CODE>/`, and at the root `allowed_signers` with the key
 * the forwarding unit verified for each of them, so stock `ssh-keygen -Y verify` checks any of them at the top.
 */

export const ALLOWED_SIGNERS = 'allowed_signers';
/** A forwarding unit passes on at most this many snapshots in one bundle. */
export const MAX_FORWARDED_UNITS = 4000;
const CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;
const INNER_NAMES = new Set<string>(BUNDLE_ENTRY_NAMES);

/** One unit's snapshot as it signed it, with the key it is vouched for under. */
export type SignedSnapshot = { code: string; publicKey: string; files: ReadonlyMap<string, Uint8Array> };

export async function packForwarded(snapshots: readonly SignedSnapshot[]): Promise<Uint8Array> {
  const entries: TarEntry[] = snapshots.flatMap(({ code, files }) => BUNDLE_ENTRY_NAMES.map((name) => ({ name: `${code}/${name}`, data: files.get(name) ?? new Uint8Array() })));
  const signers = snapshots.map(({ code, publicKey }) => `${allowedSignersLine(code, publicKey)}\n`).join('');
  entries.push({ name: ALLOWED_SIGNERS, data: new TextEncoder().encode(signers) });
  return writeTar(entries);
}

const innerName = (name: string): boolean => {
  const [code, file, ...rest] = name.split('/');
  return rest.length === 0 && code !== undefined && CODE.test(code) && file !== undefined && INNER_NAMES.has(file);
};

/** The archive read strictly: allowed_signers parsed, files grouped by unit. Throws FORWARDED_INVALID. */
export async function readForwarded(bytes: Uint8Array): Promise<{ signers: Map<string, string>; units: Map<string, Map<string, Uint8Array>> }> {
  let files: Map<string, Uint8Array>;
  try {
    files = await readTar(bytes, {
      allowedNames: { has: (name) => name === ALLOWED_SIGNERS || innerName(name) },
      maxEntries: MAX_FORWARDED_UNITS * BUNDLE_ENTRY_NAMES.length + 1,
      // An inner data.json is as large as the cell's own may be; the whole archive is bounded when inflated.
      maxEntryBytes: MAX_DATA_BYTES,
    });
  } catch (error) {
    throw isBundleError(error) ? bundleError('FORWARDED_INVALID', error.message) : error;
  }
  const signers = parseAllowedSigners(files.get(ALLOWED_SIGNERS));
  const units = new Map<string, Map<string, Uint8Array>>();
  for (const [name, data] of files) {
    const [code, file] = name.split('/');
    if (code !== undefined && file !== undefined) {
      units.set(code, (units.get(code) ?? new Map<string, Uint8Array>()).set(file, data));
    }
  }
  return { signers, units };
}

/** `CODE namespaces="ptdv-bundle@1" ssh-ed25519 AAAA…` lines, one per unit, exactly as {@link packForwarded} writes them. */
function parseAllowedSigners(bytes: Uint8Array | undefined): Map<string, string> {
  if (!bytes) {
    throw bundleError('FORWARDED_INVALID', `thiếu ${ALLOWED_SIGNERS}`);
  }
  const signers = new Map<string, string>();
  const text = Buffer.from(bytes).toString('latin1');
  for (const line of text.split('\n').filter(Boolean)) {
    const match = /^(\S+) namespaces="([^"]+)" (ssh-ed25519 \S+)$/.exec(line);
    if (!match?.[1] || match[2] !== BUNDLE_NAMESPACE || !match[3] || signers.has(match[1]) || !CODE.test(match[1])) {
      throw bundleError('FORWARDED_INVALID', `${ALLOWED_SIGNERS}: dòng không hợp lệ`);
    }
    try {
      parsePublicKey(match[3]);
    } catch {
      throw bundleError('FORWARDED_INVALID', `${ALLOWED_SIGNERS}: khóa của ${match[1]} không hợp lệ`);
    }
    signers.set(match[1], match[3]);
  }
  return signers;
}

export type CheckedInner = { code: string; manifest: BundleManifest; data: unknown; sumsSha256: string; publicKey: string; files: ReadonlyMap<string, Uint8Array> };

/** The codes one kind of inner bundle is refused with (forwarded snapshots, relayed directives). */
export type InnerCodes = { invalid: BundleErrorCode; notVouched: BundleErrorCode; signature: BundleErrorCode; hash: BundleErrorCode };
const SNAPSHOT_CODES: InnerCodes = { invalid: 'INNER_INVALID', notVouched: 'INNER_KEY_NOT_VOUCHED', signature: 'INNER_SIGNATURE_INVALID', hash: 'INNER_HASH_MISMATCH' };

/**
 * The checks a stock `ssh-keygen -Y verify` + `sha256sum -c` make on the four files of an inner bundle: the signature
 * by one of `vouchedKeys`, and the hashes of data.json and manifest.json. Returns the key that signed and both files
 * parsed (the manifest not yet validated). Throws the AppError of `codes` with the reason.
 */
export function checkSignedFiles(files: ReadonlyMap<string, Uint8Array>, vouchedKeys: readonly string[], codes: InnerCodes, who: string): { signerKey: Uint8Array; manifest: unknown; data: unknown; sumsSha256: string } {
  const missing = BUNDLE_ENTRY_NAMES.filter((name) => !files.has(name));
  if (missing.length > 0) {
    throw bundleError(codes.invalid, `thiếu ${missing.join(', ')}`);
  }
  if (vouchedKeys.length === 0) {
    throw bundleError(codes.notVouched, `không có khóa của ${who} trong ${ALLOWED_SIGNERS}`);
  }
  const entry = (name: string) => files.get(name) ?? new Uint8Array();
  const signerKey = rethrow(codes.signature, () => verifySshsig(entry('SHA256SUMS'), Buffer.from(entry('SHA256SUMS.sig')).toString('latin1')));
  if (!vouchedKeys.some((key) => fingerprintOf(key) === fingerprintOf(signerKey))) {
    throw bundleError(codes.notVouched, who);
  }
  const sums = rethrow(codes.invalid, () => parseSums(entry('SHA256SUMS')));
  // A committee's own report lists the forwarded.tar it carried; that is not passed on (the units it held come flat
  // beside it in this archive), so only the two files every snapshot has are checked.
  rethrow(codes.hash, () => checkSums(new Map(SIGNED_ENTRY_NAMES.map((name) => [name, sums.get(name) ?? ''])), files));
  return { signerKey, manifest: parseJson(entry('manifest.json'), codes.invalid), data: parseJson(entry('data.json'), codes.invalid, true), sumsSha256: sha256Hex(entry('SHA256SUMS')) };
}

/**
 * One unit's forwarded snapshot checked as its own bundle would be (signature against the vouched key, hashes,
 * manifest). Throws AppError INNER_* with the reason; the caller refuses that snapshot alone.
 */
export function checkInner(code: string, files: ReadonlyMap<string, Uint8Array>, vouchedKey: string | undefined): CheckedInner {
  const checked = checkSignedFiles(files, vouchedKey ? [vouchedKey] : [], SNAPSHOT_CODES, code);
  const manifest = bundleManifestSchema.safeParse(checked.manifest);
  if (!manifest.success || manifest.data.kind !== 'unit-report' || manifest.data.from.code !== code || manifest.data.from.keyFingerprint !== fingerprintOf(checked.signerKey)) {
    throw bundleError('INNER_INVALID', `manifest.json không phải báo cáo do ${code} ký`);
  }
  return { code, manifest: manifest.data, data: checked.data, sumsSha256: checked.sumsSha256, publicKey: vouchedKey ?? '', files };
}

function rethrow<T>(code: BundleErrorCode, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw isBundleError(error) ? bundleError(code, error.message) : error;
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** `data` marks a snapshot's data.json, read a record at a time (json-chunks.ts). */
function parseJson(bytes: Uint8Array, code: BundleErrorCode, data = false): unknown {
  try {
    return data ? parseChunked(bytes, strictUtf8) : JSON.parse(strictUtf8.decode(bytes));
  } catch {
    throw bundleError(code, 'nội dung không đọc được');
  }
}

/**
 * Which checked snapshots really sit below `senderCode`: each one's manifest is addressed to the sender or to
 * another unit of the same archive that is itself below (any depth, no cycles). Returns them parents first.
 */
export function orderBelow<T extends CheckedInner>(senderCode: string, inner: readonly T[]): { below: T[]; notBelow: T[] } {
  const byCode = new Map(inner.map((i) => [i.code, i]));
  const below: T[] = [];
  const placed = new Set([senderCode]);
  let progress = true;
  while (progress) {
    progress = false;
    for (const item of byCode.values()) {
      if (placed.has(item.manifest.to.code) && !placed.has(item.code)) {
        below.push(item);
        placed.add(item.code);
        byCode.delete(item.code);
        progress = true;
      }
    }
  }
  return { below, notBelow: [...byCode.values()] };
}
