import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fingerprintOf,
  formatPrivateKey,
  generateSigningKey,
  parsePrivateKey,
  parsePublicKey,
  publicKeyOf,
  readAloudCode,
  sameReadAloudCode,
} from '../../../electron/core/domain/bundles/keys';
import { tempDir } from '../../helpers/temp';
import { requireTool, run } from './fixtures';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('Ed25519 signing keys in OpenSSH formats', () => {
  it('round-trips a generated key through the private and public key formats', () => {
    const pair = generateSigningKey('CB014');
    const key = parsePrivateKey(pair.privateKey);
    expect(key.comment).toBe('CB014');
    expect(pair.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END OPENSSH PRIVATE KEY-----\n$/);
    expect(pair.publicKey).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43} CB014$/);
    expect(publicKeyOf(pair.privateKey)).toBe(pair.publicKey);
    expect(parsePublicKey(pair.publicKey).key).toEqual(key.publicKey);
    expect(parsePrivateKey(formatPrivateKey(key))).toEqual(key);
    expect(fingerprintOf(pair.publicKey)).toBe(pair.fingerprint);
  });

  it('is accepted by ssh-keygen -y, and ssh-keygen -lf prints the same fingerprint', () => {
    requireTool('ssh-keygen');
    const dir = tempDir();
    const pair = generateSigningKey('CB014');
    writeFileSync(join(dir, 'id'), pair.privateKey, { mode: 0o600 });
    writeFileSync(join(dir, 'id.pub'), `${pair.publicKey}\n`);
    const derived = run('ssh-keygen', ['-y', '-f', join(dir, 'id')]);
    expect(derived.stderr).toBe('');
    expect(derived.stdout.trim()).toBe(pair.publicKey);
    const listed = run('ssh-keygen', ['-lf', join(dir, 'id.pub')]);
    expect(listed.stdout.trim()).toBe(`256 ${pair.fingerprint} CB014 (ED25519)`);
  });

  it('reads a private key made by ssh-keygen', () => {
    requireTool('ssh-keygen');
    const dir = tempDir();
    const file = join(dir, 'k');
    expect(run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'DUK01 văn phòng', '-f', file]).status).toBe(0);
    const listed = run('ssh-keygen', ['-lf', `${file}.pub`]).stdout;
    expect(publicKeyOf(readFileSync(file, 'utf8'))).toBe(readFileSync(`${file}.pub`, 'utf8').trim());
    expect(listed).toContain(fingerprintOf(readFileSync(`${file}.pub`, 'utf8')));
  });

  it('refuses passphrase-protected, truncated, mismatched and non-Ed25519 keys with KEY_INVALID', () => {
    requireTool('ssh-keygen');
    const dir = tempDir();
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'mật khẩu', '-f', join(dir, 'enc')]);
    run('ssh-keygen', ['-q', '-t', 'ecdsa', '-N', '', '-f', join(dir, 'ec')]);
    const good = generateSigningKey('A').privateKey;
    const other = parsePrivateKey(generateSigningKey('B').privateKey);
    const mismatched = formatPrivateKey({ ...parsePrivateKey(good), publicKey: other.publicKey });
    for (const text of [readFileSync(join(dir, 'enc'), 'utf8'), readFileSync(join(dir, 'ec'), 'utf8'), good.slice(0, 200), mismatched, '']) {
      expect(codeOf(() => parsePrivateKey(text))).toBe('KEY_INVALID');
    }
    expect(codeOf(() => parsePublicKey(readFileSync(join(dir, 'ec.pub'), 'utf8')))).toBe('KEY_INVALID');
    expect(codeOf(() => parsePublicKey('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKAjK0vE0g'))).toBe('KEY_INVALID');
  });
});

describe('read-aloud code', () => {
  it('is 5 groups of 4 digits, stable for a key and different for another key', () => {
    const a = generateSigningKey('A').fingerprint;
    const b = generateSigningKey('B').fingerprint;
    expect(readAloudCode(a)).toMatch(/^\d{4} \d{4} \d{4} \d{4} \d{4}$/);
    expect(readAloudCode(a)).toBe(readAloudCode(a));
    expect(readAloudCode(a)).not.toBe(readAloudCode(b));
  });

  it('is fixed for a known fingerprint, so two installs of ptdv always show the same digits', () => {
    expect(readAloudCode('SHA256:meWfj7mdjJRyjRojEo+dQ2XWC4VRevP3+O/l+YLvvTE')).toBe('7692 1988 9558 5798 4835');
  });

  it('compares codes typed with dashes or without spaces', () => {
    expect(sameReadAloudCode('7692 1988 9558 5798 4835', '7692-1988-9558-57984835')).toBe(true);
    expect(sameReadAloudCode('7692 1988 9558 5798 4835', '7692 1988 9558 5798 4836')).toBe(false);
    expect(sameReadAloudCode('', '')).toBe(false);
  });

  it('refuses something that is not an SSH fingerprint', () => {
    expect(codeOf(() => readAloudCode('MD5:aa:bb'))).toBe('KEY_INVALID');
  });
});
