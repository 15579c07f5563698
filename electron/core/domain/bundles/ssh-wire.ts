/**
 * The SSH wire encoding (RFC 4251 §5) used by OpenSSH keys and signatures: big-endian uint32, and byte strings
 * prefixed by their uint32 length. The reader fails on any truncation instead of reading past the end, because
 * every blob it sees may come from a hostile file.
 */

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** Raised by the reader on malformed input; callers translate it into their own coded AppError. */
export class WireError extends Error {}

/** A big-endian uint32. */
export function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

/** A length-prefixed SSH string (text is UTF-8 encoded). */
export function sshString(value: Uint8Array | string): Uint8Array {
  const bytes = typeof value === 'string' ? encoder.encode(value) : value;
  return concatBytes(u32(bytes.length), bytes);
}

/** Concatenates byte arrays. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Byte equality; not constant-time, which is fine because it only ever compares public keys. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** A cursor over a wire-encoded blob. */
export class WireReader {
  private offset = 0;

  constructor(private readonly buf: Uint8Array) {}

  /** The next `n` raw bytes. */
  bytes(n: number): Uint8Array {
    if (n < 0 || this.offset + n > this.buf.length) {
      throw new WireError('truncated');
    }
    const out = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /** The next big-endian uint32. */
  u32(): number {
    const b = this.bytes(4);
    return new DataView(b.buffer, b.byteOffset, 4).getUint32(0);
  }

  /** The next length-prefixed string, as bytes. */
  string(): Uint8Array {
    return this.bytes(this.u32());
  }

  /** The next length-prefixed string, decoded as strict UTF-8. */
  text(): string {
    try {
      return strictDecoder.decode(this.string());
    } catch (error) {
      throw error instanceof WireError ? error : new WireError('not utf-8');
    }
  }

  /** Number of unread bytes. */
  remaining(): number {
    return this.buf.length - this.offset;
  }

  /** Fails unless every byte was read: trailing data is never silently ignored. */
  end(): void {
    if (this.remaining() !== 0) {
      throw new WireError('trailing data');
    }
  }
}

/** Strict base64: rejects anything that does not re-encode to the same text (Buffer's decoder skips junk). */
export function decodeBase64Strict(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) {
    throw new WireError('base64');
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Base64 of `bytes`. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
}

/** PEM-like armor as OpenSSH writes it: base64 wrapped at 70 columns between BEGIN/END lines. */
export function armor(label: string, bytes: Uint8Array): string {
  const lines = encodeBase64(bytes).match(/.{1,70}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Inverse of {@link armor}; tolerates CRLF and surrounding blank lines, nothing else. */
export function dearmor(label: string, text: string): Uint8Array {
  const lines = text.replace(/\r\n/g, '\n').trim().split('\n');
  if (lines.length < 3 || lines[0] !== `-----BEGIN ${label}-----` || lines.at(-1) !== `-----END ${label}-----`) {
    throw new WireError('armor');
  }
  return decodeBase64Strict(lines.slice(1, -1).join(''));
}
