import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPublicKey, generateSigningKey, parsePublicKey } from '../../../electron/core/domain/bundles/keys';
import { allowedSignersLine, signSshsig, verifySshsig } from '../../../electron/core/domain/bundles/sshsig';
import { tempDir } from '../../helpers/temp';
import { requireTool, run } from './fixtures';

const message = new TextEncoder().encode('0123abcd  data.json\n4567ef01  manifest.json\n');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

function signerFiles(code: string) {
  const dir = tempDir();
  const pair = generateSigningKey(code);
  writeFileSync(join(dir, 'id'), pair.privateKey, { mode: 0o600 });
  writeFileSync(join(dir, 'allowed_signers'), `${allowedSignersLine(code, pair.publicKey)}\n`);
  writeFileSync(join(dir, 'SHA256SUMS'), message);
  return { dir, pair };
}

describe('SSHSIG signatures (ssh-keygen -Y format)', () => {
  it('verifies its own signature and returns the signing key', () => {
    const pair = generateSigningKey('CB014');
    const signature = signSshsig(message, pair.privateKey);
    expect(signature).toMatch(/^-----BEGIN SSH SIGNATURE-----\n[A-Za-z0-9+/=\n]+\n-----END SSH SIGNATURE-----\n$/);
    expect(formatPublicKey(verifySshsig(message, signature), 'CB014')).toBe(pair.publicKey);
  });

  it('refuses a changed message, another namespace and a damaged signature', () => {
    const signature = signSshsig(message, generateSigningKey('CB014').privateKey);
    const changed = message.slice();
    changed[0] = (changed[0] ?? 0) ^ 1;
    expect(codeOf(() => verifySshsig(changed, signature))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => verifySshsig(message, signature, 'git'))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => verifySshsig(message, signature.replace('-----END', 'AAAA\n-----END')))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => verifySshsig(message, 'chữ ký'))).toBe('SIGNATURE_INVALID');
  });

  it('writes the allowed_signers line restricted to the bundle namespace', () => {
    const pair = generateSigningKey('CB014');
    const key = pair.publicKey.split(' ').slice(0, 2).join(' ');
    expect(allowedSignersLine('CB014', pair.publicKey)).toBe(`CB014 namespaces="ptdv-bundle@1" ${key}`);
    expect(codeOf(() => allowedSignersLine('CB 014', pair.publicKey))).toBe('KEY_INVALID');
  });

  it('is accepted by ssh-keygen -Y verify with the exported allowed_signers file', () => {
    requireTool('ssh-keygen');
    const { dir, pair } = signerFiles('CB014');
    writeFileSync(join(dir, 'SHA256SUMS.sig'), signSshsig(message, pair.privateKey));
    const args = ['-Y', 'verify', '-f', 'allowed_signers', '-I', 'CB014', '-n', 'ptdv-bundle@1', '-s', 'SHA256SUMS.sig'];
    const ok = run('ssh-keygen', args, { cwd: dir, input: message });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`Good "ptdv-bundle@1" signature for CB014 with ED25519 key ${pair.fingerprint}`);
    expect(run('ssh-keygen', args.map((a) => (a === 'CB014' ? 'CB015' : a)), { cwd: dir, input: message }).status).not.toBe(0);
    expect(run('ssh-keygen', args, { cwd: dir, input: 'khác' }).status).not.toBe(0);
  });

  it('produces the same bytes as ssh-keygen -Y sign and verifies what ssh-keygen signs', () => {
    requireTool('ssh-keygen');
    const { dir, pair } = signerFiles('CB014');
    const signed = run('ssh-keygen', ['-Y', 'sign', '-f', 'id', '-n', 'ptdv-bundle@1', 'SHA256SUMS'], { cwd: dir });
    expect(signed.status).toBe(0);
    const theirs = readFileSync(join(dir, 'SHA256SUMS.sig'), 'utf8');
    expect(verifySshsig(message, theirs)).toEqual(parsePublicKey(pair.publicKey).key);
    // Ed25519 is deterministic, so an identical encoding means an identical signature.
    expect(signSshsig(message, pair.privateKey)).toBe(theirs);
  });
});
