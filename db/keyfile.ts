import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt, scryptSync } from 'node:crypto';
import { z } from 'zod';

/**
 * The database is encrypted with a random 256-bit data key. That key is stored next to the database, wrapped
 * (AES-256-GCM) once under a key derived from the passphrase and once under one derived from the recovery code, so
 * either opens the database and changing the passphrase rewrites only this small file, never the database.
 */

export const KEYFILE_FORMAT = 'ptdv.keyfile/1';
/** scrypt N=2^15, r=8: about 60 ms and 32 MiB here, a few hundred ms on an old laptop; costly for guessing. */
const SCRYPT = { N: 32768, r: 8, p: 1 } as const;
/**
 * The costs a key file may name. The file is not trusted: a tampered one could ask for gigabytes of memory or
 * minutes of work before the passphrase is even tried, or for a cost so low that a copied file is cheap to guess.
 * The upper bounds leave room to raise the cost in a later version; 128·N·r·p bytes stay within MAX_MEMORY.
 */
const KDF_BOUNDS = { N: { min: 2 ** 15, max: 2 ** 17 }, r: { min: 8, max: 16 }, p: { min: 1, max: 4 } } as const;
const MAX_MEMORY = 256 * 1024 * 1024;

/** Canonical base64 of exactly `bytes` bytes: a shortened or lengthened field is damage, not a wrong passphrase. */
const b64 = (bytes: number) =>
  z.string().refine((s) => /^[A-Za-z0-9+/]+=*$/.test(s) && Buffer.from(s, 'base64').length === bytes && Buffer.from(s, 'base64').toString('base64') === s);
const slotSchema = z.strictObject({
  kind: z.enum(['passphrase', 'recovery']),
  salt: b64(16),
  nonce: b64(12),
  wrapped: b64(32),
  tag: b64(16),
});
const bounded = (b: { min: number; max: number }) => z.number().int().min(b.min).max(b.max);
const kdfSchema = z
  .strictObject({ name: z.literal('scrypt'), N: bounded(KDF_BOUNDS.N), r: bounded(KDF_BOUNDS.r), p: bounded(KDF_BOUNDS.p) })
  .refine((k) => (k.N & (k.N - 1)) === 0 && 128 * k.N * k.r * k.p <= MAX_MEMORY);
const keyFileFields = {
  format: z.literal(KEYFILE_FORMAT),
  kdf: kdfSchema,
  slots: z
    .array(slotSchema)
    .min(1)
    .refine((slots) => slots.some((s) => s.kind === 'passphrase') && slots.some((s) => s.kind === 'recovery')),
};
type KeyFileBody = z.infer<z.ZodObject<typeof keyFileFields>>;
/**
 * `check` is a SHA-256 over the rest, written since key files were checked for damage; older files lack it and
 * still open. It tells a key file that was changed by a disk error or an edit from a wrong passphrase.
 */
export const keyFileSchema = z
  .strictObject({ ...keyFileFields, check: z.string().regex(/^[0-9a-f]{64}$/).optional() })
  .refine((k) => k.check === undefined || k.check === checksum(k));
export type KeyFile = z.infer<typeof keyFileSchema>;
type Slot = z.infer<typeof slotSchema>;

function checksum(keyFile: KeyFileBody): string {
  const { format, kdf, slots } = keyFile;
  const canonical = { format, kdf: { name: kdf.name, N: kdf.N, r: kdf.r, p: kdf.p }, slots: slots.map(({ kind, salt, nonce, wrapped, tag }) => ({ kind, salt, nonce, wrapped, tag })) };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

function withChecksum(keyFile: KeyFileBody): KeyFile {
  const { format, kdf, slots } = keyFile;
  return { format, kdf, slots, check: checksum(keyFile) };
}

const scryptOptions = (kdf: KeyFile['kdf']) => ({ N: kdf.N, r: kdf.r, p: kdf.p, maxmem: MAX_MEMORY + 1024 * 1024 });

function deriveKek(secret: string, salt: Buffer, kdf: KeyFile['kdf']): Buffer {
  return scryptSync(secret.normalize('NFC'), salt, 32, scryptOptions(kdf));
}

/** deriveKek on the thread pool: the event loop goes on answering (a look at the progress of a restore) meanwhile. */
function deriveKekAsync(secret: string, salt: Buffer, kdf: KeyFile['kdf']): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret.normalize('NFC'), salt, 32, scryptOptions(kdf), (err, key) => (err ? reject(err) : resolve(key))));
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
    return unwrapWith(slot, deriveKek(secret, Buffer.from(slot.salt, 'base64'), kdf));
  } catch {
    return null;
  }
}

function unwrapWith(slot: Slot, kek: Buffer): Buffer | null {
  try {
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
  const keyFile = withChecksum({
    format: KEYFILE_FORMAT,
    kdf: { name: 'scrypt', N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p },
    slots: [wrap('passphrase', passphrase, dataKey), wrap('recovery', recoveryCode, dataKey)],
  });
  return { keyFile, dataKey, recoveryCode };
}

/** Returns the data key for a passphrase or a recovery code, or null when neither matches. */
export function unlockKeyFile(keyFile: KeyFile, secret: string): Buffer | null {
  return openKeyFile(keyFile, secret)?.dataKey ?? null;
}

/**
 * openKeyFile with each derivation on the thread pool, told before each slot it tries (`tried` of `slots`): a
 * derivation takes from a tenth of a second to a few seconds on an old laptop, and the screen should say so.
 */
export async function openKeyFileAsync(keyFile: KeyFile, secret: string, trying: (tried: number, slots: number) => void): Promise<{ dataKey: Buffer; via: Slot['kind'] } | null> {
  const candidates = secretsToTry(keyFile, secret);
  for (const [index, [slot, value]] of candidates.entries()) {
    trying(index, candidates.length);
    const key = unwrapWith(slot, await deriveKekAsync(value, Buffer.from(slot.salt, 'base64'), keyFile.kdf));
    if (key) {
      return { dataKey: key, via: slot.kind };
    }
  }
  return null;
}

const secretsToTry = (keyFile: KeyFile, secret: string) => [
  ...keyFile.slots.filter((s) => s.kind === 'passphrase').map((s) => [s, secret] as const),
  ...keyFile.slots.filter((s) => s.kind === 'recovery').map((s) => [s, normaliseRecoveryCode(secret)] as const),
];

/** The data key and which secret gave it: after a recovery code the app asks for a new passphrase at once. */
export function openKeyFile(keyFile: KeyFile, secret: string): { dataKey: Buffer; via: Slot['kind'] } | null {
  for (const [slot, value] of secretsToTry(keyFile, secret)) {
    const key = unwrap(slot, value, keyFile.kdf);
    // GCM's tag already proves the secret was right; a wrong one fails to unwrap.
    if (key) {
      return { dataKey: key, via: slot.kind };
    }
  }
  return null;
}

/** A new key file with the passphrase slot replaced; the recovery slot and the data key stay as they were. */
export function rewrapPassphrase(keyFile: KeyFile, dataKey: Buffer, newPassphrase: string): KeyFile {
  return withChecksum({
    ...keyFile,
    slots: [wrap('passphrase', newPassphrase, dataKey), ...keyFile.slots.filter((s) => s.kind !== 'passphrase')],
  });
}

/** Parses key-file text; null when it is not a ptdv key file or is damaged (fields, costs or checksum wrong). */
export function parseKeyFile(text: string): KeyFile | null {
  try {
    const parsed = keyFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
