/**
 * Hand-made tar records for hostile-input tests: the product writes only plain ustar files (`writeTar`), but an
 * attacker is not bound by it, so these build what it would never write (links, pax and GNU records, sizes that lie,
 * names with paths).
 */

export type RawEntry = {
  name: string;
  data?: Uint8Array;
  /** Overrides the size field (a header that lies about its data). */
  size?: number;
  typeflag?: string;
  mode?: number;
  linkname?: string;
  prefix?: string;
  magic?: string;
};

const BLOCK = 512;

function put(block: Uint8Array, offset: number, text: string): void {
  block.set(new TextEncoder().encode(text), offset);
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

export function rawHeader(entry: RawEntry): Uint8Array {
  const block = new Uint8Array(BLOCK);
  put(block, 0, entry.name);
  put(block, 100, octal(entry.mode ?? 0o644, 8));
  put(block, 108, octal(0, 8));
  put(block, 116, octal(0, 8));
  put(block, 124, octal(entry.size ?? entry.data?.length ?? 0, 12));
  put(block, 136, octal(0, 12));
  put(block, 156, entry.typeflag ?? '0');
  put(block, 157, entry.linkname ?? '');
  put(block, 257, entry.magic ?? 'ustar\u000000');
  put(block, 345, entry.prefix ?? '');
  put(block, 148, '        ');
  const sum = block.reduce((a, b) => a + b, 0);
  put(block, 148, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

function padded(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / BLOCK) * BLOCK);
  out.set(data);
  return out;
}

/** A pax extended header record setting `path`, to be placed before an entry. */
export function paxPath(path: string): RawEntry {
  const line = (len: number) => `${len} path=${path}\n`;
  let len = line(0).length;
  while (line(len).length !== len) {
    len = line(len).length;
  }
  return { name: 'PaxHeader/x', typeflag: 'x', data: new TextEncoder().encode(line(len)) };
}

/** A GNU long-name record (`././@LongLink`, typeflag L) naming the next entry. */
export function gnuLongName(name: string): RawEntry {
  return { name: '././@LongLink', typeflag: 'L', data: new TextEncoder().encode(`${name}\0`) };
}

/** Concatenates records (header + padded data) and, unless `end` is false, the two zero blocks. */
export function rawTar(entries: readonly RawEntry[], end = true): Uint8Array {
  const parts = entries.flatMap((e) => [rawHeader(e), padded(e.data ?? new Uint8Array())]);
  if (end) {
    parts.push(new Uint8Array(2 * BLOCK));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
