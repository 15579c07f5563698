import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ageDecrypt,
  ageEncrypt,
  ageRecipientOf,
  formatAgeIdentityFile,
  generateAgeKeyPair,
  generateAgeKeyPairSync,
  isAgeRecipient,
} from '../../../electron/core/domain/bundles/age';
import { tempDir } from '../../helpers/temp';
import { errorCode, requireTool, run } from './fixtures';

const text = new TextEncoder().encode('Danh sách quần chúng ưu tú năm 2026\n');

describe('age encryption', () => {
  it('encrypts to several recipients, each of which can decrypt alone', async () => {
    const [a, b] = [await generateAgeKeyPair(), await generateAgeKeyPair()];
    const file = await ageEncrypt(text, [a.recipient, b.recipient]);
    expect(new TextDecoder().decode(file.subarray(0, 21))).toBe('age-encryption.org/v1');
    expect(await ageDecrypt(file, [a.identity])).toEqual(text);
    expect(await ageDecrypt(file, [b.identity])).toEqual(text);
  });

  it('decrypts with an old identity kept after a new one was created', async () => {
    const [old, current] = [await generateAgeKeyPair(), await generateAgeKeyPair()];
    const late = await ageEncrypt(text, [old.recipient]);
    expect(await ageDecrypt(late, [current.identity, old.identity])).toEqual(text);
  });

  it('says "not for this unit" when no identity matches, and "damaged" when the payload was changed', async () => {
    const [me, other] = [await generateAgeKeyPair(), await generateAgeKeyPair()];
    const file = await ageEncrypt(text, [other.recipient]);
    expect(await errorCode(ageDecrypt(file, [me.identity]))).toBe('DECRYPT_NOT_FOR_ME');
    const mine = await ageEncrypt(text, [me.recipient]);
    mine[mine.length - 3] = (mine[mine.length - 3] ?? 0) ^ 0x40;
    expect(await errorCode(ageDecrypt(mine, [me.identity]))).toBe('DECRYPT_FAILED');
    expect(await errorCode(ageDecrypt(mine.subarray(0, mine.length - 20), [me.identity]))).toBe('DECRYPT_FAILED');
  });

  it('checks recipients and identities', async () => {
    const pair = await generateAgeKeyPair();
    expect(isAgeRecipient(pair.recipient)).toBe(true);
    expect(isAgeRecipient(`${pair.recipient.slice(0, -1)}${pair.recipient.endsWith('q') ? 'p' : 'q'}`)).toBe(false);
    expect(isAgeRecipient('age1pq1abc')).toBe(false);
    expect(await ageRecipientOf(pair.identity)).toBe(pair.recipient);
    expect(await errorCode(ageRecipientOf('AGE-SECRET-KEY-1xyz'))).toBe('KEY_INVALID');
    expect(await errorCode(ageEncrypt(text, ['age1nope']))).toBe('KEY_INVALID');
    expect(await errorCode(ageEncrypt(text, []))).toBe('KEY_INVALID');
    const bad = `AGE-SECRET-KEY-1${'Q'.repeat(58)}`;
    expect(await errorCode(ageDecrypt(await ageEncrypt(text, [pair.recipient]), [bad]))).toBe('KEY_INVALID');
  });

  it('interoperates with Debian age both ways', async () => {
    requireTool('age');
    requireTool('age-keygen');
    const dir = tempDir();
    const me = await generateAgeKeyPair();
    writeFileSync(join(dir, 'me.agekey'), formatAgeIdentityFile(me, '2026-12-28T09:12:00+07:00'));
    writeFileSync(join(dir, 'ours.age'), await ageEncrypt(text, [me.recipient]));
    const decrypted = run('age', ['-d', '-i', 'me.agekey', 'ours.age'], { cwd: dir });
    expect(decrypted.stderr).toBe('');
    expect(decrypted.stdout).toBe(new TextDecoder().decode(text));
    const other = await generateAgeKeyPair();
    const made = run('age', ['-r', me.recipient, '-r', other.recipient, '-o', 'theirs.age'], { cwd: dir, input: text });
    expect(made.status).toBe(0);
    expect(await ageDecrypt(readFileSync(join(dir, 'theirs.age')), [me.identity])).toEqual(text);
    expect(run('age-keygen', ['-y', 'me.agekey'], { cwd: dir }).stdout.trim()).toBe(me.recipient);
  });

  it('makes keys synchronously (for unit setup) that age-keygen and Debian age accept', async () => {
    requireTool('age');
    requireTool('age-keygen');
    const dir = tempDir();
    const pairs = Array.from({ length: 20 }, () => generateAgeKeyPairSync());
    for (const pair of pairs) {
      expect(isAgeRecipient(pair.recipient)).toBe(true);
      expect(await ageRecipientOf(pair.identity)).toBe(pair.recipient);
    }
    const me = pairs[0]!;
    writeFileSync(join(dir, 'me.agekey'), formatAgeIdentityFile(me, '2026-12-28T09:12:00+07:00'));
    expect(run('age-keygen', ['-y', 'me.agekey'], { cwd: dir }).stdout.trim()).toBe(me.recipient);
    expect(run('age', ['-r', me.recipient, '-o', 'theirs.age'], { cwd: dir, input: text }).status).toBe(0);
    expect(await ageDecrypt(readFileSync(join(dir, 'theirs.age')), [me.identity])).toEqual(text);
  });

  it('decrypts files of every chunk layout made by age-encryption and by Debian age', async () => {
    requireTool('age');
    const dir = tempDir();
    const me = await generateAgeKeyPair();
    for (const size of [0, 1, 65_535, 65_536, 65_537, 131_072, 200_000]) {
      const plain = Uint8Array.from({ length: size }, (_, i) => (i * 31 + size) % 256);
      expect(await ageDecrypt(await ageEncrypt(plain, [me.recipient]), [me.identity])).toEqual(plain);
      writeFileSync(join(dir, 'plain'), plain);
      expect(run('age', ['-r', me.recipient, '-o', 'debian.age', 'plain'], { cwd: dir }).status).toBe(0);
      expect(await ageDecrypt(readFileSync(join(dir, 'debian.age')), [me.identity])).toEqual(plain);
    }
  }, 120_000);

  it('refuses a file cut at a chunk boundary, because the remaining last chunk is not flagged last', async () => {
    const me = await generateAgeKeyPair();
    const file = await ageEncrypt(new Uint8Array(131_072), [me.recipient]);
    const chunk = 65_536 + 16;
    expect(await errorCode(ageDecrypt(file.subarray(0, file.length - chunk), [me.identity]))).toBe('DECRYPT_FAILED');
    expect(await errorCode(ageDecrypt(file.subarray(0, file.length - 16), [me.identity]))).toBe('DECRYPT_FAILED');
  });

  it('refuses a recipient stanza carrying a low-order or malformed share', async () => {
    const me = await generateAgeKeyPair();
    const file = Buffer.from(await ageEncrypt(text, [me.recipient]));
    const share = /-> X25519 ([A-Za-z0-9+/]{43})\n/.exec(file.toString('latin1'))?.[1] ?? '';
    // u = 0 and u = 1 are low-order points; "…AB" sets padding bits (non-canonical base64); the last is too short.
    for (const bad of ['A'.repeat(43), `AQ${'A'.repeat(41)}`, `${'A'.repeat(42)}B`, share.slice(0, 40)]) {
      const tampered = Buffer.from(file.toString('latin1').replace(share, bad), 'latin1');
      expect(await errorCode(ageDecrypt(tampered, [me.identity]))).toBe('DECRYPT_FAILED');
    }
  });
});

