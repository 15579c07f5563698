import { createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Identity, Stanza } from 'age-encryption';

/**
 * An age X25519 identity (age-encryption.org/v1, "The X25519 recipient type") on node's native X25519 and
 * ChaCha20-Poly1305. age-encryption's own identity does the curve arithmetic in JavaScript, about 2 ms per
 * stanza; a superior opening 500 bundles pays that a thousand times. It plugs into age-encryption's Decrypter
 * through the package's public `Identity` interface, so header parsing and the header MAC stay the package's.
 */

const HRP = 'age-secret-key-';
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
/** DER prefixes of PKCS#8 / SPKI X25519 keys (RFC 8410). */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const STANZA_LABEL = 'age-encryption.org/v1/X25519';

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const value of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    GENERATOR.forEach((g, i) => {
      if ((top >>> i) & 1) {
        chk ^= g;
      }
    });
  }
  return chk;
}

/** Decodes a BIP-173 bech32 string with the given prefix into bytes; null if anything is off. */
export function decodeBech32(prefix: string, text: string): Uint8Array | null {
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) {
    return null;
  }
  const lower = text.toLowerCase();
  if (!lower.startsWith(`${prefix}1`)) {
    return null;
  }
  const data = [...lower.slice(prefix.length + 1)].map((c) => CHARSET.indexOf(c));
  const expanded = [...prefix].map((c) => c.charCodeAt(0) >> 5).concat(0, [...prefix].map((c) => c.charCodeAt(0) & 31));
  if (data.length < 6 || data.includes(-1) || polymod([...expanded, ...data]) !== 1) {
    return null;
  }
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  for (const value of data.slice(0, -6)) {
    acc = (acc << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >>> bits) & 0xff);
    }
  }
  return bits >= 5 || (acc & ((1 << bits) - 1)) !== 0 ? null : Uint8Array.from(out);
}

/** Encodes bytes as BIP-173 bech32 with `prefix`, lower case (callers upper-case identities as age does). */
export function encodeBech32(prefix: string, bytes: Uint8Array): string {
  const data: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = ((acc << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      data.push((acc >>> bits) & 31);
    }
  }
  if (bits > 0) {
    data.push((acc << (5 - bits)) & 31);
  }
  const expanded = [...prefix].map((c) => c.charCodeAt(0) >> 5).concat(0, [...prefix].map((c) => c.charCodeAt(0) & 31));
  const checksum = polymod([...expanded, ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
  const check = Array.from({ length: 6 }, (_, i) => (checksum >>> (5 * (5 - i))) & 31);
  return `${prefix}1${[...data, ...check].map((v) => CHARSET[v]).join('')}`;
}

/**
 * A new X25519 identity and its recipient, synchronously on node's native X25519: unit setup runs inside one
 * database transaction, which cannot wait for the package's asynchronous generator.
 */
export function generateX25519KeyPairSync(): { identity: string; recipient: string } {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const scalar = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
  const point = publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  return { identity: encodeBech32(HRP, scalar).toUpperCase(), recipient: encodeBech32('age', point) };
}

function decodeShare(text: string | undefined): Buffer | null {
  if (!text || !/^[A-Za-z0-9+/]{43}$/.test(text)) {
    return null;
  }
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64').replace(/=+$/, '') === text ? bytes : null;
}

/** Key setup costs about as much as the unwrap itself, and a batch import reuses the same few identities. */
const cache = new Map<string, Identity>();
const CACHE_SIZE = 8;

/** A Decrypter identity for `AGE-SECRET-KEY-1…`, or null when the text is not a valid X25519 identity. */
export function nativeX25519Identity(identity: string): Identity | null {
  const cached = cache.get(identity);
  if (cached) {
    return cached;
  }
  const made = makeIdentity(identity);
  if (made) {
    if (cache.size >= CACHE_SIZE) {
      cache.clear();
    }
    cache.set(identity, made);
  }
  return made;
}

function makeIdentity(identity: string): Identity | null {
  const scalar = decodeBech32(HRP, identity);
  if (scalar?.length !== 32) {
    return null;
  }
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, scalar]), format: 'der', type: 'pkcs8' });
  const recipient = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  return { unwrapFileKey: (stanzas: Stanza[]) => unwrap(stanzas, privateKey, recipient) };
}

/**
 * Returns the file key from the first X25519 stanza sealed to this key, null if none is. Throws on a malformed
 * X25519 stanza, as age requires, so damage is not mistaken for "not for me".
 */
function unwrap(stanzas: readonly Stanza[], privateKey: KeyObject, recipient: Buffer): Uint8Array | null {
  for (const stanza of stanzas) {
    if (stanza.args[0] !== 'X25519') {
      continue;
    }
    const share = decodeShare(stanza.args[1]);
    if (stanza.args.length !== 2 || share === null || stanza.body.length !== 32) {
      throw new Error('malformed X25519 stanza');
    }
    const publicKey = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, share]), format: 'der', type: 'spki' });
    const shared = diffieHellman({ privateKey, publicKey });
    // A low-order share gives an all-zero secret anyone could compute; age requires refusing it.
    if (shared.every((b) => b === 0)) {
      throw new Error('low-order X25519 share');
    }
    const key = Buffer.from(hkdfSync('sha256', shared, Buffer.concat([share, recipient]), STANZA_LABEL, 32));
    const fileKey = openFileKey(key, stanza.body);
    if (fileKey !== null) {
      return fileKey;
    }
  }
  return null;
}

function openFileKey(key: Buffer, body: Uint8Array): Uint8Array | null {
  const decipher = createDecipheriv('chacha20-poly1305', key, Buffer.alloc(12), { authTagLength: 16 });
  decipher.setAuthTag(body.subarray(16));
  const plain = decipher.update(body.subarray(0, 16));
  try {
    decipher.final();
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}
