import { ageDecrypt, ageEncrypt } from './age';
import { bundleError } from './errors';
import { fingerprintOf, formatPublicKey, parsePrivateKey, parsePublicKey } from './keys';
import type { BundleKind, BundleManifest } from './manifest';
import { bundleFileName, bundleManifestSchema, serializeManifest } from './manifest';
import { verifySshsig, signSshsig } from './sshsig';
import { checkSums, makeSums, parseSums, sha256Hex } from './sums';
import { BUNDLE_ENTRY_NAMES, compressTar, decompressTar, FORWARDED_ENTRY, formatMiB, RELAYED_ENTRY, MAX_DATA_BYTES, readTar, writeTar } from './tar';
import { parseChunked, stringifyChunked } from './json-chunks';
import { bytesEqual } from './ssh-wire';
import { formatZodIssues } from '../../errors';

/**
 * Packing and opening `ptdv.bundle/1` files (docs/bundle-format.md): tar → SHA256SUMS → SSHSIG → age. Opening runs import
 * steps 1–5 in order and stops at the first failure; validating `data.json` against the schema of its kind and
 * `schemaVersion` (step 6) and placing the bundle in the sequence (step 7) belong to the caller.
 */

/** Step 1: files larger than this are refused before any decryption work. */
export const MAX_BUNDLE_BYTES = 200 * 1024 * 1024;
const MAX_FILE_NAME = 255;

export type PackBundleInput = {
  manifest: BundleManifest;
  /** Any JSON value; the caller validates it against the schema of `manifest.kind` before packing. */
  data: unknown;
  /** The sender's OpenSSH Ed25519 private key; its fingerprint must be `manifest.from.keyFingerprint`. */
  signingKey: string;
  /** age recipients: must include `manifest.to.ageRecipient`, and should include the sender's own. */
  recipients: readonly string[];
  /** `forwarded.tar` (see forwarded.ts): the signed snapshots of the units below, passed on by a unit-report. */
  forwarded?: Uint8Array;
  /** `relayed.tar` (see relayed.ts): directives a superior further up signed for units below the recipient. */
  relayed?: Uint8Array;
};

export type PackedBundle = {
  bytes: Uint8Array;
  fileName: string;
  /** SHA-256 of the whole file (outbox, archive). */
  sha256: string;
  /** SHA-256 of SHA256SUMS: the next bundle's `prevSha256`, and the content hash for sequence checks. */
  sumsSha256: string;
};

const encoder = new TextEncoder();

/**
 * Builds a bundle file. Throws AppError (kind 'validation') MANIFEST_INVALID, KEY_INVALID, DATA_INVALID,
 * TAR_ENTRY_TOO_LARGE or BUNDLE_TOO_LARGE, so a sender never produces a file its recipient would refuse for size.
 */
export async function packBundle(input: PackBundleInput): Promise<PackedBundle> {
  const { manifest, files } = signFiles(input.manifest, input.data, input.signingKey, [
    [FORWARDED_ENTRY, input.forwarded],
    [RELAYED_ENTRY, input.relayed],
  ]);
  if (!input.recipients.includes(manifest.to.ageRecipient)) {
    throw bundleError('KEY_INVALID', 'danh sách người nhận age thiếu đơn vị nhận');
  }
  const tar = await writeTar([...files].map(([name, data]) => ({ name, data })));
  const bytes = await ageEncrypt(await compressTar(tar), [...new Set(input.recipients)]);
  if (bytes.length > MAX_BUNDLE_BYTES) {
    throw bundleError('BUNDLE_TOO_LARGE');
  }
  const fileName = bundleFileName(manifest.from.code, manifest.to.code, manifest.label, manifest.seq);
  const sums = files.get('SHA256SUMS') ?? new Uint8Array();
  return { bytes, fileName, sha256: sha256Hex(bytes), sumsSha256: sha256Hex(sums) };
}

/**
 * The signed entries of a bundle before tar and age: data.json, manifest.json, any `extra` entry given, SHA256SUMS
 * and its SSHSIG. A directive relayed down the tree is exactly these four files. Throws AppError MANIFEST_INVALID,
 * KEY_INVALID, DATA_INVALID or TAR_ENTRY_TOO_LARGE.
 */
export function signFiles(rawManifest: BundleManifest, data: unknown, signingKey: string, extra: readonly (readonly [string, Uint8Array | undefined])[] = []): { manifest: BundleManifest; files: Map<string, Uint8Array> } {
  const parsed = bundleManifestSchema.safeParse(rawManifest);
  if (!parsed.success) {
    throw bundleError('MANIFEST_INVALID', formatZodIssues(parsed.error));
  }
  const manifest = parsed.data;
  const key = parsePrivateKey(signingKey);
  if (fingerprintOf(key.publicKey) !== manifest.from.keyFingerprint) {
    throw bundleError('KEY_INVALID', 'khóa ký không khớp với dấu vân tay trong manifest');
  }
  const signed = new Map([
    ['data.json', serializeData(data)],
    ['manifest.json', serializeManifest(manifest)],
  ]);
  for (const [name, bytes] of extra) {
    if (bytes) {
      signed.set(name, bytes);
    }
  }
  const sums = makeSums(signed);
  signed.set('SHA256SUMS', sums);
  signed.set('SHA256SUMS.sig', encoder.encode(signSshsig(sums, key)));
  return { manifest, files: signed };
}

/** data.json: compact JSON (it can be hundreds of megabytes), refused at the size the recipient would refuse. */
function serializeData(data: unknown): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = concatNewline(stringifyChunked(data));
  } catch (error) {
    // V8 cannot build a string past 512 MiB: the data is beyond the format's limit, not a bug to report as one.
    if (error instanceof RangeError) {
      throw bundleError('TAR_ENTRY_TOO_LARGE', `data.json, tối đa ${formatMiB(MAX_DATA_BYTES)}`);
    }
    throw error;
  }
  if (bytes.length === 1) {
    throw bundleError('DATA_INVALID', 'dữ liệu không ghi được vào gói');
  }
  if (bytes.length > MAX_DATA_BYTES) {
    throw bundleError('TAR_ENTRY_TOO_LARGE', `data.json, tối đa ${formatMiB(MAX_DATA_BYTES)}`);
  }
  return bytes;
}

function concatNewline(json: Uint8Array): Uint8Array {
  const out = new Uint8Array(json.length + 1);
  out.set(json);
  out[json.length] = 0x0a;
  return out;
}

/** What the recipient knows about a sender's signing key. */
export type SignerRecord = { publicKey: string; revoked: boolean };

export type OpenBundleOptions = {
  /** The received file's name (a path is fine); checked for the .ptdv extension and length only. */
  fileName?: string;
  /** My age identities, newest first; old ones stay so late bundles still open. */
  identities: readonly string[];
  /**
   * The enrolled key of a unit code, or null when none is enrolled. The (signature-checked) manifest is passed
   * too, so a recipient can let a unit whose key it revoked enrol again with a different key.
   */
  lookupSignerKey: (code: string, manifest: BundleManifest) => SignerRecord | null | Promise<SignerRecord | null>;
  /** My unit code. */
  myCode: string;
  /** Kinds I accept from a sender; an unknown sender is asked too (a superior accepts `enrolment` from anyone). */
  acceptedKinds: (fromCode: string) => readonly BundleKind[];
  /** Refuse with SCHEMA_TOO_NEW when `manifest.app.schemaVersion` is above this (import step 6's first check). */
  maxSchemaVersion?: number;
  /** 'sender' re-opens my own outbox file: the manifest must be from me, and kinds are not checked. */
  role?: 'recipient' | 'sender';
};

export type OpenedBundle = {
  manifest: BundleManifest;
  /** Parsed JSON, not yet validated: step 6 (the data schema of `manifest.kind`) is the caller's. */
  data: unknown;
  sha256: string;
  sumsSha256: string;
  /**
   * The key that signed. `enrolled` is false only for an `enrolment` bundle from a code with no key yet: the
   * caller records the key as unverified and shows its read-aloud code.
   */
  signer: { publicKey: string; fingerprint: string; enrolled: boolean };
  /** `forwarded.tar`, covered by the signature, when the sender passed on the snapshots of units below it. */
  forwarded: Uint8Array | null;
  /** `relayed.tar`, covered by the signature, when a directive carries directives of a superior further up. */
  relayed: Uint8Array | null;
};

/**
 * Opens a received bundle: docs/bundle-format.md import steps 1–5, in order, stopping at the first failure. Reads nothing
 * the signature does not cover. Throws AppError (kind 'validation') with a {@link BundleErrorCode}.
 */
export async function openBundle(bytes: Uint8Array, options: OpenBundleOptions): Promise<OpenedBundle> {
  checkLimits(bytes, options.fileName);
  const files = await readTar(await decompressTar(await ageDecrypt(bytes, options.identities)));
  const missing = BUNDLE_ENTRY_NAMES.filter((name) => !files.has(name));
  if (missing.length > 0) {
    throw bundleError('TAR_ENTRY_MISSING', missing.join(', '));
  }
  const entry = (name: (typeof BUNDLE_ENTRY_NAMES)[number]) => files.get(name) ?? new Uint8Array();
  const signerKey = verifySshsig(entry('SHA256SUMS'), Buffer.from(entry('SHA256SUMS.sig')).toString('latin1'));
  const sums = parseSums(entry('SHA256SUMS'));
  checkSums(sums, files);
  for (const optional of [FORWARDED_ENTRY, RELAYED_ENTRY]) {
    if (files.has(optional) && !sums.has(optional)) {
      throw bundleError('SUMS_INVALID', `${optional} không có trong SHA256SUMS`);
    }
  }
  const manifest = parseManifest(entry('manifest.json'));
  const enrolled = await checkSigner(manifest, signerKey, options);
  checkAddressing(manifest, options);
  if (options.maxSchemaVersion !== undefined && manifest.app.schemaVersion > options.maxSchemaVersion) {
    throw bundleError('SCHEMA_TOO_NEW', `phiên bản dữ liệu ${manifest.app.schemaVersion}`);
  }
  return {
    manifest,
    data: parseData(entry('data.json')),
    sha256: sha256Hex(bytes),
    sumsSha256: sha256Hex(entry('SHA256SUMS')),
    signer: { publicKey: formatPublicKey(signerKey, manifest.from.code), fingerprint: fingerprintOf(signerKey), enrolled },
    forwarded: files.get(FORWARDED_ENTRY) ?? null,
    relayed: files.get(RELAYED_ENTRY) ?? null,
  };
}

function checkLimits(bytes: Uint8Array, fileName: string | undefined): void {
  if (bytes.length > MAX_BUNDLE_BYTES) {
    throw bundleError('BUNDLE_TOO_LARGE');
  }
  if (fileName === undefined) {
    return;
  }
  const base = fileName.split(/[\\/]/).pop() ?? '';
  // Control characters are never typed by a person; in a name they only serve to confuse logs and terminals.
  const hasControl = [...base].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '\u007f');
  if (base.length > MAX_FILE_NAME || !/\.ptdv$/i.test(base) || hasControl) {
    throw bundleError('BUNDLE_NAME_INVALID', base.slice(0, 80));
  }
}

function parseManifest(bytes: Uint8Array): BundleManifest {
  const parsed = bundleManifestSchema.safeParse(parseJson(bytes, 'MANIFEST_INVALID'));
  if (!parsed.success) {
    throw bundleError('MANIFEST_INVALID', formatZodIssues(parsed.error).slice(0, 300));
  }
  return parsed.data;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Uint8Array, code: 'MANIFEST_INVALID' | 'DATA_INVALID'): unknown {
  try {
    return JSON.parse(strictUtf8.decode(bytes));
  } catch {
    throw bundleError(code, 'nội dung không đọc được');
  }
}

/** data.json, read a record at a time (json-chunks.ts): what JSON.parse reads, without the whole text as one string. */
function parseData(bytes: Uint8Array): unknown {
  try {
    return parseChunked(bytes, strictUtf8);
  } catch {
    throw bundleError('DATA_INVALID', 'nội dung không đọc được');
  }
}

/** Step 4's trust half: the key that signed must be the enrolled, unrevoked key of `manifest.from.code`. */
async function checkSigner(manifest: BundleManifest, signerKey: Uint8Array, options: OpenBundleOptions): Promise<boolean> {
  if (fingerprintOf(signerKey) !== manifest.from.keyFingerprint) {
    throw bundleError('SIGNER_KEY_MISMATCH', 'dấu vân tay trong manifest khác khóa đã ký');
  }
  const record = await options.lookupSignerKey(manifest.from.code, manifest);
  if (record === null) {
    if (manifest.kind === 'enrolment' && options.role !== 'sender') {
      return false;
    }
    throw bundleError('SIGNER_UNKNOWN', manifest.from.code);
  }
  if (record.revoked) {
    throw bundleError('SIGNER_REVOKED', manifest.from.code);
  }
  if (!bytesEqual(parsePublicKey(record.publicKey).key, signerKey)) {
    throw bundleError('SIGNER_KEY_MISMATCH', manifest.from.code);
  }
  return true;
}

/** Step 5: the bundle is addressed to me and is of a kind I accept from its sender. */
function checkAddressing(manifest: BundleManifest, options: OpenBundleOptions): void {
  if (options.role === 'sender') {
    if (manifest.from.code !== options.myCode) {
      throw bundleError('WRONG_RECIPIENT', `gói do ${manifest.from.code} gửi, không phải ${options.myCode}`);
    }
    return;
  }
  if (manifest.to.code !== options.myCode) {
    throw bundleError('WRONG_RECIPIENT', `gửi cho ${manifest.to.code}`);
  }
  if (!options.acceptedKinds(manifest.from.code).includes(manifest.kind)) {
    throw bundleError('KIND_NOT_ACCEPTED', `${manifest.kind} từ ${manifest.from.code}`);
  }
}
