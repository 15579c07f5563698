import { promisify } from 'node:util';
import { constants, gunzip, gzip } from 'node:zlib';
import { extract, pack } from 'tar-stream';
import type { ExtractEvents, Header } from 'tar-stream';
import { AppError } from '../../errors';
import { bundleError } from './errors';

/**
 * The bundle's inner container: a deterministic POSIX ustar archive (sorted names, mtime 0, uid/gid 0, mode 0644,
 * regular files only), so the same content always gives the same bytes and stock `tar -xf` extracts exactly the
 * files ptdv reads. The reader is strict because its input is only as trustworthy as whoever could encrypt to us.
 */

/** One file of an archive. */
export type TarEntry = { name: string; data: Uint8Array };

/**
 * What a reader accepts. `allowedNames` is a set, or any test of a name (the snapshots a unit forwards are named by
 * unit code); `largeEntries` lets named entries exceed `maxEntryBytes`.
 */
export type TarLimits = {
  allowedNames: { has(name: string): boolean };
  maxEntries: number;
  maxEntryBytes: number;
  largeEntries?: ReadonlyMap<string, number>;
};

/** The four files every bundle has, in archive order. */
export const BUNDLE_ENTRY_NAMES = ['SHA256SUMS', 'SHA256SUMS.sig', 'data.json', 'manifest.json'] as const;
export type BundleEntryName = (typeof BUNDLE_ENTRY_NAMES)[number];

/** The archive of snapshots a unit forwards up the tree (docs/bundle-format.md "Forwarding up the tree"). */
export const FORWARDED_ENTRY = 'forwarded.tar';
/** The archive of directives a superior further up addressed to units below the recipient (docs/bundle-format.md "Directives down the tree"). */
export const RELAYED_ENTRY = 'relayed.tar';
const MiB = 1024 * 1024;
/**
 * The whole archive once decompressed. A cell of 50,000 candidates needs about 200 MB; the bound keeps a small file
 * that inflates without end (a "zip bomb") from exhausting memory.
 */
export const MAX_TAR_BYTES = 1024 * MiB;
/** `data.json`: below the longest string JavaScript can parse (512 MiB of UTF-16), whatever the cell's size. */
export const MAX_DATA_BYTES = 400 * MiB;
/** As large as the whole archive may be; what it holds is limited snapshot by snapshot when it is read. */
export const MAX_FORWARDED_BYTES = MAX_TAR_BYTES;

/** docs/bundle-format.md import step 1/3 limits. */
export const BUNDLE_TAR_LIMITS: TarLimits = {
  allowedNames: new Set<string>([...BUNDLE_ENTRY_NAMES, FORWARDED_ENTRY, RELAYED_ENTRY]),
  maxEntries: 16,
  maxEntryBytes: 20 * MiB,
  largeEntries: new Map([
    ['data.json', MAX_DATA_BYTES],
    [FORWARDED_ENTRY, MAX_FORWARDED_BYTES],
    [RELAYED_ENTRY, MAX_FORWARDED_BYTES],
  ]),
};

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * The archive as it goes inside age: gzip-compressed, since JSON shrinks about tenfold and a quarter's report of a
 * large cell must fit a USB stick or an e-mail. Stock `tar -xf b.tar` recognises the compression by itself.
 */
export async function compressTar(tar: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await gzipAsync(tar, { level: constants.Z_DEFAULT_COMPRESSION }));
}

/**
 * The archive inside a decrypted bundle. Files written before compression hold a bare tar and still open; a compressed one is inflated up to {@link MAX_TAR_BYTES} and refused beyond (TAR_TOO_LARGE).
 */
export async function decompressTar(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) {
    return bytes;
  }
  try {
    return new Uint8Array(await gunzipAsync(bytes, { maxOutputLength: MAX_TAR_BYTES }));
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw bundleError('TAR_TOO_LARGE', `tối đa ${formatMiB(MAX_TAR_BYTES)} sau khi giải nén`);
    }
    throw bundleError('TAR_INVALID', `không giải nén được: ${errorText(error)}`);
  }
}

const BLOCK = 512;
const FILE_MODE = 0o644;
const EPOCH = new Date(0);
const USTAR_MAGIC = 'ustar\u000000';
/** The archive ends with two zero blocks (POSIX); anything else after the last entry is refused. */
const END_OF_ARCHIVE = 2 * BLOCK;

/**
 * Writes a deterministic ustar archive of ASCII names, sorted byte-wise as `LC_ALL=C sort` would. A name is flat or
 * one folder deep (`CB014/manifest.json`, for the snapshots a unit forwards up the tree); stock tar creates the folder.
 */
export async function writeTar(entries: readonly TarEntry[]): Promise<Uint8Array> {
  const archive = pack();
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, data } of sorted) {
    const parts = name.split('/');
    if (name.length > 100 || parts.length > 2 || parts.some((part) => !/^[A-Za-z0-9._-]+$/.test(part) || part === '.' || part === '..')) {
      throw new AppError('internal', `Tên tệp không hợp lệ trong gói: ${name}`);
    }
    const header = { name, size: data.length, mode: FILE_MODE, uid: 0, gid: 0, mtime: EPOCH, type: 'file' as const };
    archive.entry(header, Buffer.from(data.buffer, data.byteOffset, data.length));
  }
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) {
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** tar-stream's header with the byte offset of the entry's data, which its public types leave out. */
type ParsedHeader = Header & { byteOffset: number };
type Entry = ExtractEvents['entry'][1];

/**
 * Reads an archive from memory, refusing anything but allow-listed regular files. Throws AppError TAR_INVALID,
 * TAR_TOO_MANY_ENTRIES, TAR_ENTRY_FORBIDDEN, TAR_ENTRY_DUPLICATE or TAR_ENTRY_TOO_LARGE; never hangs on
 * truncated input (tar-stream reports "Unexpected end of data" when the bytes run out).
 */
export async function readTar(bytes: Uint8Array, limits: TarLimits = BUNDLE_TAR_LIMITS): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  let expectedOffset = 0;
  const parser = extract();
  const consume = async () => {
    for await (const entry of parser) {
      const header = entry.header as ParsedHeader;
      checkEntry(bytes, header, expectedOffset, files, limits);
      files.set(header.name, await drain(entry, entryLimit(limits, header.name)));
      expectedOffset = header.byteOffset + roundUp(header.size);
    }
  };
  try {
    const done = consume();
    parser.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
    await done;
  } catch (error) {
    throw error instanceof AppError ? error : bundleError('TAR_INVALID', errorText(error));
  }
  checkEndOfArchive(bytes, expectedOffset);
  return files;
}

const entryLimit = (limits: TarLimits, name: string) => limits.largeEntries?.get(name) ?? limits.maxEntryBytes;

function checkEntry(
  bytes: Uint8Array,
  header: ParsedHeader,
  expectedOffset: number,
  seen: ReadonlyMap<string, Uint8Array>,
  limits: TarLimits,
): void {
  const name = JSON.stringify(header.name.slice(0, 120));
  if (seen.size >= limits.maxEntries) {
    throw bundleError('TAR_TOO_MANY_ENTRIES', `tối đa ${limits.maxEntries}`);
  }
  const blockStart = header.byteOffset - BLOCK;
  // A pax or GNU long-name record before this header would sit at the expected offset and rename the entry.
  if (blockStart !== expectedOffset || header.pax) {
    throw bundleError('TAR_ENTRY_FORBIDDEN', `bản ghi mở rộng (pax/GNU) hoặc bản ghi lạ trước ${name}`);
  }
  const block = bytes.subarray(blockStart, header.byteOffset);
  const magic = Buffer.from(block.subarray(257, 265)).toString('latin1');
  const typeflag = block[156];
  if (magic !== USTAR_MAGIC) {
    throw bundleError('TAR_INVALID', `${name} không theo định dạng ustar POSIX`);
  }
  if (header.type !== 'file' || (typeflag !== 0x30 && typeflag !== 0)) {
    throw bundleError('TAR_ENTRY_FORBIDDEN', `${name} không phải tệp thường (${header.type})`);
  }
  if (!limits.allowedNames.has(header.name)) {
    throw bundleError('TAR_ENTRY_FORBIDDEN', `tên không được phép: ${name}`);
  }
  if (seen.has(header.name)) {
    throw bundleError('TAR_ENTRY_DUPLICATE', name);
  }
  // Mode is outside the signature; exec and set-id bits could survive a stock `tar -xf`, so only 0644 passes.
  if (header.mode !== FILE_MODE) {
    throw bundleError('TAR_ENTRY_FORBIDDEN', `${name} có quyền ${header.mode.toString(8)}, cần 644`);
  }
  if (header.size > entryLimit(limits, header.name)) {
    throw bundleError('TAR_ENTRY_TOO_LARGE', `${name}, tối đa ${formatMiB(entryLimit(limits, header.name))}`);
  }
}

async function drain(entry: Entry, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const raw of entry) {
    const chunk = raw as Buffer;
    total += chunk.length;
    if (total > maxBytes) {
      throw bundleError('TAR_ENTRY_TOO_LARGE', `${entry.header.name}, tối đa ${formatMiB(maxBytes)}`);
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function checkEndOfArchive(bytes: Uint8Array, offset: number): void {
  const rest = bytes.subarray(offset);
  if (rest.length < END_OF_ARCHIVE || rest.length % BLOCK !== 0 || !rest.every((b) => b === 0)) {
    throw bundleError('TAR_INVALID', 'phần kết thúc tệp tar không hợp lệ');
  }
}

/** A limit as people read it: "400 MB" (binary megabytes, as the file manager shows them). */
export function formatMiB(bytes: number): string {
  return `${(bytes / MiB).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

function roundUp(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 120) : 'lỗi không xác định';
}
