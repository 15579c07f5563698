import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { bundleError } from './errors';
import {
  armor,
  bytesEqual,
  concatBytes,
  dearmor,
  decodeBase64Strict,
  encodeBase64,
  sshString,
  u32,
  WireError,
  WireReader,
} from './ssh-wire';

/**
 * Ed25519 signing keys in OpenSSH's own formats (PROTOCOL.key), so the files ptdv exports work with `ssh-keygen`
 * unchanged. Private keys are written unencrypted: they live inside the encrypted database, never on disk alone.
 */

const KEY_TYPE = 'ssh-ed25519';
const PRIVATE_LABEL = 'OPENSSH PRIVATE KEY';
const AUTH_MAGIC = new TextEncoder().encode('openssh-key-v1\0');
/** OpenSSH pads the private section to the cipher block size, 8 for "none". */
const PRIVATE_BLOCK = 8;
/** DER prefixes of PKCS#8 / SPKI Ed25519 keys (RFC 8410), the only raw-key doors node:crypto has. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A parsed Ed25519 private key: 32-byte seed, 32-byte public key and the comment stored with it. */
export type Ed25519PrivateKey = { seed: Uint8Array; publicKey: Uint8Array; comment: string };

/** A parsed `ssh-ed25519 AAAA… comment` line. */
export type Ed25519PublicKey = { key: Uint8Array; comment: string };

/** A freshly generated signing key in the forms the rest of ptdv stores and shows. */
export type SigningKeyPair = { privateKey: string; publicKey: string; fingerprint: string };

/** Generates an Ed25519 key; `comment` (usually the unit code) ends up in both OpenSSH files. */
export function generateSigningKey(comment: string): SigningKeyPair {
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const seed = new Uint8Array(der.subarray(PKCS8_PREFIX.length));
  const key: Ed25519PrivateKey = { seed, publicKey: publicFromSeed(seed), comment };
  const publicKey = formatPublicKey(key.publicKey, comment);
  return { privateKey: formatPrivateKey(key), publicKey, fingerprint: fingerprintOf(publicKey) };
}

/** The wire blob of a public key (`string "ssh-ed25519" || string key`), which fingerprints and SSHSIG embed. */
export function publicKeyBlob(key: Uint8Array): Uint8Array {
  return concatBytes(sshString(KEY_TYPE), sshString(key));
}

/** Parses a public key blob, refusing other key types and trailing bytes. */
export function parsePublicKeyBlob(blob: Uint8Array): Uint8Array {
  const reader = new WireReader(blob);
  if (reader.text() !== KEY_TYPE) {
    throw new WireError('key type');
  }
  const key = reader.string();
  reader.end();
  if (key.length !== 32) {
    throw new WireError('key length');
  }
  return key;
}

/** `ssh-ed25519 AAAA… comment`, as in `.pub` files and `ssh-keygen -y` output. */
export function formatPublicKey(key: Uint8Array, comment = ''): string {
  const line = `${KEY_TYPE} ${encodeBase64(publicKeyBlob(key))}`;
  return comment ? `${line} ${comment}` : line;
}

/** Parses a public key line. Throws AppError KEY_INVALID. */
export function parsePublicKey(line: string): Ed25519PublicKey {
  const match = /^ssh-ed25519 ([A-Za-z0-9+/]+={0,2})(?: (.*))?$/.exec(line.trim());
  if (!match?.[1]) {
    throw bundleError('KEY_INVALID', 'khóa công khai phải có dạng ssh-ed25519 AAAA…');
  }
  try {
    return { key: parsePublicKeyBlob(decodeBase64Strict(match[1])), comment: match[2] ?? '' };
  } catch {
    throw bundleError('KEY_INVALID', 'khóa công khai ssh-ed25519 bị hỏng');
  }
}

/** Serialises a private key as `-----BEGIN OPENSSH PRIVATE KEY-----` (cipher none), readable by `ssh-keygen -y`. */
export function formatPrivateKey(key: Ed25519PrivateKey): string {
  const blob = publicKeyBlob(key.publicKey);
  // The check integer only detects a wrong passphrase on encrypted keys; OpenSSH uses a random one too.
  const check = randomBytes(4);
  const section = concatBytes(
    check,
    check,
    sshString(KEY_TYPE),
    sshString(key.publicKey),
    sshString(concatBytes(key.seed, key.publicKey)),
    sshString(key.comment),
  );
  const padLength = (PRIVATE_BLOCK - (section.length % PRIVATE_BLOCK)) % PRIVATE_BLOCK;
  const padding = Uint8Array.from({ length: padLength }, (_, i) => i + 1);
  const body = concatBytes(
    AUTH_MAGIC,
    sshString('none'),
    sshString('none'),
    sshString(''),
    u32(1),
    sshString(blob),
    sshString(concatBytes(section, padding)),
  );
  return armor(PRIVATE_LABEL, body);
}

/** Parses an unencrypted OpenSSH Ed25519 private key and checks that its halves agree. Throws AppError KEY_INVALID. */
export function parsePrivateKey(text: string): Ed25519PrivateKey {
  try {
    const reader = new WireReader(dearmor(PRIVATE_LABEL, text));
    if (!bytesEqual(reader.bytes(AUTH_MAGIC.length), AUTH_MAGIC)) {
      throw new WireError('magic');
    }
    if (reader.text() !== 'none' || reader.text() !== 'none' || reader.string().length !== 0 || reader.u32() !== 1) {
      throw new WireError('encrypted or multi-key files are not ptdv keys');
    }
    const publicKey = parsePublicKeyBlob(reader.string());
    const key = readPrivateSection(reader.string());
    reader.end();
    if (!bytesEqual(key.publicKey, publicKey) || !bytesEqual(publicFromSeed(key.seed), publicKey)) {
      throw new WireError('public and private halves differ');
    }
    return key;
  } catch (error) {
    if (error instanceof WireError) {
      throw bundleError('KEY_INVALID', 'khóa bí mật OpenSSH ed25519 bị hỏng hoặc đã được đặt mật khẩu');
    }
    throw error;
  }
}

function readPrivateSection(section: Uint8Array): Ed25519PrivateKey {
  if (section.length % PRIVATE_BLOCK !== 0) {
    throw new WireError('padding');
  }
  const reader = new WireReader(section);
  if (reader.u32() !== reader.u32() || reader.text() !== KEY_TYPE) {
    throw new WireError('check or type');
  }
  const publicKey = reader.string();
  const secret = reader.string();
  const comment = reader.text();
  const padding = reader.bytes(reader.remaining());
  if (secret.length !== 64 || !bytesEqual(secret.subarray(32), publicKey) || !padding.every((b, i) => b === i + 1)) {
    throw new WireError('private section');
  }
  return { seed: secret.slice(0, 32), publicKey: publicKey.slice(), comment };
}

/** The public key line of a private key (what `ssh-keygen -y -f` prints). */
export function publicKeyOf(privateKey: string): string {
  const key = parsePrivateKey(privateKey);
  return formatPublicKey(key.publicKey, key.comment);
}

/** A node:crypto key object for signing with `seed`. */
export function signingKeyObject(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** A node:crypto key object for verifying with a raw 32-byte public key. */
export function verifyingKeyObject(key: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, key]), format: 'der', type: 'spki' });
}

function publicFromSeed(seed: Uint8Array): Uint8Array {
  const der = createPublicKey(signingKeyObject(seed)).export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(SPKI_PREFIX.length));
}

/** `SHA256:…` exactly as `ssh-keygen -lf` prints it: unpadded base64 of SHA-256 over the key blob. */
export function fingerprintOf(publicKey: string | Uint8Array): string {
  const key = typeof publicKey === 'string' ? parsePublicKey(publicKey).key : publicKey;
  const digest = createHash('sha256').update(publicKeyBlob(key)).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

/** Digits in the read-aloud code: 20 decimal digits carry 66 bits, far past what a forger can search. */
const READ_ALOUD_DIGITS = 20;
const READ_ALOUD_GROUP = 4;

/**
 * The short code both sides read aloud (by phone) before a superior marks a unit's key verified: 5 groups of 4
 * digits, because digits are read unambiguously in Vietnamese ("một hai ba bốn") where letters are not.
 * Derived from the fingerprint's hash, so a different key gives a different code. Throws AppError KEY_INVALID.
 */
export function readAloudCode(fingerprint: string): string {
  const match = /^SHA256:([A-Za-z0-9+/]{43})$/.exec(fingerprint);
  if (!match?.[1]) {
    throw bundleError('KEY_INVALID', 'dấu vân tay phải có dạng SHA256:…');
  }
  const digest = Buffer.from(match[1], 'base64');
  // 128 bits reduced modulo 10^20 leaves a bias below 2^-60: every code is equally likely in practice.
  const value = BigInt(`0x${digest.subarray(0, 16).toString('hex')}`) % 10n ** BigInt(READ_ALOUD_DIGITS);
  const digits = value.toString().padStart(READ_ALOUD_DIGITS, '0');
  return digits.match(new RegExp(`.{${READ_ALOUD_GROUP}}`, 'g'))?.join(' ') ?? digits;
}

/** True when two read-aloud codes are the same, ignoring spaces, dashes and dots people type between groups. */
export function sameReadAloudCode(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/[\s.-]/g, '');
  return /^\d{20}$/.test(norm(a)) && norm(a) === norm(b);
}
