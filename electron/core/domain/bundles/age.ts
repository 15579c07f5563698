import { createDecipheriv, hkdfSync } from 'node:crypto';
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { generateX25519KeyPairSync, nativeX25519Identity } from './age-x25519';
import { bundleError } from './errors';

/**
 * age v1 (age-encryption.org/v1) with X25519 keys, through the `age-encryption` package, so a bundle opens with
 * Debian's `age -d -i`. Only native X25519 recipients are used: Debian's age 1.1 does not know the newer
 * post-quantum or tag recipient types.
 */

/** An age X25519 key pair: `AGE-SECRET-KEY-1…` and its `age1…` recipient. */
export type AgeKeyPair = { identity: string; recipient: string };

const RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
const IDENTITY = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;

/** Generates an age X25519 identity. */
export async function generateAgeKeyPair(): Promise<AgeKeyPair> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

/** Generates an age X25519 identity without awaiting (for unit setup inside a database transaction). */
export function generateAgeKeyPairSync(): AgeKeyPair {
  return generateX25519KeyPairSync();
}

/** The `age1…` recipient of an X25519 identity. Throws AppError KEY_INVALID. */
export async function ageRecipientOf(identity: string): Promise<string> {
  if (!IDENTITY.test(identity)) {
    throw bundleError('KEY_INVALID', 'khóa bí mật age phải có dạng AGE-SECRET-KEY-1…');
  }
  try {
    return await identityToRecipient(identity);
  } catch {
    throw bundleError('KEY_INVALID', 'khóa bí mật age bị hỏng');
  }
}

/** True for a well-formed X25519 age recipient (checks the bech32 checksum, not only the shape). */
export function isAgeRecipient(text: string): boolean {
  if (!RECIPIENT.test(text)) {
    return false;
  }
  try {
    new Encrypter().addRecipient(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * An identity file as `age-keygen` writes it, for `age -d -i FILE`. `createdAt` is informative, as in age-keygen.
 */
export function formatAgeIdentityFile(pair: AgeKeyPair, createdAt: string): string {
  return `# created: ${createdAt}\n# public key: ${pair.recipient}\n${pair.identity}\n`;
}

/** Encrypts `plaintext` to every recipient (binary age format). Throws AppError KEY_INVALID on a bad recipient. */
export async function ageEncrypt(plaintext: Uint8Array, recipients: readonly string[]): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  for (const recipient of recipients) {
    if (!isAgeRecipient(recipient)) {
      throw bundleError('KEY_INVALID', `người nhận age không hợp lệ: ${recipient}`);
    }
    encrypter.addRecipient(recipient);
  }
  if (recipients.length === 0) {
    throw bundleError('KEY_INVALID', 'chưa có người nhận age nào');
  }
  return encrypter.encrypt(plaintext);
}

/** age-encryption 0.3.1's text when no identity unwraps a stanza (the package is pinned; a test pins this too). */
const NO_MATCH = 'no identity matched';

/**
 * Decrypts an age file with any of `identities` (old identities stay usable, so late bundles still open).
 * age-encryption parses the header and checks its MAC; the X25519 unwrap and the payload STREAM run on node's
 * native X25519 and ChaCha20-Poly1305, an order of magnitude faster than the package's JavaScript for a
 * superior importing hundreds of bundles. Throws AppError DECRYPT_NOT_FOR_ME when no identity matches a recipient stanza,
 * DECRYPT_FAILED on any other failure: a malformed header, a wrong header MAC, or a chunk failing its tag.
 */
export async function ageDecrypt(file: Uint8Array, identities: readonly string[]): Promise<Uint8Array> {
  return (await ageOpener(file, identities))();
}

/**
 * {@link ageDecrypt} in two steps: the header is opened once (the async part), and the returned function decrypts the
 * payload each time it is called, synchronously, so a large bundle can be read several times without keeping its
 * plaintext between reads.
 */
export async function ageOpener(file: Uint8Array, identities: readonly string[]): Promise<() => Uint8Array> {
  const decrypter = new Decrypter();
  for (const identity of identities) {
    const native = IDENTITY.test(identity) ? nativeX25519Identity(identity) : null;
    if (native === null) {
      throw bundleError('KEY_INVALID', 'khóa bí mật age phải có dạng AGE-SECRET-KEY-1… và đúng mã kiểm tra');
    }
    decrypter.addIdentity(native);
  }
  const { header, payload } = splitHeader(file);
  let fileKey: Uint8Array;
  try {
    fileKey = await decrypter.decryptHeader(header);
  } catch (error) {
    const notForMe = error instanceof Error && error.message.includes(NO_MATCH);
    throw bundleError(notForMe ? 'DECRYPT_NOT_FOR_ME' : 'DECRYPT_FAILED');
  }
  return () => decryptPayload(fileKey, payload);
}

/** The header ends with the line "--- <MAC>"; stanza lines never contain "\n---" (base64 has no "-"). */
function splitHeader(file: Uint8Array): { header: Uint8Array; payload: Uint8Array } {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.length);
  const macLine = buf.indexOf('\n--- ');
  const end = macLine < 0 ? -1 : buf.indexOf('\n', macLine + 1);
  if (end < 0) {
    throw bundleError('DECRYPT_FAILED', 'không tìm thấy phần đầu của tệp mã hóa');
  }
  return { header: file.subarray(0, end + 1), payload: file.subarray(end + 1) };
}

const PAYLOAD_NONCE = 16;
const CHUNK = 64 * 1024;
const TAG = 16;

/**
 * age's STREAM (age-encryption.org/v1, "Payload"): 64 KiB chunks, each sealed with ChaCha20-Poly1305 under a
 * 12-byte nonce of an 11-byte big-endian counter and a last-chunk flag. The flag makes truncation at a chunk
 * boundary fail; an empty last chunk is allowed only as the sole chunk, as the spec requires.
 */
function decryptPayload(fileKey: Uint8Array, payload: Uint8Array): Uint8Array {
  const body = payload.subarray(PAYLOAD_NONCE);
  if (payload.length < PAYLOAD_NONCE + TAG) {
    throw bundleError('DECRYPT_FAILED', 'tệp bị cắt cụt');
  }
  const key = Buffer.from(hkdfSync('sha256', fileKey, payload.subarray(0, PAYLOAD_NONCE), 'payload', 32));
  const chunks = Math.ceil(body.length / (CHUNK + TAG));
  const out = new Uint8Array(body.length - chunks * TAG);
  for (let i = 0; i < chunks; i++) {
    const piece = body.subarray(i * (CHUNK + TAG), (i + 1) * (CHUNK + TAG));
    const last = i === chunks - 1;
    if (piece.length < TAG || (last && piece.length === TAG && i > 0)) {
      throw bundleError('DECRYPT_FAILED', 'tệp bị cắt cụt');
    }
    const nonce = new Uint8Array(12);
    new DataView(nonce.buffer).setUint32(7, i);
    nonce[11] = last ? 1 : 0;
    const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
    decipher.setAuthTag(piece.subarray(piece.length - TAG));
    const plain = decipher.update(piece.subarray(0, piece.length - TAG));
    try {
      decipher.final();
    } catch {
      throw bundleError('DECRYPT_FAILED');
    }
    out.set(plain, i * CHUNK);
  }
  return out;
}
