import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { AppError } from '../../errors';
import { formatBytes } from '../../model/format';
import { bundleError, CORRUPT_GZIP } from './errors';

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

const gunzipAsync = promisify(gunzip);
const GZIP_MAGIC = [0x1f, 0x8b];

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
      throw bundleError('TAR_TOO_LARGE', `tối đa ${formatBytes(MAX_TAR_BYTES)} sau khi giải nén`);
    }
    throw bundleError('TAR_INVALID', CORRUPT_GZIP);
  }
}

const BLOCK = 512;
const FILE_MODE = 0o644;
const USTAR_MAGIC = 'ustar\u000000';
/** The archive ends with two zero blocks (POSIX); anything else after the last entry is refused. */
const END_OF_ARCHIVE = 2 * BLOCK;
const ascii = new TextEncoder();

function writeField(block: Uint8Array, offset: number, text: string): void {
  block.set(ascii.encode(text), offset);
}

/** An octal field as tar-stream writes it: zero-padded digits and a space. */
const octal = (value: number, digits: number) => `${value.toString(8).padStart(digits, '0')} `;

/**
 * The header of one entry, byte for byte what tar-stream wrote for these archives before (tests/core/bundles/tar.test.ts
 * compares them): ustar, mode 0644, uid/gid 0, mtime 0, no user or group names.
 */
function headerBlock(name: string, size: number): Uint8Array {
  const parts = name.split('/');
  if (name.length > 100 || parts.length > 2 || parts.some((part) => !/^[A-Za-z0-9._-]+$/.test(part) || part === '.' || part === '..')) {
    throw new AppError('internal', `Tên tệp không hợp lệ trong gói: ${name}`);
  }
  const block = new Uint8Array(BLOCK);
  writeField(block, 0, name);
  writeField(block, 100, octal(FILE_MODE, 6));
  writeField(block, 108, octal(0, 6));
  writeField(block, 116, octal(0, 6));
  writeField(block, 124, octal(size, 11));
  writeField(block, 136, octal(0, 11));
  block[156] = 0x30;
  writeField(block, 257, USTAR_MAGIC);
  writeField(block, 329, octal(0, 6));
  writeField(block, 337, octal(0, 6));
  writeField(block, 148, octal(checksum(block), 6));
  return block;
}

function checksum(block: Uint8Array): number {
  let sum = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++) {
    sum += i >= 148 && i < 156 ? 0 : block[i]!;
  }
  return sum;
}

/**
 * Writes a deterministic ustar archive to `out` an entry at a time, so an entry as large as a whole cell's data.json
 * never has to exist in one piece. Entries must come in the archive's order (names sorted byte-wise).
 */
export class TarWriter {
  private last: string | null = null;

  constructor(private readonly out: (chunk: Uint8Array) => void) {}

  /** One file of `size` bytes; `write` must hand exactly that many bytes to the `emit` it is given. */
  entry(name: string, size: number, write: (emit: (chunk: Uint8Array) => void) => void): void {
    if (this.last !== null && this.last >= name) {
      throw new AppError('internal', `Tệp trong gói không theo thứ tự: ${name}`);
    }
    this.last = name;
    this.out(headerBlock(name, size));
    let written = 0;
    write((chunk) => {
      written += chunk.length;
      this.out(chunk);
    });
    if (written !== size) {
      throw new AppError('internal', `Tệp ${name} trong gói dài ${written} byte thay vì ${size}`);
    }
    if (size % BLOCK !== 0) {
      this.out(new Uint8Array(BLOCK - (size % BLOCK)));
    }
  }

  end(): void {
    this.out(new Uint8Array(END_OF_ARCHIVE));
  }
}

/**
 * Writes a deterministic ustar archive of ASCII names, sorted byte-wise as `LC_ALL=C sort` would. A name is flat or
 * one folder deep (`CB014/manifest.json`, for the snapshots a unit forwards up the tree); stock tar creates the folder.
 */
export async function writeTar(entries: readonly TarEntry[]): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const writer = new TarWriter((chunk) => chunks.push(chunk));
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, data } of sorted) {
    writer.entry(name, data.length, (emit) => emit(data));
  }
  writer.end();
  return new Uint8Array(Buffer.concat(chunks));
}

/** What a {@link TarReader} hands each entry to, in archive order. */
export type TarVisitor = { start(name: string, size: number): void; data(chunk: Uint8Array): void; end(name: string): void };

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');

/** A header's text field up to its first NUL. */
function textField(block: Uint8Array, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const nul = field.indexOf(0);
  return Buffer.from(field.subarray(0, nul < 0 ? length : nul)).toString('utf8');
}

/** A header's octal number, read as tar-stream reads it (leading spaces and NULs skipped, up to a space or NUL). */
function octalField(block: Uint8Array, offset: number, length: number): number {
  const text = latin1(block.subarray(offset, offset + length)).replace(/^[ \0]*/, '');
  const digits = /^[0-7]*/.exec(text)?.[0] ?? '';
  if (block[offset]! & 0x80 || (digits === '' && text !== '' && !/^[ \0]/.test(text))) {
    throw bundleError('TAR_INVALID', 'trường số trong phần đầu tệp tar không hợp lệ');
  }
  return digits === '' ? 0 : parseInt(digits, 8);
}

/**
 * Reads an archive fed to it a piece at a time (an entry of hundreds of megabytes is never held whole), refusing
 * anything but allow-listed regular files: throws AppError TAR_INVALID, TAR_TOO_MANY_ENTRIES, TAR_ENTRY_FORBIDDEN,
 * TAR_ENTRY_DUPLICATE or TAR_ENTRY_TOO_LARGE. {@link TarReader.end} refuses an archive cut short or not closed by
 * its two zero blocks and nothing else.
 */
export class TarReader {
  private readonly header = new Uint8Array(BLOCK);
  private headerFill = 0;
  /** Bytes of the current entry still to come, then its padding to the block. */
  private remaining = 0;
  private padding = 0;
  private current: string | null = null;
  /** Bytes after the last entry, all zero so far; null until the first zero block. */
  private trailer: number | null = null;
  private readonly seen = new Set<string>();

  constructor(
    private readonly visitor: TarVisitor,
    private readonly limits: TarLimits = BUNDLE_TAR_LIMITS,
  ) {}

  write(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.trailer !== null) {
        if (chunk.subarray(at).some((b) => b !== 0)) {
          throw bundleError('TAR_INVALID', 'phần kết thúc tệp tar không hợp lệ');
        }
        this.trailer += chunk.length - at;
        return;
      }
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - at);
        this.visitor.data(chunk.subarray(at, at + take));
        this.remaining -= take;
        at += take;
        if (this.remaining === 0) {
          this.visitor.end(this.current!);
        }
        continue;
      }
      if (this.padding > 0) {
        const skip = Math.min(this.padding, chunk.length - at);
        this.padding -= skip;
        at += skip;
        continue;
      }
      const take = Math.min(BLOCK - this.headerFill, chunk.length - at);
      this.header.set(chunk.subarray(at, at + take), this.headerFill);
      this.headerFill += take;
      at += take;
      if (this.headerFill === BLOCK) {
        this.headerFill = 0;
        this.startEntry();
      }
    }
  }

  end(): void {
    if (this.trailer === null || this.trailer < END_OF_ARCHIVE || this.trailer % BLOCK !== 0 || this.headerFill !== 0) {
      throw bundleError('TAR_INVALID', this.trailer === null ? 'tệp tar bị cắt cụt' : 'phần kết thúc tệp tar không hợp lệ');
    }
  }

  private startEntry(): void {
    const block = this.header;
    const sum = checksum(block);
    if (sum === 8 * 0x20) {
      // A zero block (its checksum field aside) ends the archive: from here on only zeros may follow.
      this.trailer = 0;
      this.write(block.slice());
      return;
    }
    if (sum !== octalField(block, 148, 8)) {
      throw bundleError('TAR_INVALID', 'tổng kiểm tra phần đầu tệp tar sai');
    }
    const shortName = textField(block, 0, 100);
    const name = block[345] ? `${textField(block, 345, 155)}/${shortName}` : shortName;
    const quoted = JSON.stringify(name.slice(0, 120));
    if (this.seen.size >= this.limits.maxEntries) {
      throw bundleError('TAR_TOO_MANY_ENTRIES', `tối đa ${this.limits.maxEntries}`);
    }
    const typeflag = block[156];
    // A pax or GNU long-name record would rename the entry after it.
    if (typeflag === 0x78 || typeflag === 0x67 || typeflag === 0x4c || typeflag === 0x4b) {
      throw bundleError('TAR_ENTRY_FORBIDDEN', `bản ghi mở rộng (pax/GNU) hoặc bản ghi lạ trước ${quoted}`);
    }
    if (latin1(block.subarray(257, 265)) !== USTAR_MAGIC) {
      throw bundleError('TAR_INVALID', `${quoted} không theo định dạng ustar POSIX`);
    }
    if ((typeflag !== 0x30 && typeflag !== 0) || name.endsWith('/')) {
      throw bundleError('TAR_ENTRY_FORBIDDEN', `${quoted} không phải tệp thường`);
    }
    if (!this.limits.allowedNames.has(name)) {
      throw bundleError('TAR_ENTRY_FORBIDDEN', `tên không được phép: ${quoted}`);
    }
    if (this.seen.has(name)) {
      throw bundleError('TAR_ENTRY_DUPLICATE', quoted);
    }
    // Mode is outside the signature; exec and set-id bits could survive a stock `tar -xf`, so only 0644 passes.
    const mode = octalField(block, 100, 8);
    if (mode !== FILE_MODE) {
      throw bundleError('TAR_ENTRY_FORBIDDEN', `${quoted} có quyền ${mode.toString(8)}, cần 644`);
    }
    const size = octalField(block, 124, 12);
    if (size > entryLimit(this.limits, name)) {
      throw bundleError('TAR_ENTRY_TOO_LARGE', `${quoted}, tối đa ${formatBytes(entryLimit(this.limits, name))}`);
    }
    this.seen.add(name);
    this.current = name;
    this.remaining = size;
    this.padding = roundUp(size) - size;
    this.visitor.start(name, size);
    if (size === 0) {
      this.visitor.end(name);
    }
  }
}

/** Reads a whole archive held in memory (small ones: forwarded snapshots, relayed directives, tests). */
export async function readTar(bytes: Uint8Array, limits: TarLimits = BUNDLE_TAR_LIMITS): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  let chunks: Uint8Array[] = [];
  const reader = new TarReader(
    {
      start: () => {
        chunks = [];
      },
      data: (chunk) => chunks.push(chunk),
      end: (name) => files.set(name, new Uint8Array(Buffer.concat(chunks))),
    },
    limits,
  );
  reader.write(bytes);
  reader.end();
  return files;
}

const entryLimit = (limits: TarLimits, name: string) => limits.largeEntries?.get(name) ?? limits.maxEntryBytes;

function roundUp(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

