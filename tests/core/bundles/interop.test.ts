import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatAgeIdentityFile } from '../../../electron/core/domain/bundles/age';
import { openBundle, packBundle } from '../../../electron/core/domain/bundles/bundle';
import { allowedSignersLine } from '../../../electron/core/domain/bundles/sshsig';
import { tempDir } from '../../helpers/temp';
import { makeParty, manifestFor, openOptions, reportData, requireTool, run } from './fixtures';

/** docs/bundle-format.md "Checking a bundle without ptdv", verbatim except for `set -e` and the file names passed in. */
const AUDIT_SCRIPT = `set -e
age -d -i office.agekey -o b.tar "$1"
mkdir b && tar --no-same-owner --no-same-permissions -xf b.tar -C b && cd b
ssh-keygen -Y verify -f ../allowed_signers -I CB014 -n ptdv-bundle@1 -s SHA256SUMS.sig < SHA256SUMS
sha256sum --strict -c SHA256SUMS
jq . manifest.json
`;

const unit = await makeParty('CB014');
const office = await makeParty('DUK01', 'Đảng ủy phường');
const data = reportData(5);

async function auditFolder(signers: string) {
  const dir = tempDir();
  const packed = await packBundle({
    manifest: manifestFor(unit, office),
    data,
    signingKey: unit.signing.privateKey,
    recipients: [office.age.recipient, unit.age.recipient],
  });
  writeFileSync(join(dir, packed.fileName), packed.bytes);
  writeFileSync(join(dir, 'office.agekey'), formatAgeIdentityFile(office.age, '2026-12-28T09:12:00+07:00'));
  writeFileSync(join(dir, 'allowed_signers'), signers);
  return { dir, packed };
}

describe('a bundle checked with stock Debian tools and no ptdv', () => {
  beforeAll(() => {
    for (const tool of ['age', 'ssh-keygen', 'sha256sum', 'tar', 'jq', 'sh']) {
      requireTool(tool);
    }
  });

  it('decrypts with age -d, verifies with ssh-keygen -Y verify, passes sha256sum --strict -c and reads with jq', async () => {
    const { dir, packed } = await auditFolder(`${allowedSignersLine('CB014', unit.signing.publicKey)}\n`);
    const audit = run('sh', ['-c', AUDIT_SCRIPT, 'audit', packed.fileName], { cwd: dir });
    expect(audit.stdout).toContain(`Good "ptdv-bundle@1" signature for CB014 with ED25519 key ${unit.signing.fingerprint}`);
    expect(audit.status).toBe(0);
    expect(audit.stdout).toContain('data.json: OK\nmanifest.json: OK\n');
    const manifest = JSON.parse(audit.stdout.slice(audit.stdout.indexOf('{'))) as { from: { code: string }; seq: number };
    expect(manifest.from.code).toBe('CB014');
    expect(manifest.seq).toBe(17);
    expect(JSON.parse(readFileSync(join(dir, 'b', 'data.json'), 'utf8'))).toEqual(data);
    expect(run('ls', [join(dir, 'b')]).stdout.split('\n').filter(Boolean)).toEqual([
      'SHA256SUMS',
      'SHA256SUMS.sig',
      'data.json',
      'manifest.json',
    ]);
  });

  it('fails the stock check when the signer is not in allowed_signers', async () => {
    const other = await makeParty('CB014');
    const { dir, packed } = await auditFolder(`${allowedSignersLine('CB014', other.signing.publicKey)}\n`);
    const audit = run('sh', ['-c', AUDIT_SCRIPT, 'audit', packed.fileName], { cwd: dir });
    expect(audit.status).not.toBe(0);
    expect(audit.stdout).not.toContain('manifest.json: OK');
  });

  it('opens a bundle whose tar was re-encrypted by Debian age -r', async () => {
    const { dir, packed } = await auditFolder('');
    expect(run('age', ['-d', '-i', 'office.agekey', '-o', 'b.tar', packed.fileName], { cwd: dir }).status).toBe(0);
    const rewrapped = run('age', ['-r', office.age.recipient, '-o', 'rewrapped.ptdv', 'b.tar'], { cwd: dir });
    expect(rewrapped.status).toBe(0);
    const bytes = readFileSync(join(dir, 'rewrapped.ptdv'));
    expect(bytes).not.toEqual(Buffer.from(packed.bytes));
    const opened = await openBundle(bytes, openOptions(office, [unit]));
    expect(opened.data).toEqual(data);
    expect(opened.sumsSha256).toBe(packed.sumsSha256);
  });

  it('opens a file of the format before compression: a bare tar inside age', async () => {
    const { dir, packed } = await auditFolder('');
    expect(run('sh', ['-c', `age -d -i office.agekey "$1" | gzip -d > bare.tar && age -r "$2" -o bare.ptdv bare.tar`, 'x', packed.fileName, office.age.recipient], { cwd: dir }).status).toBe(0);
    expect(run('tar', ['-tf', 'bare.tar'], { cwd: dir }).stdout.split('\n').filter(Boolean)).toEqual(['SHA256SUMS', 'SHA256SUMS.sig', 'data.json', 'manifest.json']);
    const opened = await openBundle(readFileSync(join(dir, 'bare.ptdv')), openOptions(office, [unit]));
    expect(opened.data).toEqual(data);
  });
});
