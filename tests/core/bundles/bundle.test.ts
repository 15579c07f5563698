import { describe, expect, it } from 'vitest';
import { ageDecrypt } from '../../../electron/core/domain/bundles/age';
import { MAX_BUNDLE_BYTES, openBundle, packBundle } from '../../../electron/core/domain/bundles/bundle';
import { decompressTar, readTar } from '../../../electron/core/domain/bundles/tar';
import { sha256Hex } from '../../../electron/core/domain/bundles/sums';
import { craftBundle } from './craft';
import { errorCode, makeParty, manifestFor, openOptions, reportData } from './fixtures';

const unit = await makeParty('CB014');
const office = await makeParty('DUK01', 'Đảng ủy phường');
const stranger = await makeParty('CB099');
const data = reportData(3);

async function packFrom(from = unit, to = office, over = {}) {
  return packBundle({
    manifest: manifestFor(from, to, over),
    data,
    signingKey: from.signing.privateKey,
    recipients: [to.age.recipient, from.age.recipient],
  });
}

describe('packBundle and openBundle', () => {
  it('opens what it packs, with the hashes the outbox and the sequence chain need', async () => {
    const packed = await packFrom();
    expect(packed.fileName).toBe('CB014_DUK01_2026Q4_s000017.ptdv');
    const opened = await openBundle(packed.bytes, { ...openOptions(office, [unit]), fileName: `/media/usb/${packed.fileName}` });
    expect(opened.manifest.from.code).toBe('CB014');
    expect(opened.data).toEqual(data);
    expect(opened.sha256).toBe(packed.sha256);
    expect(opened.sha256).toBe(sha256Hex(packed.bytes));
    expect(opened.sumsSha256).toBe(packed.sumsSha256);
    expect(opened.signer).toEqual({ publicKey: unit.signing.publicKey, fingerprint: unit.signing.fingerprint, enrolled: true });
  });

  it('writes the four entries in sorted order with a coreutils SHA256SUMS over manifest and data', async () => {
    const packed = await packFrom();
    const files = await readTar(await decompressTar(await ageDecrypt(packed.bytes, [office.age.identity])));
    expect([...files.keys()]).toEqual(['SHA256SUMS', 'SHA256SUMS.sig', 'data.json', 'manifest.json']);
    const sums = new TextDecoder().decode(files.get('SHA256SUMS'));
    expect(sums).toMatch(/^[0-9a-f]{64} {2}data\.json\n[0-9a-f]{64} {2}manifest\.json\n$/);
    expect(sha256Hex(files.get('SHA256SUMS') ?? new Uint8Array())).toBe(packed.sumsSha256);
  });

  it('lets the sender re-open its own outbox file', async () => {
    const packed = await packFrom();
    const opened = await openBundle(packed.bytes, { ...openOptions(unit, [unit]), role: 'sender' });
    expect(opened.manifest.to.code).toBe('DUK01');
    expect(await errorCode(openBundle(packed.bytes, openOptions(unit, [unit])))).toBe('WRONG_RECIPIENT');
  });

  it('accepts an enrolment from a unit with no key yet, marked as not enrolled', async () => {
    const packed = await packFrom(stranger, office, { kind: 'enrolment', seq: 1 });
    const opened = await openBundle(packed.bytes, openOptions(office, [unit]));
    expect(opened.signer).toEqual({ publicKey: stranger.signing.publicKey, fingerprint: stranger.signing.fingerprint, enrolled: false });
  });

  it('refuses to pack with a key other than the manifest fingerprint, or without the recipient', async () => {
    const manifest = manifestFor(unit, office);
    const recipients = [office.age.recipient];
    expect(await errorCode(packBundle({ manifest, data, signingKey: stranger.signing.privateKey, recipients }))).toBe('KEY_INVALID');
    expect(await errorCode(packBundle({ manifest, data, signingKey: unit.signing.privateKey, recipients: [unit.age.recipient] }))).toBe('KEY_INVALID');
    expect(await errorCode(packBundle({ manifest: { ...manifest, seq: 0 }, data, signingKey: unit.signing.privateKey, recipients }))).toBe('MANIFEST_INVALID');
    expect(await errorCode(packBundle({ manifest, data: undefined, signingKey: unit.signing.privateKey, recipients }))).toBe('DATA_INVALID');
  });
});

describe('a large cell', () => {
  it('sends a data.json over 20 MB compressed in a file a fraction of its size, and the superior opens it whole', async () => {
    const large = reportData(30_000);
    const packed = await packBundle({
      manifest: manifestFor(unit, office),
      data: large,
      signingKey: unit.signing.privateKey,
      recipients: [office.age.recipient],
    });
    const opened = await openBundle(packed.bytes, openOptions(office, [unit]));
    const dataBytes = (await readTar(await decompressTar(await ageDecrypt(packed.bytes, [office.age.identity])))).get('data.json')?.length ?? 0;
    expect(dataBytes).toBeGreaterThan(20 * 1024 * 1024);
    expect(packed.bytes.length).toBeLessThan(dataBytes / 5);
    expect((opened.data as { candidates: unknown[] }).candidates).toHaveLength(30_000);
  }, 120_000);
});

describe('openBundle refuses, at the step docs/bundle-format.md names', () => {
  it('step 1: a file over 200 MB or not named .ptdv, before decrypting', async () => {
    const packed = await packFrom();
    expect(await errorCode(openBundle(new Uint8Array(MAX_BUNDLE_BYTES + 1), openOptions(office, [unit])))).toBe('BUNDLE_TOO_LARGE');
    expect(await errorCode(openBundle(packed.bytes, { ...openOptions(office, [unit]), fileName: 'bao-cao.xlsx' }))).toBe('BUNDLE_NAME_INVALID');
  });

  it('step 2: a bundle for another unit', async () => {
    const packed = await packFrom();
    expect(await errorCode(openBundle(packed.bytes, openOptions(stranger, [unit])))).toBe('DECRYPT_NOT_FOR_ME');
  });

  it('step 4: unknown, revoked and substituted signer keys', async () => {
    const packed = await packFrom();
    expect(await errorCode(openBundle(packed.bytes, openOptions(office, [])))).toBe('SIGNER_UNKNOWN');
    expect(await errorCode(openBundle(packed.bytes, openOptions(office, [unit], { revoked: ['CB014'] })))).toBe('SIGNER_REVOKED');
    const impostor = { ...stranger, code: 'CB014' };
    expect(await errorCode(openBundle(packed.bytes, openOptions(office, [impostor])))).toBe('SIGNER_KEY_MISMATCH');
  });

  it('step 4: a manifest naming one key but signed by another', async () => {
    const bytes = await craftBundle({
      manifest: manifestFor(unit, office),
      signingKey: stranger.signing.privateKey,
      recipients: [office.age.recipient],
    });
    expect(await errorCode(openBundle(bytes, openOptions(office, [unit])))).toBe('SIGNER_KEY_MISMATCH');
  });

  it('step 5: a bundle addressed to another unit, or of a kind not accepted from the sender', async () => {
    const other = await makeParty('DUK02');
    const readdressed = await packBundle({
      manifest: manifestFor(unit, office),
      data,
      signingKey: unit.signing.privateKey,
      recipients: [office.age.recipient, other.age.recipient],
    });
    expect(await errorCode(openBundle(readdressed.bytes, openOptions(other, [unit])))).toBe('WRONG_RECIPIENT');
    const directive = await packFrom(unit, office, { kind: 'directive' });
    expect(await errorCode(openBundle(directive.bytes, openOptions(office, [unit])))).toBe('KIND_NOT_ACCEPTED');
  });

  it('step 6 (first check): a bundle from a newer app version', async () => {
    const packed = await packFrom(unit, office, { app: { version: '2.0.0', schemaVersion: 9 } });
    expect(await errorCode(openBundle(packed.bytes, { ...openOptions(office, [unit]), maxSchemaVersion: 3 }))).toBe('SCHEMA_TOO_NEW');
    expect((await openBundle(packed.bytes, { ...openOptions(office, [unit]), maxSchemaVersion: 9 })).manifest.seq).toBe(17);
  });

  it('a data.json that is not JSON, even when correctly signed', async () => {
    const bytes = await craftBundle({
      manifest: manifestFor(unit, office),
      data: new TextEncoder().encode('{"candidates": ['),
      signingKey: unit.signing.privateKey,
      recipients: [office.age.recipient],
    });
    expect(await errorCode(openBundle(bytes, openOptions(office, [unit])))).toBe('DATA_INVALID');
  });
});
