import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GzipWriter, inflateChunks } from '../../../electron/core/domain/bundles/gzip-stream';
import { errorCode } from './fixtures';

const refusal = (run: () => unknown) => errorCode(Promise.resolve().then(run));

/** Text that compresses like data.json: about 12 MB, a little over 1 MB of gzip. */
const text = Buffer.from(Array.from({ length: 250_000 }, (_, i) => `{"id":"c-${i}","fullName":"Nguyễn Văn ${i % 977}"}`).join(','));

function inflated(payload: Uint8Array, maxBytes = 1024 * 1024 * 1024): { bytes: Buffer; pieces: number } {
  const pieces: Uint8Array[] = [];
  // A copy: the worker takes a large payload's memory.
  inflateChunks(new Uint8Array(payload), maxBytes, (chunk) => pieces.push(chunk.slice()));
  return { bytes: Buffer.concat(pieces), pieces: pieces.length };
}

describe('gzip a piece at a time', () => {
  it('writes members that stock gunzip reads as one stream, and reads them back a piece at a time', () => {
    const members: Uint8Array[] = [];
    const writer = new GzipWriter((chunk) => members.push(chunk));
    for (let at = 0; at < text.length; at += 70_000) {
      writer.write(text.subarray(at, at + 70_000));
    }
    writer.end();
    const gz = Buffer.concat(members);
    expect(members.length).toBeGreaterThan(10);
    expect(gunzipSync(gz).equals(text)).toBe(true);
    const read = inflated(gz);
    expect(read.bytes.equals(text)).toBe(true);
    expect(read.pieces).toBeGreaterThan(5);
  });

  it('reads a file an earlier ptdv compressed in one member, and a bare archive as it is', () => {
    expect(inflated(gzipSync(text)).bytes.equals(text)).toBe(true);
    expect(inflated(gzipSync(text.subarray(0, 1000))).bytes.equals(text.subarray(0, 1000))).toBe(true);
    expect(inflated(text.subarray(0, 1000)).bytes.equals(text.subarray(0, 1000))).toBe(true);
  });

  it('stops where its reader has what it needs, and reads the next payload whole', () => {
    const gz = gzipSync(text);
    let pieces = 0;
    inflateChunks(new Uint8Array(gz), 1024 * 1024 * 1024, () => ++pieces < 2);
    expect(pieces).toBe(2);
    expect(inflated(gz).bytes.equals(text)).toBe(true);
  });

  it('refuses past the limit, and a corrupt stream, whether inflated at once or a piece at a time', async () => {
    const large = gzipSync(text);
    const small = gzipSync(text.subarray(0, 100_000));
    expect(await refusal(() => inflated(large, 1_000_000))).toBe('TAR_TOO_LARGE');
    expect(await refusal(() => inflated(small, 10_000))).toBe('TAR_TOO_LARGE');
    for (const gz of [large, small]) {
      const bad = Buffer.from(gz);
      bad[bad.length - 6] = (bad[bad.length - 6] ?? 0) ^ 0xff;
      expect(await refusal(() => inflated(bad))).toBe('TAR_INVALID');
    }
  });
});
