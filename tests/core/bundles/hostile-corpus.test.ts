import { describe, expect, it } from 'vitest';
import { ageDecrypt, ageEncrypt } from '../../../electron/core/domain/bundles/age';
import { openBundle, packBundle } from '../../../electron/core/domain/bundles/bundle';
import type { BundleErrorCode } from '../../../electron/core/domain/bundles/errors';
import { BUNDLE_ERRORS } from '../../../electron/core/domain/bundles/errors';
import { signSshsig } from '../../../electron/core/domain/bundles/sshsig';
import { makeSums } from '../../../electron/core/domain/bundles/sums';
import { craftBundle } from './craft';
import type { CraftInput } from './craft';
import { errorCode, makeParty, manifestFor, openOptions, reportData } from './fixtures';
import { gnuLongName, paxPath } from './raw-tar';
import type { RawEntry } from './raw-tar';

/**
 * At least 1,000 malformed or hostile bundles, each of which must be refused by openBundle with a known code and
 * never crash it. Bit flips all die at age's AEAD or header MAC, so the corpus samples offsets across the header
 * and the payload rather than flipping every bit; the structured variants are properly encrypted to the victim
 * so they reach the tar, signature, manifest and addressing checks they target.
 */

const unit = await makeParty('CB014');
const office = await makeParty('DUK01', 'Đảng ủy phường');
const intruder = await makeParty('CB066');
const revokedUnit = await makeParty('CB015');
const options = openOptions(office, [unit, intruder, revokedUnit], { revoked: ['CB015'] });
const enc = (s: string) => new TextEncoder().encode(s);

type Variant = { label: string; bytes: Uint8Array; expect?: readonly BundleErrorCode[] };

const good = await packBundle({
  manifest: manifestFor(unit, office),
  data: reportData(2),
  signingKey: unit.signing.privateKey,
  recipients: [office.age.recipient, unit.age.recipient],
});

function headerLength(bytes: Uint8Array): number {
  const text = Buffer.from(bytes).toString('latin1');
  return text.indexOf('\n', text.indexOf('\n---')+1) + 1;
}

function bitFlips(bytes: Uint8Array): Variant[] {
  const header = headerLength(bytes);
  const offsets = new Set<number>();
  for (let i = 0; i < header; i++) {
    offsets.add(i);
  }
  const payloadSamples = 560;
  for (let k = 0; k < payloadSamples; k++) {
    offsets.add(header + Math.floor(((bytes.length - header) * k) / payloadSamples));
  }
  offsets.add(bytes.length - 1);
  return [...offsets].map((offset, n) => {
    const flipped = bytes.slice();
    flipped[offset] = (flipped[offset] ?? 0) ^ (1 << n % 8);
    return { label: `bit flip at ${offset}`, bytes: flipped, expect: ['DECRYPT_FAILED', 'DECRYPT_NOT_FOR_ME'] };
  });
}

function truncations(bytes: Uint8Array): Variant[] {
  const cuts = new Set([0, 1, 20, headerLength(bytes) - 1, headerLength(bytes), headerLength(bytes) + 16, bytes.length - 1]);
  for (let k = 0; k < 120; k++) {
    cuts.add(Math.floor((bytes.length * k) / 120));
  }
  return [...cuts].map((cut) => ({ label: `truncated to ${cut}`, bytes: bytes.subarray(0, cut), expect: ['DECRYPT_FAILED', 'DECRYPT_NOT_FOR_ME'] }));
}

const base = (over: Partial<CraftInput> = {}): CraftInput => ({
  manifest: manifestFor(unit, office),
  signingKey: unit.signing.privateKey,
  recipients: [office.age.recipient],
  ...over,
});

const data = enc('{}\n');
const tarAttacks: [string, (r: RawEntry[]) => RawEntry[], BundleErrorCode][] = [
  ['path traversal', (r) => [...r, { name: '../../.bashrc', data }], 'TAR_ENTRY_FORBIDDEN'],
  ['absolute path', (r) => [{ name: '/etc/cron.d/x', data }, ...r], 'TAR_ENTRY_FORBIDDEN'],
  ['folder name', (r) => r.map((e) => ({ ...e, name: `b/${e.name}` })), 'TAR_ENTRY_FORBIDDEN'],
  ['prefix field', (r) => r.map((e) => ({ ...e, prefix: '..' })), 'TAR_ENTRY_FORBIDDEN'],
  ['symlink', (r) => [...r.slice(0, 3), { name: 'manifest.json', typeflag: '2', linkname: '/etc/passwd' }], 'TAR_ENTRY_FORBIDDEN'],
  ['hard link', (r) => [...r.slice(0, 2), { name: 'data.json', typeflag: '1', linkname: '/etc/shadow' }, r[3] ?? { name: 'x' }], 'TAR_ENTRY_FORBIDDEN'],
  ['directory', (r) => [{ name: 'SHA256SUMS/', typeflag: '5' }, ...r], 'TAR_ENTRY_FORBIDDEN'],
  ['device', (r) => [{ name: 'data.json', typeflag: '3' }, ...r], 'TAR_ENTRY_FORBIDDEN'],
  ['pax rename', (r) => [...r.slice(0, 3), paxPath('manifest.json'), { ...(r[3] ?? { name: 'x' }), name: 'm' }], 'TAR_ENTRY_FORBIDDEN'],
  ['GNU long name', (r) => [gnuLongName('../../x'), ...r], 'TAR_ENTRY_FORBIDDEN'],
  ['executable mode', (r) => r.map((e) => ({ ...e, mode: 0o755 })), 'TAR_ENTRY_FORBIDDEN'],
  ['duplicate manifest', (r) => [...r, { name: 'manifest.json', data }], 'TAR_ENTRY_DUPLICATE'],
  ['duplicate data first', (r) => [r[2] ?? { name: 'x' }, ...r], 'TAR_ENTRY_DUPLICATE'],
  ['oversize header', (r) => [...r.slice(0, 2), { name: 'data.json', size: 20 * 1024 * 1024 + 1 }], 'TAR_ENTRY_TOO_LARGE'],
  ['missing signature', (r) => r.filter((e) => e.name !== 'SHA256SUMS.sig'), 'TAR_ENTRY_MISSING'],
  ['missing data', (r) => r.filter((e) => e.name !== 'data.json'), 'TAR_ENTRY_MISSING'],
  ['extra file', (r) => [...r, { name: 'README', data }], 'TAR_ENTRY_FORBIDDEN'],
  ['GNU magic', (r) => r.map((e) => ({ ...e, magic: 'ustar  \0' })), 'TAR_INVALID'],
  ['size past end', (r) => [...r.slice(0, 3), { ...(r[3] ?? { name: 'x' }), size: 99_999 }], 'TAR_INVALID'],
];

async function structured(): Promise<Variant[]> {
  const variants: Variant[] = [];
  const add = async (label: string, input: CraftInput, code: BundleErrorCode) =>
    variants.push({ label, bytes: await craftBundle(input), expect: [code] });
  for (const [label, records, code] of tarAttacks) {
    await add(label, base({ records }), code);
  }
  const manifest = manifestFor(unit, office);
  await add('not for me', base({ recipients: [intruder.age.recipient] }), 'DECRYPT_NOT_FOR_ME');
  await add('unknown unit, signed by an enrolled key', base({ manifest: manifestFor(await makeParty('CB777'), office) }), 'SIGNER_KEY_MISMATCH');
  const unknown = await makeParty('CB777');
  await add('unknown signer key', base({ manifest: manifestFor(unknown, office), signingKey: unknown.signing.privateKey }), 'SIGNER_UNKNOWN');
  await add('revoked signer', base({ manifest: manifestFor(revokedUnit, office), signingKey: revokedUnit.signing.privateKey }), 'SIGNER_REVOKED');
  await add('re-addressed, re-signed by another key', base({ manifest: { ...manifest, to: { code: 'DUK01', ageRecipient: office.age.recipient } }, signingKey: intruder.signing.privateKey }), 'SIGNER_KEY_MISMATCH');
  await add('re-addressed with forged fingerprint', base({ manifest: { ...manifest, from: { ...manifest.from, keyFingerprint: intruder.signing.fingerprint } }, signingKey: intruder.signing.privateKey }), 'SIGNER_KEY_MISMATCH');
  await add('addressed to another unit', base({ manifest: { ...manifest, to: { code: 'DUK02', ageRecipient: office.age.recipient } } }), 'WRONG_RECIPIENT');
  await add('kind not accepted', base({ manifest: { ...manifest, kind: 'directive' } }), 'KIND_NOT_ACCEPTED');
  await add('manifest not JSON', base({ manifest: enc('{"format": "ptdv.bundle/1",') }), 'MANIFEST_INVALID');
  await add('manifest not UTF-8', base({ manifest: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }), 'MANIFEST_INVALID');
  for (const [key, value] of Object.entries({ format: 'ptdv.bundle/2', kind: 'x', bundleId: 'abc', seq: 0, label: 'a_b', prevSha256: 'zz', createdAt: 'hôm qua', extra: 1 })) {
    await add(`manifest ${key}`, base({ manifest: { ...manifest, [key]: value } }), 'MANIFEST_INVALID');
  }
  await add('data not JSON', base({ data: enc('[1,2') }), 'DATA_INVALID');
  await add('data changed after signing', base({ sums: makeSums(new Map([['data.json', enc('{"other":1}\n')], ['manifest.json', enc(`${JSON.stringify(manifest)}\n`)]])) }), 'HASH_MISMATCH');
  await add('sums with a third line', base({ sums: enc(`${'0'.repeat(64)}  data.json\n${'0'.repeat(64)}  manifest.json\n${'0'.repeat(64)}  x\n`) }), 'SUMS_INVALID');
  await add('signature garbage', base({ sig: enc('-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n') }), 'SIGNATURE_INVALID');
  await add('signature other namespace', base({ sig: enc(signSshsig(enc('x'), unit.signing.privateKey, 'git')) }), 'SIGNATURE_INVALID');
  await add('signature of other sums', base({ sig: enc(signSshsig(enc('x'), unit.signing.privateKey)) }), 'SIGNATURE_INVALID');
  variants.push({ label: 'plain tar, not encrypted', bytes: enc('manifest.json'), expect: ['DECRYPT_FAILED'] });
  variants.push({ label: 'too large', bytes: new Uint8Array(50 * 1024 * 1024 + 1), expect: ['BUNDLE_TOO_LARGE'] });
  for (let i = 0; i < 40; i++) {
    const garbage = Uint8Array.from({ length: 64 + i * 37 }, (_, j) => (j * 2654435761 + i) % 256);
    variants.push({ label: `garbage ${i}`, bytes: garbage, expect: ['DECRYPT_FAILED'] });
  }
  return variants;
}

describe('hostile bundle corpus', () => {
  it('refuses every one of at least 1,000 malformed bundles with a known code', async () => {
    const variants = [...bitFlips(good.bytes), ...truncations(good.bytes), ...(await structured())];
    expect(variants.length).toBeGreaterThanOrEqual(1000);
    const wrong: string[] = [];
    const seen = new Map<string, number>();
    for (const variant of variants) {
      const code = await errorCode(openBundle(variant.bytes, options));
      seen.set(code, (seen.get(code) ?? 0) + 1);
      const known = Object.hasOwn(BUNDLE_ERRORS, code);
      if (!known || (variant.expect && !variant.expect.includes(code as BundleErrorCode))) {
        wrong.push(`${variant.label}: ${code}`);
      }
    }
    expect(wrong).toEqual([]);
    expect((await openBundle(good.bytes, options)).manifest.seq).toBe(17);
    expect(seen.size).toBeGreaterThan(15);
  });

  it('opens a bundle re-encrypted after a bit flip in its tar only if the signed content is untouched', async () => {
    // An attacker who can encrypt to the office can corrupt the tar itself; flips land in headers, padding, data.
    const tar = await ageDecrypt(good.bytes, [office.age.identity]);
    const wrong: string[] = [];
    let opened = 0;
    for (let k = 0; k < 240; k++) {
      const offset = Math.floor((tar.length * k) / 240) + (k % 7);
      const flipped = tar.slice();
      flipped[offset] = (flipped[offset] ?? 0) ^ (1 << k % 8);
      const bytes = await ageEncrypt(flipped, [office.age.recipient]);
      try {
        const result = await openBundle(bytes, options);
        opened += 1;
        if (result.sumsSha256 !== good.sumsSha256) {
          wrong.push(`flip at ${offset} opened with other content`);
        }
      } catch (error) {
        const code = (error as { code?: string }).code ?? String(error);
        if (!Object.hasOwn(BUNDLE_ERRORS, code)) {
          wrong.push(`flip at ${offset}: ${code}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // Flips in zero padding after a file's data change nothing that is read; everything else must be refused.
    expect(opened).toBeLessThan(240 / 4);
  });
});
