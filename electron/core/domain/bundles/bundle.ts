import { ageEncrypt, ageOpener } from './age';
import { formatBytes } from '../../model/format';
import { BUNDLE_KIND_LABELS, labelOf } from '../../model/bundle-labels';
import { bundleError } from './errors';
import { fingerprintOf, formatPublicKey, parsePrivateKey, parsePublicKey } from './keys';
import type { BundleKind, BundleManifest } from './manifest';
import { bundleFileName, bundleManifestSchema, serializeManifest } from './manifest';
import { verifySshsig, signSshsig } from './sshsig';
import { checkHashes, makeSums, parseSums, sha256Hex, sumsOfHashes } from './sums';
import { BUNDLE_ENTRY_NAMES, BUNDLE_TAR_LIMITS, FORWARDED_ENTRY, RELAYED_ENTRY, MAX_DATA_BYTES, MAX_TAR_BYTES, TarReader, TarWriter } from './tar';
import { parseChunked, stringifyChunked, writeJsonObject, type JsonField } from './json-chunks';
import { GzipWriter, inflateChunks } from './gzip-stream';
import { createHash } from 'node:crypto';
import { bytesEqual } from './ssh-wire';
import { AppError, describeRecordIssues } from '../../errors';

/**
 * Packing and opening `ptdv.bundle/1` files (docs/bundle-format.md): tar → SHA256SUMS → SSHSIG → age. Opening runs import
 * steps 1–5 in order and stops at the first failure; validating `data.json` against the schema of its kind and
 * `schemaVersion` (step 6) and placing the bundle in the sequence (step 7) belong to the caller.
 */

/** Step 1: files larger than this are refused before any decryption work. */
export const MAX_BUNDLE_BYTES = 200 * 1024 * 1024;
const MAX_FILE_NAME = 255;

/**
 * data.json as the members of its top-level object, for a payload too large to build in memory (a unit-report):
 * `fields` is called twice, once to hash data.json and once to write it, and must give the same members both times.
 */
export type DataWriter = { fields(): Iterable<JsonField> };

export type PackBundleInput = {
  manifest: BundleManifest;
  /** Any JSON value, or a {@link DataWriter}; the caller validates it against the schema of `manifest.kind` before packing. */
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
  const { manifest, key } = checkedSigner(input.manifest, input.signingKey);
  if (!input.recipients.includes(manifest.to.ageRecipient)) {
    throw bundleError('KEY_INVALID', 'danh sách người nhận age thiếu đơn vị nhận');
  }
  const data = dataWriter(input.data);
  const { sha256: dataSha256, size: dataSize } = hashData(data);
  const small = new Map<string, Uint8Array>([['manifest.json', serializeManifest(manifest)]]);
  for (const [name, bytes] of [[FORWARDED_ENTRY, input.forwarded], [RELAYED_ENTRY, input.relayed]] as const) {
    if (bytes) {
      small.set(name, bytes);
    }
  }
  const hashes = new Map([...small].map(([name, bytes]) => [name, sha256Hex(bytes)]));
  hashes.set('data.json', dataSha256);
  const sums = sumsOfHashes(hashes);
  small.set('SHA256SUMS', sums);
  small.set('SHA256SUMS.sig', encoder.encode(signSshsig(sums, key)));
  // The archive is written and compressed as data.json is produced a second time, so it never exists whole.
  const compressed: Uint8Array[] = [];
  const gzip = new GzipWriter((chunk) => compressed.push(chunk));
  const tar = new TarWriter((chunk) => gzip.write(chunk));
  for (const name of [...small.keys(), 'data.json'].sort()) {
    if (name === 'data.json') {
      tar.entry(name, dataSize, (emit) => {
        if (writeData(data, emit) !== dataSha256) {
          throw new AppError('conflict', 'Số liệu thay đổi trong khi lập gói: hãy tạo lại.');
        }
      });
    } else {
      const bytes = small.get(name)!;
      tar.entry(name, bytes.length, (emit) => emit(bytes));
    }
  }
  tar.end();
  gzip.end();
  const bytes = await ageEncrypt(new Uint8Array(Buffer.concat(compressed)), [...new Set(input.recipients)]);
  if (bytes.length > MAX_BUNDLE_BYTES) {
    throw bundleError('BUNDLE_TOO_LARGE');
  }
  const fileName = bundleFileName(manifest.from.code, manifest.to.code, manifest.label, manifest.seq);
  return { bytes, fileName, sha256: sha256Hex(bytes), sumsSha256: sha256Hex(sums) };
}

const NEWLINE = new Uint8Array([0x0a]);

/** In-memory data as a writer of its serialised bytes (checked for the size limit), or the caller's writer. */
function dataWriter(data: unknown): (out: (chunk: Uint8Array) => void) => void {
  if (isDataWriter(data)) {
    return (out) => {
      writeJsonObject(data.fields(), out);
      out(NEWLINE);
    };
  }
  const bytes = serializeData(data);
  return (out) => out(bytes);
}

const isDataWriter = (data: unknown): data is DataWriter => typeof data === 'object' && data !== null && typeof (data as { fields?: unknown }).fields === 'function';

/** Writes data.json to `out`; returns its SHA-256. */
function writeData(write: (out: (chunk: Uint8Array) => void) => void, out: (chunk: Uint8Array) => void): string {
  const hash = createHash('sha256');
  write((chunk) => {
    hash.update(chunk);
    out(chunk);
  });
  return hash.digest('hex');
}

/** data.json's hash and size, refused past the size the recipient would refuse. */
function hashData(write: (out: (chunk: Uint8Array) => void) => void): { sha256: string; size: number } {
  let size = 0;
  const sha256 = writeData(write, (chunk) => {
    size += chunk.length;
    if (size > MAX_DATA_BYTES) {
      throw bundleError('TAR_ENTRY_TOO_LARGE', `data.json, tối đa ${formatBytes(MAX_DATA_BYTES)}`);
    }
  });
  return { sha256, size };
}

function checkedSigner(rawManifest: BundleManifest, signingKey: string): { manifest: BundleManifest; key: ReturnType<typeof parsePrivateKey> } {
  const parsed = bundleManifestSchema.safeParse(rawManifest);
  if (!parsed.success) {
    throw bundleError('MANIFEST_INVALID', describeRecordIssues(parsed.error.issues));
  }
  const manifest = parsed.data;
  const key = parsePrivateKey(signingKey);
  if (fingerprintOf(key.publicKey) !== manifest.from.keyFingerprint) {
    throw bundleError('KEY_INVALID', 'khóa ký không khớp với dấu vân tay trong manifest');
  }
  return { manifest, key };
}

/**
 * The signed entries of a bundle before tar and age: data.json, manifest.json, any `extra` entry given, SHA256SUMS
 * and its SSHSIG. A directive relayed down the tree is exactly these four files. Throws AppError MANIFEST_INVALID,
 * KEY_INVALID, DATA_INVALID or TAR_ENTRY_TOO_LARGE.
 */
export function signFiles(rawManifest: BundleManifest, data: unknown, signingKey: string, extra: readonly (readonly [string, Uint8Array | undefined])[] = []): { manifest: BundleManifest; files: Map<string, Uint8Array> } {
  const { manifest, key } = checkedSigner(rawManifest, signingKey);
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
      throw bundleError('TAR_ENTRY_TOO_LARGE', `data.json, tối đa ${formatBytes(MAX_DATA_BYTES)}`);
    }
    throw error;
  }
  if (bytes.length === 1) {
    throw bundleError('DATA_INVALID', 'dữ liệu không ghi được vào gói');
  }
  if (bytes.length > MAX_DATA_BYTES) {
    throw bundleError('TAR_ENTRY_TOO_LARGE', `data.json, tối đa ${formatBytes(MAX_DATA_BYTES)}`);
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
/** `retired`: the keys the unit signed with before it rotated them, to say so when a late file is signed by one. */
export type SignerRecord = { publicKey: string; revoked: boolean; retired?: readonly string[] };

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
  /** Kinds whose data.json is not parsed here: the caller reads it a piece at a time with {@link OpenedBundle.readData}. */
  streamKinds?: readonly BundleKind[];
};

export type OpenedBundle = {
  manifest: BundleManifest;
  /** Parsed JSON, not yet validated: step 6 (the data schema of `manifest.kind`) is the caller's. Null for a kind streamed. */
  data: unknown;
  /**
   * Reads data.json again from the file, handing it to `out` a piece at a time, synchronously (so inside a database
   * transaction). Throws HASH_MISMATCH should the bytes differ from those the signature covers.
   */
  readData(out: (chunk: Uint8Array) => void): void;
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
  const decrypt = await ageOpener(bytes, options.identities);
  // data.json is only hashed here: its text is read once everything it is checked against has passed.
  const files = new Map<string, Uint8Array>();
  const hashes = new Map<string, string>();
  scanArchive(decrypt(), (name) => name !== 'data.json', files, hashes);
  const missing = BUNDLE_ENTRY_NAMES.filter((name) => !hashes.has(name));
  if (missing.length > 0) {
    throw bundleError('TAR_ENTRY_MISSING', missing.join(', '));
  }
  const entry = (name: Exclude<(typeof BUNDLE_ENTRY_NAMES)[number], 'data.json'>) => files.get(name) ?? new Uint8Array();
  const signerKey = verifySshsig(entry('SHA256SUMS'), Buffer.from(entry('SHA256SUMS.sig')).toString('latin1'));
  const sums = parseSums(entry('SHA256SUMS'));
  checkHashes(sums, hashes);
  for (const optional of [FORWARDED_ENTRY, RELAYED_ENTRY]) {
    if (hashes.has(optional) && !sums.has(optional)) {
      throw bundleError('SUMS_INVALID', `${optional} không có trong SHA256SUMS`);
    }
  }
  const manifest = parseManifest(entry('manifest.json'));
  const enrolled = await checkSigner(manifest, signerKey, options);
  checkAddressing(manifest, options);
  if (options.maxSchemaVersion !== undefined && manifest.app.schemaVersion > options.maxSchemaVersion) {
    throw bundleError('SCHEMA_TOO_NEW', `phiên bản dữ liệu ${manifest.app.schemaVersion}`);
  }
  const dataSha256 = hashes.get('data.json')!;
  const readData = (out: (chunk: Uint8Array) => void) => {
    const hash = createHash('sha256');
    // The archive is read only as far as data.json's end: what follows it (a ĐUCS's forwarded.tar) was checked above.
    scanArchive(decrypt(), () => false, new Map(), new Map(), (chunk) => {
      hash.update(chunk);
      out(chunk);
    });
    if (hash.digest('hex') !== dataSha256) {
      throw bundleError('HASH_MISMATCH', 'data.json');
    }
  };
  let data: unknown = null;
  if (!options.streamKinds?.includes(manifest.kind)) {
    const chunks: Uint8Array[] = [];
    readData((chunk) => chunks.push(chunk));
    data = parseData(new Uint8Array(Buffer.concat(chunks)));
  }
  return {
    manifest,
    data,
    readData,
    sha256: sha256Hex(bytes),
    sumsSha256: sha256Hex(entry('SHA256SUMS')),
    signer: { publicKey: formatPublicKey(signerKey, manifest.from.code), fingerprint: fingerprintOf(signerKey), enrolled },
    forwarded: files.get(FORWARDED_ENTRY) ?? null,
    relayed: files.get(RELAYED_ENTRY) ?? null,
  };
}

/**
 * Reads the archive inside a decrypted bundle a piece at a time (import step 3's checks), hashing every entry into
 * `hashes` and keeping in `files` those `keep` names; data.json's bytes go to `onData` when given, and then nothing
 * after data.json is read.
 */
function scanArchive(payload: Uint8Array, keep: (name: string) => boolean, files: Map<string, Uint8Array>, hashes: Map<string, string>, onData?: (chunk: Uint8Array) => void): void {
  let hash = createHash('sha256');
  let parts: Uint8Array[] | null = null;
  let toData = false;
  let dataRead = false;
  const reader = new TarReader(
    {
      start: (name) => {
        hash = createHash('sha256');
        parts = keep(name) ? [] : null;
        toData = onData !== undefined && name === 'data.json';
      },
      data: (chunk) => {
        if (toData) {
          onData!(chunk);
          return;
        }
        hash.update(chunk);
        parts?.push(chunk);
      },
      end: (name) => {
        dataRead ||= toData;
        hashes.set(name, hash.digest('hex'));
        if (parts) {
          files.set(name, new Uint8Array(Buffer.concat(parts)));
        }
      },
    },
    BUNDLE_TAR_LIMITS,
  );
  let stopped = false;
  inflateChunks(payload, MAX_TAR_BYTES, (chunk) => {
    reader.write(chunk);
    stopped = dataRead;
    return !stopped;
  });
  if (!stopped) {
    reader.end();
  }
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
    throw bundleError('MANIFEST_INVALID', describeRecordIssues(parsed.error.issues).slice(0, 300));
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
    const rotated = record.retired?.some((key) => bytesEqual(parsePublicKey(key).key, signerKey)) ?? false;
    throw bundleError(
      'SIGNER_KEY_MISMATCH',
      rotated
        ? `${manifest.from.code} đã đổi khóa sau khi lập tệp này, nên tệp được ký bằng khóa cũ; hãy đề nghị đơn vị lập lại tệp bằng khóa mới và gửi lại`
        : manifest.from.code,
    );
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
    throw bundleError('KIND_NOT_ACCEPTED', `gói ${labelOf(BUNDLE_KIND_LABELS, manifest.kind).toLowerCase()} từ ${manifest.from.code}`);
  }
}
