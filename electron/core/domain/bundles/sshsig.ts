import { createHash, sign, verify } from 'node:crypto';
import { bundleError } from './errors';
import type { Ed25519PrivateKey } from './keys';
import {
  formatPublicKey,
  parsePrivateKey,
  parsePublicKey,
  parsePublicKeyBlob,
  publicKeyBlob,
  signingKeyObject,
  verifyingKeyObject,
} from './keys';
import { armor, concatBytes, dearmor, sshString, u32, WireReader } from './ssh-wire';

/**
 * Detached signatures in the format of `ssh-keygen -Y sign` (OpenSSH PROTOCOL.sshsig), so an auditor can check a
 * bundle's SHA256SUMS with `ssh-keygen -Y verify` and no ptdv. The namespace binds a signature to its purpose:
 * a bundle signature can never be replayed as, say, a git commit signature, and vice versa.
 */

/** The SSHSIG namespace of bundle signatures. */
export const BUNDLE_NAMESPACE = 'ptdv-bundle@1';

const MAGIC = new TextEncoder().encode('SSHSIG');
const VERSION = 1;
const LABEL = 'SSH SIGNATURE';
const SIG_TYPE = 'ssh-ed25519';
/** ssh-keygen's default; sha256 is accepted on input because `ssh-keygen -Y sign -O hashalg=sha256` exists. */
const SIGN_HASH = 'sha512';
const VERIFY_HASHES = new Set(['sha256', 'sha512']);

/** The parts of an SSHSIG blob. */
export type Sshsig = { publicKey: Uint8Array; namespace: string; hashAlgorithm: string; signature: Uint8Array };

function signedData(message: Uint8Array, namespace: string, hashAlgorithm: string): Uint8Array {
  const digest = createHash(hashAlgorithm).update(message).digest();
  return concatBytes(MAGIC, sshString(namespace), sshString(''), sshString(hashAlgorithm), sshString(digest));
}

/** Signs `message` and returns the armored `-----BEGIN SSH SIGNATURE-----` text, as `ssh-keygen -Y sign` writes. */
export function signSshsig(
  message: Uint8Array,
  privateKey: string | Ed25519PrivateKey,
  namespace: string = BUNDLE_NAMESPACE,
): string {
  const key = typeof privateKey === 'string' ? parsePrivateKey(privateKey) : privateKey;
  const raw = sign(null, signedData(message, namespace, SIGN_HASH), signingKeyObject(key.seed));
  const blob = concatBytes(
    MAGIC,
    u32(VERSION),
    sshString(publicKeyBlob(key.publicKey)),
    sshString(namespace),
    sshString(''),
    sshString(SIGN_HASH),
    sshString(concatBytes(sshString(SIG_TYPE), sshString(raw))),
  );
  return armor(LABEL, blob);
}

/** Parses an armored SSHSIG (Ed25519 only). Throws AppError SIGNATURE_INVALID. */
export function parseSshsig(text: string): Sshsig {
  try {
    const reader = new WireReader(dearmor(LABEL, text));
    const magic = reader.bytes(MAGIC.length);
    if (!magic.every((b, i) => b === MAGIC[i]) || reader.u32() !== VERSION) {
      throw new Error('magic or version');
    }
    const publicKey = parsePublicKeyBlob(reader.string());
    const namespace = reader.text();
    reader.string();
    const hashAlgorithm = reader.text();
    const sigReader = new WireReader(reader.string());
    reader.end();
    const sigType = sigReader.text();
    const signature = sigReader.string();
    sigReader.end();
    if (sigType !== SIG_TYPE || signature.length !== 64) {
      throw new Error('signature type');
    }
    return { publicKey, namespace, hashAlgorithm, signature };
  } catch {
    throw bundleError('SIGNATURE_INVALID', 'chữ ký không đúng định dạng SSH SIGNATURE ed25519');
  }
}

/**
 * Verifies an armored SSHSIG over `message` in `namespace` and returns the signer's raw public key, which the
 * caller must still compare with the key it trusts. Throws AppError SIGNATURE_INVALID.
 */
export function verifySshsig(message: Uint8Array, text: string, namespace: string = BUNDLE_NAMESPACE): Uint8Array {
  const sig = parseSshsig(text);
  if (sig.namespace !== namespace) {
    throw bundleError('SIGNATURE_INVALID', `chữ ký dành cho mục đích khác (${sig.namespace})`);
  }
  if (!VERIFY_HASHES.has(sig.hashAlgorithm)) {
    throw bundleError('SIGNATURE_INVALID', `thuật toán băm không được hỗ trợ (${sig.hashAlgorithm})`);
  }
  const data = signedData(message, namespace, sig.hashAlgorithm);
  if (!verify(null, data, verifyingKeyObject(sig.publicKey), sig.signature)) {
    throw bundleError('SIGNATURE_INVALID');
  }
  return sig.publicKey;
}

/**
 * One line of an OpenSSH `allowed_signers` file (`ssh-keygen -Y verify -f`), restricting the key to bundle
 * signatures: `CB014 namespaces="ptdv-bundle@1" ssh-ed25519 AAAA…`. Throws AppError KEY_INVALID.
 */
export function allowedSignersLine(code: string, publicKey: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(code)) {
    throw bundleError('KEY_INVALID', `mã đơn vị không hợp lệ: ${code}`);
  }
  return `${code} namespaces="${BUNDLE_NAMESPACE}" ${formatPublicKey(parsePublicKey(publicKey).key)}`;
}
