import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { BUNDLE_TAR_LIMITS, decompressTar, MAX_DATA_BYTES, MAX_TAR_BYTES, readTar, writeTar } from '../../../electron/core/domain/bundles/tar';
import { CORRUPT_GZIP } from '../../../electron/core/domain/bundles/errors';
import { tempDir } from '../../helpers/temp';
import { errorCode, requireTool, run } from './fixtures';
import { gnuLongName, paxPath, rawTar } from './raw-tar';

const enc = (s: string) => new TextEncoder().encode(s);
const files = [
  { name: 'manifest.json', data: enc('{"kind":"unit-report"}\n') },
  { name: 'data.json', data: enc('{"candidates":[]}\n') },
  { name: 'SHA256SUMS', data: enc('') },
];

describe('deterministic tar', () => {
  it('writes the same bytes whatever the input order, and reads them back', async () => {
    const a = await writeTar(files);
    const b = await writeTar([...files].reverse());
    expect(a).toEqual(b);
    const read = await readTar(a);
    expect([...read.keys()]).toEqual(['SHA256SUMS', 'data.json', 'manifest.json']);
    expect(read.get('data.json')).toEqual(files[1]?.data);
  });

  it('writes byte for byte the archive tar-stream wrote before the writer streamed', async () => {
    const archive = pack();
    for (const { name, data } of [...files].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      archive.entry({ name, size: data.length, mode: 0o644, uid: 0, gid: 0, mtime: new Date(0), type: 'file' }, Buffer.from(data));
    }
    archive.finalize();
    const chunks: Buffer[] = [];
    for await (const chunk of archive) {
      chunks.push(chunk as Buffer);
    }
    expect(await writeTar(files)).toEqual(new Uint8Array(Buffer.concat(chunks)));
  });

  it('lists as sorted 0644 root-owned files dated 1970 in stock tar', async () => {
    requireTool('tar');
    const dir = tempDir();
    writeFileSync(join(dir, 'b.tar'), await writeTar(files));
    const listing = run('tar', ['--utc', '-tvf', 'b.tar'], { cwd: dir }).stdout.trim().split('\n');
    expect(listing.map((l) => l.replace(/\s+/g, ' '))).toEqual([
      '-rw-r--r-- 0/0 0 1970-01-01 00:00 SHA256SUMS',
      '-rw-r--r-- 0/0 18 1970-01-01 00:00 data.json',
      '-rw-r--r-- 0/0 23 1970-01-01 00:00 manifest.json',
    ]);
    expect(run('tar', ['--format=ustar', '-tf', 'b.tar'], { cwd: dir }).status).toBe(0);
  });
});

describe('strict tar reader', () => {
  const data = enc('{}\n');
  const cases: [string, Uint8Array, string][] = [
    ['a path', rawTar([{ name: '../manifest.json', data }]), 'TAR_ENTRY_FORBIDDEN'],
    ['a sub-folder', rawTar([{ name: 'x/manifest.json', data }]), 'TAR_ENTRY_FORBIDDEN'],
    ['a ustar prefix', rawTar([{ name: 'manifest.json', prefix: 'etc', data }]), 'TAR_ENTRY_FORBIDDEN'],
    ['an unknown name', rawTar([{ name: 'evil.sh', data }]), 'TAR_ENTRY_FORBIDDEN'],
    ['a symlink', rawTar([{ name: 'manifest.json', typeflag: '2', linkname: '/etc/passwd' }]), 'TAR_ENTRY_FORBIDDEN'],
    ['a hard link', rawTar([{ name: 'data.json', typeflag: '1', linkname: 'manifest.json' }]), 'TAR_ENTRY_FORBIDDEN'],
    ['a directory', rawTar([{ name: 'data.json/', typeflag: '5' }]), 'TAR_ENTRY_FORBIDDEN'],
    ['a fifo', rawTar([{ name: 'data.json', typeflag: '6' }]), 'TAR_ENTRY_FORBIDDEN'],
    ['a contiguous file', rawTar([{ name: 'data.json', typeflag: '7', data }]), 'TAR_ENTRY_FORBIDDEN'],
    ['an executable', rawTar([{ name: 'data.json', mode: 0o755, data }]), 'TAR_ENTRY_FORBIDDEN'],
    ['a setuid file', rawTar([{ name: 'data.json', mode: 0o4644, data }]), 'TAR_ENTRY_FORBIDDEN'],
    ['a pax rename', rawTar([paxPath('manifest.json'), { name: 'other', data }]), 'TAR_ENTRY_FORBIDDEN'],
    ['a pax traversal', rawTar([paxPath('../../x'), { name: 'data.json', data }]), 'TAR_ENTRY_FORBIDDEN'],
    ['a GNU long name', rawTar([gnuLongName('manifest.json'), { name: 'other', data }]), 'TAR_ENTRY_FORBIDDEN'],
    ['a GNU-format header', rawTar([{ name: 'data.json', magic: 'ustar  \0', data }]), 'TAR_INVALID'],
    ['a duplicate', rawTar([{ name: 'data.json', data }, { name: 'data.json', data }]), 'TAR_ENTRY_DUPLICATE'],
    ['a size over 20 MB', rawTar([{ name: 'manifest.json', size: 21 * 1024 * 1024 }], false), 'TAR_ENTRY_TOO_LARGE'],
    ['a data.json over 400 MB', rawTar([{ name: 'data.json', size: MAX_DATA_BYTES + 1 }], false), 'TAR_ENTRY_TOO_LARGE'],
    ['a size past the end', rawTar([{ name: 'data.json', size: 5000, data }]), 'TAR_INVALID'],
    ['no end-of-archive blocks', rawTar([{ name: 'data.json', data }], false), 'TAR_INVALID'],
    ['garbage after the end', new Uint8Array([...rawTar([{ name: 'data.json', data }]), 1, 2, 3]), 'TAR_INVALID'],
    ['random bytes', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251), 'TAR_INVALID'],
    ['nothing', new Uint8Array(), 'TAR_INVALID'],
  ];

  it('accepts a benign archive from the hand-made builder, so the refusals below are about their one defect', async () => {
    const read = await readTar(rawTar([{ name: 'data.json', data }, { name: 'manifest.json', data }]));
    expect([...read.keys()]).toEqual(['data.json', 'manifest.json']);
  });

  it.each(cases)('refuses %s', async (_label, bytes, code) => {
    expect(await errorCode(readTar(bytes))).toBe(code);
  });

  it('refuses every truncation of a good archive', async () => {
    const good = await writeTar(files);
    for (let cut = 0; cut < good.length; cut += 97) {
      expect(await errorCode(readTar(good.subarray(0, cut)))).toBe('TAR_INVALID');
    }
  });

  it('refuses an entry whose real data is over the limit, and more entries than allowed', async () => {
    const limits = { ...BUNDLE_TAR_LIMITS, maxEntryBytes: 1000 };
    const big = rawTar([{ name: 'manifest.json', data: new Uint8Array(1001) }]);
    expect(await errorCode(readTar(big, limits))).toBe('TAR_ENTRY_TOO_LARGE');
    const names = Array.from({ length: 17 }, (_, i) => `f${i}`);
    const many = rawTar(names.map((name) => ({ name, data })));
    expect(await errorCode(readTar(many, { ...BUNDLE_TAR_LIMITS, allowedNames: new Set(names) }))).toBe(
      'TAR_TOO_MANY_ENTRIES',
    );
  });
});

describe('the compressed archive inside a bundle', () => {
  it('opens a gzip-compressed archive and a bare one (files written before compression) alike', async () => {
    const tar = await writeTar(files);
    expect(await decompressTar(gzipSync(tar))).toEqual(tar);
    expect(await decompressTar(tar)).toEqual(tar);
  });

  it('refuses a corrupt compressed stream as an invalid archive', async () => {
    const gz = gzipSync(await writeTar(files));
    gz[gz.length - 6] = (gz[gz.length - 6] ?? 0) ^ 0xff;
    expect(await errorCode(decompressTar(gz))).toBe('TAR_INVALID');
    // Said in words, not in zlib's English ("incorrect data check").
    await expect(decompressTar(gz)).rejects.toMatchObject({ message: expect.stringContaining(CORRUPT_GZIP) });
    await expect(decompressTar(gz)).rejects.toMatchObject({ message: expect.not.stringMatching(/incorrect|invalid|check/) });
  });

  it('refuses a small file that inflates past the limit (a "zip bomb")', async () => {
    // About 1 MB of gzip that inflates to 1 MiB more than the limit.
    const zeros = new Uint8Array(64 * 1024 * 1024);
    const chunk = gzipSync(zeros, { level: 9 });
    const copies = MAX_TAR_BYTES / zeros.length + 1;
    // Concatenated gzip members are one valid stream to gunzip (RFC 1952 §2.2).
    const bomb = new Uint8Array(chunk.length * copies);
    for (let i = 0; i < copies; i += 1) {
      bomb.set(chunk, i * chunk.length);
    }
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect(await errorCode(decompressTar(bomb))).toBe('TAR_TOO_LARGE');
  }, 120_000);
});
