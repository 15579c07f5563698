import type { BundleErrorCode } from '../../../electron/core/domain/bundles/errors';
import type { BundleManifest } from '../../../electron/core/domain/bundles/manifest';
import { MAX_BUNDLE_BYTES } from '../../../electron/core/domain/bundles/bundle';
import { signSshsig } from '../../../electron/core/domain/bundles/sshsig';
import { makeSums } from '../../../electron/core/domain/bundles/sums';
import { MAX_DATA_BYTES } from '../../../electron/core/domain/bundles/tar';
import { craftBundle } from './craft';
import type { CraftInput } from './craft';
import type { Party } from './fixtures';
import { makeParty, manifestFor } from './fixtures';
import { gnuLongName, paxPath } from './raw-tar';
import type { RawEntry } from './raw-tar';

/**
 * The hostile-bundle corpus, shared by the core test (openBundle) and the service test (the whole import of an
 * enrolled superior), so both face the same attacks. Bit flips all die at age's AEAD or header MAC, so offsets are
 * sampled across the header and the payload rather than flipping every bit; the structured variants are properly
 * encrypted to the victim so they reach the tar, signature, manifest and addressing checks they target.
 */

export type Variant = { label: string; bytes: Uint8Array; expect?: readonly BundleErrorCode[] };

/** Who the structured variants involve, as the victim (`office`) knows them. */
export type CorpusParties = {
  /** Enrolled and trusted by the victim: the sender forgers pretend to be. */
  unit: Party;
  /** The victim: every variant is encrypted to it. */
  office: Party;
  /** Another enrolled unit, whose own key a forger holds. */
  intruder: Party;
  /** A unit whose key the victim revoked. */
  revokedUnit: Party;
};

const enc = (s: string) => new TextEncoder().encode(s);
const DECRYPT: readonly BundleErrorCode[] = ['DECRYPT_FAILED', 'DECRYPT_NOT_FOR_ME'];

/** Length of the age header (up to and including the MAC line): flips there hit the stanzas or the MAC. */
export function headerLength(bytes: Uint8Array): number {
  const text = Buffer.from(bytes).toString('latin1');
  return text.indexOf('\n', text.indexOf('\n---') + 1) + 1;
}

/** One flipped bit at every header byte and at 560 offsets spread over the payload, plus the last byte. */
export function bitFlips(bytes: Uint8Array): Variant[] {
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
    return { label: `bit flip at ${offset}`, bytes: flipped, expect: DECRYPT };
  });
}

/** The file cut at 120 evenly spread points and around the end of the header. */
export function truncations(bytes: Uint8Array): Variant[] {
  const header = headerLength(bytes);
  const cuts = new Set([0, 1, 20, header - 1, header, header + 16, bytes.length - 1]);
  for (let k = 0; k < 120; k++) {
    cuts.add(Math.floor((bytes.length * k) / 120));
  }
  return [...cuts].map((cut) => ({ label: `truncated to ${cut}`, bytes: bytes.subarray(0, cut), expect: DECRYPT }));
}

const filler = enc('{}\n');
const TAR_ATTACKS: [string, (r: RawEntry[]) => RawEntry[], BundleErrorCode][] = [
  ['path traversal', (r) => [...r, { name: '../../.bashrc', data: filler }], 'TAR_ENTRY_FORBIDDEN'],
  ['absolute path', (r) => [{ name: '/etc/cron.d/x', data: filler }, ...r], 'TAR_ENTRY_FORBIDDEN'],
  ['folder name', (r) => r.map((e) => ({ ...e, name: `b/${e.name}` })), 'TAR_ENTRY_FORBIDDEN'],
  ['prefix field', (r) => r.map((e) => ({ ...e, prefix: '..' })), 'TAR_ENTRY_FORBIDDEN'],
  ['symlink', (r) => [...r.slice(0, 3), { name: 'manifest.json', typeflag: '2', linkname: '/etc/passwd' }], 'TAR_ENTRY_FORBIDDEN'],
  ['hard link', (r) => [...r.slice(0, 2), { name: 'data.json', typeflag: '1', linkname: '/etc/shadow' }, r[3] ?? { name: 'x' }], 'TAR_ENTRY_FORBIDDEN'],
  ['directory', (r) => [{ name: 'SHA256SUMS/', typeflag: '5' }, ...r], 'TAR_ENTRY_FORBIDDEN'],
  ['device', (r) => [{ name: 'data.json', typeflag: '3' }, ...r], 'TAR_ENTRY_FORBIDDEN'],
  ['pax rename', (r) => [...r.slice(0, 3), paxPath('manifest.json'), { ...(r[3] ?? { name: 'x' }), name: 'm' }], 'TAR_ENTRY_FORBIDDEN'],
  ['GNU long name', (r) => [gnuLongName('../../x'), ...r], 'TAR_ENTRY_FORBIDDEN'],
  ['executable mode', (r) => r.map((e) => ({ ...e, mode: 0o755 })), 'TAR_ENTRY_FORBIDDEN'],
  ['duplicate manifest', (r) => [...r, { name: 'manifest.json', data: filler }], 'TAR_ENTRY_DUPLICATE'],
  ['duplicate data first', (r) => [r[2] ?? { name: 'x' }, ...r], 'TAR_ENTRY_DUPLICATE'],
  ['oversize header', (r) => [...r.slice(0, 2), { name: 'data.json', size: MAX_DATA_BYTES + 1 }], 'TAR_ENTRY_TOO_LARGE'],
  ['missing signature', (r) => r.filter((e) => e.name !== 'SHA256SUMS.sig'), 'TAR_ENTRY_MISSING'],
  ['missing data', (r) => r.filter((e) => e.name !== 'data.json'), 'TAR_ENTRY_MISSING'],
  ['extra file', (r) => [...r, { name: 'README', data: filler }], 'TAR_ENTRY_FORBIDDEN'],
  ['GNU magic', (r) => r.map((e) => ({ ...e, magic: 'ustar  \0' })), 'TAR_INVALID'],
  ['size past end', (r) => [...r.slice(0, 3), { ...(r[3] ?? { name: 'x' }), size: 99_999 }], 'TAR_INVALID'],
];

/**
 * Hand-made attacks on the container, the signature, the signer and the manifest, each with the one code it must
 * be refused with. `manifest` is the legitimate manifest being attacked and `data` the legitimate data.json, so a
 * variant differs from a good bundle only by its attack.
 */
export async function structuredVariants(parties: CorpusParties, manifest: BundleManifest = manifestFor(parties.unit, parties.office), data?: Uint8Array): Promise<Variant[]> {
  const { unit, office, intruder, revokedUnit } = parties;
  const base = (over: Partial<CraftInput> = {}): CraftInput => ({ manifest, data, signingKey: unit.signing.privateKey, recipients: [office.age.recipient], ...over });
  const variants: Variant[] = [];
  const add = async (label: string, input: CraftInput, code: BundleErrorCode) => variants.push({ label, bytes: await craftBundle(input), expect: [code] });
  for (const [label, records, code] of TAR_ATTACKS) {
    await add(label, base({ records }), code);
  }
  const stranger = await makeParty('CB777');
  const as = (party: Party): BundleManifest => ({ ...manifest, from: { ...manifest.from, code: party.code, name: party.name, keyFingerprint: party.signing.fingerprint } });
  await add('not for me', base({ recipients: [intruder.age.recipient] }), 'DECRYPT_NOT_FOR_ME');
  await add('unknown unit, signed by an enrolled key', base({ manifest: as(stranger) }), 'SIGNER_KEY_MISMATCH');
  await add('unknown signer key', base({ manifest: as(stranger), signingKey: stranger.signing.privateKey }), 'SIGNER_UNKNOWN');
  await add('revoked signer', base({ manifest: as(revokedUnit), signingKey: revokedUnit.signing.privateKey }), 'SIGNER_REVOKED');
  await add('re-signed by another enrolled key', base({ signingKey: intruder.signing.privateKey }), 'SIGNER_KEY_MISMATCH');
  await add('re-signed with forged fingerprint', base({ manifest: { ...manifest, from: { ...manifest.from, keyFingerprint: intruder.signing.fingerprint } }, signingKey: intruder.signing.privateKey }), 'SIGNER_KEY_MISMATCH');
  await add('addressed to another unit', base({ manifest: { ...manifest, to: { ...manifest.to, code: 'DUK02' } } }), 'WRONG_RECIPIENT');
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
  variants.push({ label: 'too large', bytes: new Uint8Array(MAX_BUNDLE_BYTES + 1), expect: ['BUNDLE_TOO_LARGE'] });
  for (let i = 0; i < 40; i++) {
    const garbage = Uint8Array.from({ length: 64 + i * 37 }, (_, j) => (j * 2654435761 + i) % 256);
    variants.push({ label: `garbage ${i}`, bytes: garbage, expect: ['DECRYPT_FAILED'] });
  }
  return variants;
}
