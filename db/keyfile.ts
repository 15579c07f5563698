import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { z } from 'zod';

/**
 * The database is encrypted with a random 256-bit data key. That key is stored next to the database, wrapped
 * (AES-256-GCM) once under a key derived from the passphrase and once under one derived from the recovery code, so
 * either opens the database and changing the passphrase rewrites only this small file, never the database.
 */

export const KEYFILE_FORMAT = 'ptdv.keyfile/1';
/** scrypt N=2^15, r=8: about 60 ms and 32 MiB here, a few hundred ms on an old laptop; costly for guessing. */
const SCRYPT = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
export const MIN_PASSPHRASE_LENGTH = 8;

const b64 = z.string().regex(/^[A-Za-z0-9+/]+=*$/);
const slotSchema = z.strictObject({
  kind: z.enum(['passphrase', 'recovery']),
  salt: b64,
  nonce: b64,
  wrapped: b64,
  tag: b64,
});
export const keyFileSchema = z.strictObject({
  format: z.literal(KEYFILE_FORMAT),
  kdf: z.strictObject({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int() }),
  slots: z.array(slotSchema).min(1),
});
export type KeyFile = z.infer<typeof keyFileSchema>;
type Slot = z.infer<typeof slotSchema>;

function deriveKek(secret: string, salt: Buffer, kdf: KeyFile['kdf']): Buffer {
  return scryptSync(secret.normalize('NFC'), salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: SCRYPT.maxmem });
}

function wrap(kind: Slot['kind'], secret: string, dataKey: Buffer): Slot {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKek(secret, salt, { name: 'scrypt', ...SCRYPT }), nonce);
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    kind,
    salt: salt.toString('base64'),
    nonce: nonce.toString('base64'),
    wrapped: wrapped.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

function unwrap(slot: Slot, secret: string, kdf: KeyFile['kdf']): Buffer | null {
  try {
    const kek = deriveKek(secret, Buffer.from(slot.salt, 'base64'), kdf);
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.nonce, 'base64'));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

/** Crockford base32 without I, L, O, U: nothing to confuse when read from paper. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A 100-bit recovery code shown once at setup, as 5 groups of 4 characters. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => CROCKFORD[b & 31]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** Recovery codes are typed back by people: ignore case, spaces, dashes and the look-alike letters. */
export function normaliseRecoveryCode(code: string): string {
  const clean = code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  return clean.length === 20 ? clean.match(/.{4}/g)!.join('-') : code;
}

/** Creates the data key and its key file. The recovery code must be shown to the user once and never stored. */
export function createKeyFile(passphrase: string): { keyFile: KeyFile; dataKey: Buffer; recoveryCode: string } {
  const dataKey = randomBytes(32);
  const recoveryCode = newRecoveryCode();
  const keyFile: KeyFile = {
    format: KEYFILE_FORMAT,
    kdf: { name: 'scrypt', N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p },
    slots: [wrap('passphrase', passphrase, dataKey), wrap('recovery', recoveryCode, dataKey)],
  };
  return { keyFile, dataKey, recoveryCode };
}

/** Returns the data key for a passphrase or a recovery code, or null when neither matches. */
export function unlockKeyFile(keyFile: KeyFile, secret: string): Buffer | null {
  const candidates = [
    ...keyFile.slots.filter((s) => s.kind === 'passphrase').map((s) => [s, secret] as const),
    ...keyFile.slots.filter((s) => s.kind === 'recovery').map((s) => [s, normaliseRecoveryCode(secret)] as const),
  ];
  for (const [slot, value] of candidates) {
    const key = unwrap(slot, value, keyFile.kdf);
    // GCM's tag already proves the secret was right; a wrong one fails to unwrap.
    if (key) {
      return key;
    }
  }
  return null;
}

/** A new key file with the passphrase slot replaced; the recovery slot and the data key stay as they were. */
export function rewrapPassphrase(keyFile: KeyFile, dataKey: Buffer, newPassphrase: string): KeyFile {
  return {
    ...keyFile,
    slots: [wrap('passphrase', newPassphrase, dataKey), ...keyFile.slots.filter((s) => s.kind !== 'passphrase')],
  };
}

/** Parses key-file text; null when it is not a ptdv key file. */
export function parseKeyFile(text: string): KeyFile | null {
  try {
    const parsed = keyFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
