/**
 * data.json without one string the size of the whole file. A 50,000-candidate snapshot is some 200 MB of JSON; as
 * one JavaScript string it is twice that (Vietnamese text makes it a two-byte string), held beside the objects it
 * becomes and the bytes it comes from. Here the top-level object is written and read one array element at a time,
 * so only one record's text exists at once. The bytes are exactly JSON.stringify's, and reading accepts exactly
 * what JSON.parse accepts.
 */

const encoder = new TextEncoder();

/** `JSON.stringify(value)` as UTF-8 bytes, each element of the top-level object's arrays serialised on its own. */
export function stringifyChunked(value: unknown): Uint8Array {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return encoder.encode(JSON.stringify(value));
  }
  const chunks: Uint8Array[] = [];
  let first = true;
  for (const [key, v] of Object.entries(value)) {
    const head = `${first ? '{' : ','}${JSON.stringify(key)}:`;
    if (Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      chunks.push(encoder.encode(`${head}[`));
      v.forEach((element, i) => chunks.push(encoder.encode(`${i > 0 ? ',' : ''}${JSON.stringify(element) ?? 'null'}`)));
      chunks.push(encoder.encode(']'));
    } else {
      const text = JSON.stringify(v);
      if (text === undefined) {
        continue;
      }
      chunks.push(encoder.encode(head + text));
    }
    first = false;
  }
  chunks.push(encoder.encode(first ? '{}' : '}'));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const INTEGER_KEY = /^(0|[1-9]\d*)$/;
/** Strict, and a U+FEFF starting a slice is kept: only the text's very start may carry a byte-order mark. */
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * `JSON.parse` of UTF-8 `bytes` (as decoded by `whole`, which must be strict), each element of the top-level object's arrays read
 * from its own slice. Throws where JSON.parse of the whole would (SyntaxError, or the decoder's TypeError).
 */
export function parseChunked(bytes: Uint8Array, whole: { decode(input: Uint8Array): string }): unknown {
  const start = bytes.findIndex((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
  if (bytes[start] !== 0x7b) {
    return JSON.parse(whole.decode(bytes));
  }
  // The skeleton is the text with each array value of the top-level object emptied to `[]`.
  const skeleton: string[] = [];
  const arrays: unknown[][] = [];
  let members = 0;
  let depth = 0;
  let inString = false;
  let from = 0;
  let element = 0;
  let current: unknown[] | null = null;
  const take = (end: number) => {
    current!.push(JSON.parse(decoder.decode(bytes.subarray(element, end))));
  };
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === BACKSLASH) {
        i++;
      } else if (b === QUOTE) {
        inString = false;
      }
    } else if (b === QUOTE) {
      inString = true;
      members += depth === 1 && members === 0 ? 1 : 0;
    } else if (b === 0x7b || b === 0x5b) {
      depth++;
      if (depth === 2 && b === 0x5b) {
        skeleton.push(decoder.decode(bytes.subarray(from, i + 1)));
        current = [];
        arrays.push(current);
        element = i + 1;
      }
    } else if (b === 0x7d || b === 0x5d) {
      if (depth === 2 && current) {
        // `[]` has no element; `[1,]` leaves an empty one, which JSON.parse refuses.
        if (current.length > 0 || decoder.decode(bytes.subarray(element, i)).trim() !== '') {
          take(i);
        }
        current = null;
        from = i;
      }
      depth--;
    } else if (b === COMMA && depth === 2 && current) {
      take(i);
      element = i + 1;
    } else if (b === COMMA && depth === 1) {
      members++;
    }
  }
  skeleton.push(decoder.decode(bytes.subarray(from)));
  const parsed = JSON.parse(skeleton.join('')) as Record<string, unknown>;
  const keys = Object.keys(parsed);
  const emptied = keys.filter((k) => Array.isArray(parsed[k]));
  // Each emptied array goes back to its key in document order, which is the object's key order unless a key is
  // repeated or integer-like: then the whole text is parsed at once, as JSON.parse would.
  if (keys.length !== members || emptied.length !== arrays.length || keys.some((k) => INTEGER_KEY.test(k))) {
    return JSON.parse(whole.decode(bytes));
  }
  emptied.forEach((key, i) => {
    parsed[key] = arrays[i];
  });
  return parsed;
}
