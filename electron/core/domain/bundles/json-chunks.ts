/**
 * data.json without one string the size of the whole file. A 50,000-candidate snapshot is some 200 MB of JSON; as
 * one JavaScript string it is twice that (Vietnamese text makes it a two-byte string), held beside the objects it
 * becomes and the bytes it comes from. Here the top-level object is written and read one array element at a time,
 * so only one record's text exists at once. The bytes are exactly JSON.stringify's, and reading accepts exactly
 * what JSON.parse accepts.
 */

const encoder = new TextEncoder();

/** A member of a top-level object written a piece at a time: a value, or an array whose elements `elements` pushes. */
export type JsonField = { key: string; value: unknown } | { key: string; elements: (push: (element: unknown) => void) => void };

/** Elements are gathered into pieces of about this many characters before being encoded. */
const PIECE_CHARS = 64 * 1024;

/**
 * Writes the object whose members `fields` lists to `out` as UTF-8, the bytes `JSON.stringify` would give it, with
 * each array element serialised on its own: only a piece of the text exists at once, whatever the array's length.
 */
export function writeJsonObject(fields: Iterable<JsonField>, out: (chunk: Uint8Array) => void): void {
  let first = true;
  for (const field of fields) {
    const head = `${first ? '{' : ','}${JSON.stringify(field.key)}:`;
    if ('elements' in field) {
      let piece = `${head}[`;
      let count = 0;
      field.elements((element) => {
        piece += `${count > 0 ? ',' : ''}${JSON.stringify(element) ?? 'null'}`;
        count++;
        if (piece.length >= PIECE_CHARS) {
          out(encoder.encode(piece));
          piece = '';
        }
      });
      out(encoder.encode(`${piece}]`));
    } else {
      const text = JSON.stringify(field.value);
      if (text === undefined) {
        continue;
      }
      out(encoder.encode(head + text));
    }
    first = false;
  }
  out(encoder.encode(first ? '{}' : '}'));
}

/** `JSON.stringify(value)` as UTF-8 bytes, each element of the top-level object's arrays serialised on its own. */
export function stringifyChunked(value: unknown): Uint8Array {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return encoder.encode(JSON.stringify(value));
  }
  const chunks: Uint8Array[] = [];
  const fields = Object.entries(value).map(([key, v]): JsonField =>
    Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function' ? { key, elements: (push) => v.forEach((element) => push(element)) } : { key, value: v },
  );
  writeJsonObject(fields, (chunk) => chunks.push(chunk));
  return new Uint8Array(Buffer.concat(chunks));
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

const OPEN_OBJECT = 0x7b;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Reads a JSON text fed to it a piece at a time, handing each element of the top-level object's arrays to `element`
 * as it completes, so no more than one element's text and value exist at once. {@link JsonObjectReader.end} returns
 * the object with those arrays left empty. It accepts what JSON.parse accepts, with one exception: a repeated
 * top-level key (JSON.parse keeps the last) is refused, since its elements were already handed on. Throws
 * SyntaxError, or the strict decoder's TypeError, where JSON.parse would throw.
 */
export class JsonObjectReader {
  private mode: 'start' | 'object' | 'whole' = 'start';
  private readonly skeleton: Uint8Array[] = [];
  private depth = 0;
  private inString = false;
  private escaped = false;
  private expectKey = false;
  private keyParts: Uint8Array[] | null = null;
  private key = '';
  private readonly keys = new Set<string>();
  /** Inside an array of the top-level object: the parts of its current element, and how many it completed. */
  private element: Uint8Array[] | null = null;
  private count = 0;

  constructor(private readonly onElement: (key: string, element: unknown) => void) {}

  write(chunk: Uint8Array): void {
    let at = 0;
    if (this.mode === 'start') {
      while (at < chunk.length && isSpace(chunk[at]!)) {
        at++;
      }
      if (at === chunk.length) {
        return;
      }
      this.mode = chunk[at] === OPEN_OBJECT ? 'object' : 'whole';
    }
    if (this.mode === 'whole') {
      this.skeleton.push(chunk.subarray(at));
      return;
    }
    let from = at;
    for (let i = at; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
        } else if (b === BACKSLASH) {
          this.escaped = true;
        } else if (b === QUOTE) {
          this.inString = false;
          if (this.keyParts) {
            this.keyParts.push(chunk.subarray(from, i + 1));
            this.endKey();
            from = i + 1;
          }
        }
      } else if (b === QUOTE) {
        this.inString = true;
        if (this.depth === 1 && this.expectKey) {
          this.skeleton.push(chunk.subarray(from, i));
          this.expectKey = false;
          this.keyParts = [];
          from = i;
        }
      } else if (b === OPEN_OBJECT || b === 0x5b) {
        this.depth++;
        if (this.depth === 1) {
          this.expectKey = true;
        } else if (this.depth === 2 && b === 0x5b) {
          this.skeleton.push(chunk.subarray(from, i + 1));
          this.element = [];
          this.count = 0;
          from = i + 1;
        }
      } else if (b === 0x7d || b === 0x5d) {
        if (this.depth === 2 && this.element) {
          const text = this.elementText(chunk.subarray(from, i));
          // `[]` has no element; `[1,]` leaves an empty one, which JSON.parse refuses.
          if (this.count > 0 || text.trim() !== '') {
            this.onElement(this.key, JSON.parse(text));
          }
          this.element = null;
          from = i;
        }
        this.depth--;
      } else if (b === COMMA && this.depth === 2 && this.element) {
        this.onElement(this.key, JSON.parse(this.elementText(chunk.subarray(from, i))));
        this.count++;
        this.element = [];
        from = i + 1;
      } else if (b === COMMA && this.depth === 1) {
        this.expectKey = true;
      }
    }
    (this.keyParts ?? this.element ?? this.skeleton).push(chunk.subarray(from));
  }

  /** The object read, its arrays empty. */
  end(): Record<string, unknown> {
    const text = decoder.decode(Buffer.concat(this.skeleton));
    if (this.mode !== 'object') {
      // Not an object (or nothing at all): what JSON.parse says of it, a byte-order mark at the start allowed as the whole-text decoder allows it.
      return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as Record<string, unknown>;
    }
    return JSON.parse(text) as Record<string, unknown>;
  }

  private endKey(): void {
    const raw = Buffer.concat(this.keyParts!);
    this.keyParts = null;
    this.skeleton.push(raw);
    this.key = JSON.parse(decoder.decode(raw)) as string;
    if (this.keys.has(this.key)) {
      throw new SyntaxError(`repeated key ${JSON.stringify(this.key.slice(0, 40))}`);
    }
    this.keys.add(this.key);
  }

  private elementText(last: Uint8Array): string {
    const parts = this.element!;
    return decoder.decode(parts.length === 0 ? last : Buffer.concat([...parts, last]));
  }
}
