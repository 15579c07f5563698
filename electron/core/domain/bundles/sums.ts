import { createHash } from 'node:crypto';
import { bundleError } from './errors';

/**
 * `SHA256SUMS` in the coreutils format (`<hex>  <name>\n`, sorted), so `sha256sum --strict -c SHA256SUMS` checks
 * an extracted bundle. It is the one file the signature covers; the entries it lists are covered through it.
 */

/** The entries SHA256SUMS lists, in order: everything but itself and its signature. */
export const SIGNED_ENTRY_NAMES = ['data.json', 'manifest.json'] as const;
/**
 * Signed entries a bundle may carry besides those: a unit forwarding the snapshots of the units below it, a superior
 * relaying the directives of a superior further up.
 */
export const OPTIONAL_SIGNED_ENTRY_NAMES = ['forwarded.tar', 'relayed.tar'] as const;
const LISTABLE = new Set<string>([...SIGNED_ENTRY_NAMES, ...OPTIONAL_SIGNED_ENTRY_NAMES]);

/** Lowercase hex SHA-256. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The SHA256SUMS text for `files`, one line per name, sorted by name. */
export function makeSums(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  return sumsOfHashes(new Map([...files].map(([name, bytes]) => [name, sha256Hex(bytes)])));
}

/** The SHA256SUMS text for files already hashed (hex SHA-256 by name). */
export function sumsOfHashes(hashes: ReadonlyMap<string, string>): Uint8Array {
  const names = [...hashes.keys()].sort();
  return new TextEncoder().encode(names.map((name) => `${hashes.get(name)}  ${name}\n`).join(''));
}

const LINE = /^([0-9a-f]{64}) {2}([A-Za-z0-9._-]+)$/;

/**
 * Parses SHA256SUMS strictly: exactly the lines `makeSums` writes for {@link SIGNED_ENTRY_NAMES} and any of
 * {@link OPTIONAL_SIGNED_ENTRY_NAMES}, sorted, and nothing else. Throws AppError SUMS_INVALID.
 */
export function parseSums(bytes: Uint8Array): Map<string, string> {
  const text = Buffer.from(bytes).toString('latin1');
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : null;
  const sums = new Map<string, string>();
  for (const [i, line] of (lines ?? []).entries()) {
    const match = LINE.exec(line);
    const previous = [...sums.keys()].pop();
    if (!match?.[1] || !match[2] || !LISTABLE.has(match[2]) || (previous !== undefined && previous >= match[2])) {
      throw bundleError('SUMS_INVALID', `dòng ${i + 1}`);
    }
    sums.set(match[2], match[1]);
  }
  if (!SIGNED_ENTRY_NAMES.every((name) => sums.has(name))) {
    throw bundleError('SUMS_INVALID', 'phải liệt kê đúng data.json và manifest.json');
  }
  return sums;
}

/** Fails unless every listed file hashes to its line. Throws AppError HASH_MISMATCH. */
export function checkSums(sums: ReadonlyMap<string, string>, files: ReadonlyMap<string, Uint8Array>): void {
  checkHashes(sums, new Map([...files].map(([name, bytes]) => [name, sha256Hex(bytes)])));
}

/** {@link checkSums} for files hashed as they were read (hex SHA-256 by name). */
export function checkHashes(sums: ReadonlyMap<string, string>, hashes: ReadonlyMap<string, string>): void {
  for (const [name, expected] of sums) {
    if (hashes.get(name) !== expected) {
      throw bundleError('HASH_MISMATCH', name);
    }
  }
}
